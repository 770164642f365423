package io.geomill.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.batch.BatchItem;
import io.geomill.batch.InputFile;
import io.geomill.batch.ItemOutcome;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Grouping a file listing into datasets, and turning outcomes into table rows. */
class InventoryItemsTest {

  private static InputFile file(String relativePath, long size) {
    return new InputFile("file:/data/" + relativePath, relativePath, size, 1_700_000_000_000L);
  }

  private static Map<String, BatchItem<DatasetFiles>> byId(List<BatchItem<DatasetFiles>> items) {
    return items.stream().collect(Collectors.toMap(BatchItem::id, item -> item));
  }

  private static List<String> sidecarNames(BatchItem<DatasetFiles> item) {
    return item.payload().sidecars().stream().map(InputFile::name).toList();
  }

  @Test
  void sidecarsJoinTheirPrimaryWhateverTheLetterCase() {
    List<BatchItem<DatasetFiles>> items = Inventory.items(List.of(
        file("a/Roads.SHP", 100), file("a/roads.dbf", 20), file("a/ROADS.shx", 3), file("a/roads.shp.xml", 4),
        file("a/roads.prj", 5), file("a/DEM.tif", 1000), file("a/DEM.tif.aux.xml", 6), file("a/dem.tfw", 7),
        file("a/notes.txt", 8), file("b/roads.dbf", 9), file("a/grid.asc", 50), file("a/grid.prj", 2)));

    Map<String, BatchItem<DatasetFiles>> byId = byId(items);
    assertThat(items).extracting(BatchItem::id)
        .containsExactly("a/DEM.tif", "a/Roads.SHP", "a/grid.asc", "a/notes.txt", "b/roads.dbf");
    assertThat(sidecarNames(byId.get("a/Roads.SHP")))
        .containsExactly("ROADS.shx", "roads.dbf", "roads.prj", "roads.shp.xml");
    assertThat(sidecarNames(byId.get("a/DEM.tif"))).containsExactly("DEM.tif.aux.xml", "dem.tfw");
    assertThat(sidecarNames(byId.get("a/grid.asc"))).containsExactly("grid.prj");
    assertThat(byId.get("a/Roads.SHP").weight()).isEqualTo(100 + 20 + 3 + 4 + 5);
    assertThat(byId.get("b/roads.dbf").payload().sidecars()).isEmpty();
    assertThat(byId.get("a/notes.txt").payload().sidecars()).isEmpty();
    assertThat(byId.get("a/Roads.SHP").payload().sidecar(".dbf")).map(InputFile::name).contains("roads.dbf");
    assertThat(byId.get("a/DEM.tif").payload().sidecar(".aux.xml")).map(InputFile::name)
        .contains("DEM.tif.aux.xml");
  }

  @Test
  void namesDifferingOnlyInCaseAreNotLost() {
    List<BatchItem<DatasetFiles>> items =
        Inventory.items(List.of(file("a/x.shp", 1), file("a/x.dbf", 2), file("a/x.DBF", 3)));

    assertThat(items).extracting(BatchItem::id).containsExactly("a/x.dbf", "a/x.shp");
    assertThat(sidecarNames(byId(items).get("a/x.shp"))).containsExactly("x.DBF");
  }

  @Test
  void aChangedSidecarChangesTheFingerprint() {
    BatchItem<DatasetFiles> before = Inventory.items(List.of(file("x.shp", 100), file("x.dbf", 20))).get(0);
    BatchItem<DatasetFiles> after = Inventory.items(List.of(file("x.shp", 100), file("x.dbf", 21))).get(0);

    assertThat(before.fingerprint()).isNotEqualTo(after.fingerprint());
    assertThat(before.fingerprint()).contains("x.dbf=20@");
  }

