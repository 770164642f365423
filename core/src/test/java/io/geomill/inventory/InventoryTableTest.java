package io.geomill.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.geomill.TestSpark;
import io.geomill.batch.BatchItem;
import io.geomill.batch.InputFile;
import io.geomill.batch.ItemOutcome;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

/** The inventory tables written from data-samples (broken files included) and read back independently. */
class InventoryTableTest {
  private static SparkSession spark;
  private static List<FileDescription> rows;

  @BeforeAll
  static void describeTheSamples() {
    spark = TestSpark.session();
    List<BatchItem<DatasetFiles>> items = Samples.items(Samples.ROOT);
    List<ItemOutcome<FileDescription>> outcomes = new ArrayList<>();
    for (BatchItem<DatasetFiles> item : items) {
      try {
        outcomes.add(ItemOutcome.ok(item.id(), List.of(), Inventory.describe(item.payload(), Samples.LOCAL), 0,
            "test", 0));
      } catch (DescribeException e) {
        outcomes.add(ItemOutcome.failed(item.id(), e, 0, "test", 0));
      }
    }
    rows = Inventory.rows(items, outcomes);
  }

  @Test
  void writesBothTablesSortedByPathAndLeavesNothingElse(@TempDir Path out) throws Exception {
    List<FileDescription> shuffled = new ArrayList<>(rows);
    Collections.reverse(shuffled);

    InventoryTable.write(spark, out.toString(), shuffled);

    assertThat(names(out)).containsExactlyInAnyOrder("inventory.csv", "inventory.parquet", "_geomill");
    assertThat(names(out.resolve("_geomill"))).isEmpty();
    assertThat(names(out.resolve("inventory.parquet"))).noneMatch(name -> name.endsWith(".crc"))
        .anyMatch(name -> name.endsWith(".parquet"));
    List<String> sortedPaths = rows.stream().map(FileDescription::path).sorted().toList();

    List<Row> csv = spark.read().option("header", "true").option("multiLine", "true").option("escape", "\"")
        .csv(out.resolve("inventory.csv").toString()).collectAsList();
    assertThat(csv).extracting(row -> row.<String>getAs("path")).containsExactlyElementsOf(sortedPaths);
    Map<String, Row> csvByPath = csv.stream().collect(Collectors.toMap(row -> row.getAs("path"), row -> row));
    Row empty = csvByPath.get("broken/empty.tif");
    assertThat(empty.<String>getAs("status")).isEqualTo("failed");
    assertThat(empty.<String>getAs("error")).isEqualTo("broken/empty.tif: empty file (0 bytes)");
    assertThat(empty.<String>getAs("uri")).endsWith("/data-samples/broken/empty.tif");
    assertThat(csvByPath.get("broken/pois_without_dbf.shp").<String>getAs("error"))
        .isEqualTo("broken/pois_without_dbf.shp: shapefile sidecar missing: pois_without_dbf.dbf");
    Row pois = csvByPath.get("vectors/gis_osm_pois_free_1.shp");
    assertThat(pois.<String>getAs("status")).isEqualTo("ok");
    assertThat(pois.<String>getAs("featureCount")).isEqualTo("12873");
    assertThat(pois.<String>getAs("fieldNames")).isEqualTo("osm_id,code,fclass,name");
    assertThat(pois.<String>getAs("crsWkt")).startsWith("GEOGCS[");
    assertThat(csvByPath.get("README.md").<String>getAs("status")).isEqualTo("not geodata");
    assertThat(csv).filteredOn(row -> "failed".equals(row.getAs("status"))).hasSize(7);

    String text = Files.readString(out.resolve("inventory.csv"), StandardCharsets.UTF_8);
    assertThat(text).startsWith("path,status,error,kind,format,crs,width,height,")
        .contains(",\"osm_id,code,fclass,name\",");

    Dataset<Row> geoParquet = spark.read().format("geoparquet").load(out.resolve("inventory.parquet").toString());
    assertThat(geoParquet.schema().apply(InventoryTable.FOOTPRINT).dataType().typeName()).isEqualTo("geometry");
    assertThat(geoParquet.columns()).doesNotContain("footprintWkt").contains("crsWkt", "problems", "error");
    List<Row> parquet = geoParquet.collectAsList();
    assertThat(parquet).extracting(row -> row.<String>getAs("path")).containsExactlyElementsOf(sortedPaths);
    Row geoPois = parquet.stream().filter(row -> row.getAs("path").equals(pois.getAs("path"))).findFirst()
        .orElseThrow();
    Envelope footprint = geoPois.<Geometry>getAs(InventoryTable.FOOTPRINT).getEnvelopeInternal();
    assertThat(footprint.getMinX()).isCloseTo(14.529429, within(1e-6));
    assertThat(footprint.getMaxY()).isCloseTo(53.125161, within(1e-6));
    assertThat(geoPois.<Long>getAs("featureCount")).isEqualTo(12873L);
    List<String> withFootprint = parquet.stream().filter(row -> row.getAs(InventoryTable.FOOTPRINT) != null)
        .map(row -> row.<String>getAs("path")).toList();
    assertThat(withFootprint).containsExactlyElementsOf(rows.stream().filter(r -> r.footprintWkt() != null)
        .map(FileDescription::path).sorted().toList());
    assertThat(withFootprint).contains("rasters/test1.tiff", "vectors/nyc_area_landmarks.gpkg")
        .doesNotContain("rasters/DEM.tif", "broken/empty.tif");
  }