  @Test
  void sameRelativePathUnderTwoRootsGetsDistinctIds() {
    InputFile first = new InputFile("file:/one/dem.tif", "dem.tif", 10, 1);
    InputFile second = new InputFile("file:/two/dem.tif", "dem.tif", 10, 1);

    assertThat(Inventory.items(List.of(first, second))).extracting(BatchItem::id)
        .containsExactly("file:/one/dem.tif", "file:/two/dem.tif");
  }

  @Test
  void dataSamplesGroupIntoOneItemPerDataset() {
    List<BatchItem<DatasetFiles>> items = Samples.items(Samples.ROOT);

    assertThat(items).extracting(BatchItem::id).containsExactly(
        "LICENSES/Apache-2.0.txt",
        "LICENSES/MIT-landlab.txt",
        "LICENSES/MIT-pyflwdir.txt",
        "LICENSES/MIT-whitebox-tools.txt",
        "LICENSES/ODbL-OpenStreetMap.txt",
        "README.md",
        "broken/empty.tif",
        "broken/notes_named_as.tif",
        "broken/orphan.dbf",
        "broken/png_named_as.tif",
        "broken/pois_truncated.shp",
        "broken/pois_without_dbf.shp",
        "broken/truncated_rhine_d8.tif",
        "proximity/nyc_landmarks_typed.shp",
        "proximity/nyc_taxi_pickups_2009-01.csv",
        "rasters/DEM.tif",
        "rasters/rhine_elv0.tif",
        "rasters/test1.tiff",
        "rasters/west_bijou_escarpment_snippet.asc",
        "vectors/gis_osm_pois_free_1.shp",
        "vectors/nyc-area-landmark/nyu_2451_34514.shp",
        "vectors/nyc-area-landmark/wfsrequest.txt",
        "vectors/nyc_area_landmarks.geojson",
        "vectors/nyc_area_landmarks.gpkg");
    assertThat(sidecarNames(byId(items).get("broken/pois_without_dbf.shp")))
        .containsExactly("pois_without_dbf.cpg", "pois_without_dbf.prj", "pois_without_dbf.shx");
    assertThat(sidecarNames(byId(items).get("proximity/nyc_taxi_pickups_2009-01.csv")))
        .containsExactly("nyc_taxi_pickups_2009-01.prj");
  }

  @Test
  void everyItemBecomesOneRowFailedOnesIncluded() throws Exception {
    List<BatchItem<DatasetFiles>> items = Inventory.items(List.of(file("a.shp", 100), file("a.dbf", 20),
        file("b.tif", 5), file("c.tif", 7), file("d.tif", 9)));
    FileDescription described = FileDescription.builder(items.get(0).payload())
        .format(FileDescription.VECTOR, "ESRI Shapefile").build();
    List<ItemOutcome<FileDescription>> outcomes = List.of(
        ItemOutcome.ok("a.shp", List.of(), described, 5, "driver", 0),
        ItemOutcome.failed("b.tif", new DescribeException("b.tif: empty file (0 bytes)", null), 1, "driver", 0),
        ItemOutcome.cancelled("c.tif"));

    List<FileDescription> rows = Inventory.rows(items, outcomes);

    assertThat(rows).extracting(FileDescription::path).containsExactly("a.shp", "b.tif", "c.tif", "d.tif");
    assertThat(rows).extracting(FileDescription::status).containsExactly("ok", "failed", "cancelled", "failed");
    assertThat(rows.get(0)).isSameAs(described);
    assertThat(rows.get(1).error()).isEqualTo("b.tif: empty file (0 bytes)");
    assertThat(rows.get(1).uri()).isEqualTo("file:/data/b.tif");
    assertThat(rows.get(1).sizeBytes()).isEqualTo(5);
    assertThat(rows.get(1).kind()).isNull();
    assertThat(rows.get(3).error()).isEqualTo("no outcome was recorded");
    assertThat(described.files()).isEqualTo("a.shp;a.dbf");
    assertThat(described.sizeBytes()).isEqualTo(120);
  }
}