  @Test
  void theWrittenGeoParquetDescribesItselfAsGeoParquet(@TempDir Path out) throws Exception {
    InventoryTable.write(spark, out.toString(), rows);
    Path table = out.resolve("inventory.parquet");
    String part = names(table).stream().filter(name -> name.endsWith(".parquet")).findFirst().orElseThrow();

    FileDescription d = Samples.describe(table, part);

    assertThat(d.format()).isEqualTo("GeoParquet");
    assertThat(d.featureCount()).isEqualTo(rows.size());
    assertThat(d.crs()).isEqualTo("EPSG:4326");
    assertThat(d.fieldNames()).startsWith("path,status,error,").doesNotContain(InventoryTable.FOOTPRINT);
    Envelope all = new Envelope();
    for (FileDescription row : rows) {
      if (row.footprintWkt() != null) {
        all.expandToInclude(new WKTReader().read(row.footprintWkt()).getEnvelopeInternal());
      }
    }
    assertThat(d.minX()).isCloseTo(all.getMinX(), within(1e-9));
    assertThat(d.maxY()).isCloseTo(all.getMaxY(), within(1e-9));
  }

  @Test
  void writingAgainReplacesTheTables(@TempDir Path out) throws Exception {
    InventoryTable.write(spark, out.toString(), rows);
    InventoryTable.write(spark, out.toString(), rows.subList(0, 2));

    assertThat(Files.readAllLines(out.resolve("inventory.csv"))).hasSize(3);
    assertThat(spark.read().format("geoparquet").load(out.resolve("inventory.parquet").toString()).count())
        .isEqualTo(2);
    assertThat(names(out.resolve("_geomill"))).isEmpty();
  }

  @Test
  void csvQuotesFieldsAsRfc4180Says() {
    InputFile file = new InputFile("file:/d/a.csv", "a \"quoted\", name.csv", 1, 1);
    FileDescription row = FileDescription.failed(DatasetFiles.single(file), "failed", "line one\nline two");

    String csv = InventoryTable.csv(List.of(row));

    String[] lines = csv.split("\n", 2);
    assertThat(lines[1]).startsWith("\"a \"\"quoted\"\", name.csv\",failed,\"line one\nline two\",,,,");
    assertThat(csv).endsWith("\n");
  }

  private static List<String> names(Path folder) {
    String[] names = new File(folder.toString()).list();
    return names == null ? List.of() : Arrays.asList(names);
  }
}
