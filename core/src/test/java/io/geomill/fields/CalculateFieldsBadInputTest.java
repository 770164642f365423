package io.geomill.fields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geomill.batch.BatchResult;
import io.geomill.batch.ItemOutcome;
import io.geomill.batch.ItemStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad inputs fail their own dataset with a reason; the others finish; nothing is half-written. */
class CalculateFieldsBadInputTest {
  @TempDir
  Path work;

  private Path mixedFolder(String name) throws Exception {
    Path in = work.resolve(name);
    FieldsSamples.copy("proximity", "nyc_landmarks_typed", in);
    FieldsSamples.copy("vectors", "gis_osm_pois_free_1", in);
    FieldsSamples.copy("broken", "pois_without_dbf", in);
    FieldsSamples.copy("broken", "pois_truncated", in);
    return in;
  }

  private static Map<String, ItemOutcome<EditResult>> byId(BatchResult<EditResult> result) {
    return result.outcomes().stream().collect(Collectors.toMap(ItemOutcome::itemId, o -> o));
  }

  private static List<String> files(Path folder) throws Exception {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void brokenShapefilesFailAloneAndLeaveNothing() throws Exception {
    Path out = work.resolve("out");
    BatchResult<EditResult> result = FieldsSamples.run(mixedFolder("in"), out,
        FieldsSamples.edits(List.of("G:TEXT:20"), List.of("G=ST_GeometryType(geometry)"), List.of()), null, false);

    Map<String, ItemOutcome<EditResult>> outcomes = byId(result);
    assertThat(outcomes.get("nyc_landmarks_typed.shp").status()).as(outcomes.toString()).isEqualTo(ItemStatus.OK);
    assertThat(outcomes.get("gis_osm_pois_free_1.shp").status()).as(outcomes.toString()).isEqualTo(ItemStatus.OK);
    assertThat(outcomes.get("pois_without_dbf.shp").message()).isEqualTo("shapefile sidecar missing: pois_without_dbf.dbf");
    assertThat(outcomes.get("pois_truncated.shp").message()).contains("truncated shapefile: the header of pois_truncated.shp says 380 bytes but the file has 250");
    assertThat(files(out)).filteredOn(f -> !f.startsWith("_geomill") && !f.equals("geomill-report.json"))
        .allMatch(f -> f.startsWith("nyc_landmarks_typed.") || f.startsWith("gis_osm_pois_free_1."));
  }

  @Test
  void unknownFieldsAreNamedWithTheLayersFields() throws Exception {
    BatchResult<EditResult> result = FieldsSamples.run(mixedFolder("in"), work.resolve("out"),
        FieldsSamples.edits(List.of(), List.of("fclass=upper(fclass)"), List.of()), null, false);

    Map<String, ItemOutcome<EditResult>> outcomes = byId(result);
    assertThat(outcomes.get("gis_osm_pois_free_1.shp").status()).isEqualTo(ItemStatus.OK);
    assertThat(outcomes.get("nyc_landmarks_typed.shp").message()).isEqualTo("--set fclass=upper(fclass): no field"
        + " fclass (add it with --add fclass:TYPE); the layer's fields: poly_id, type, w_idx, fullname, mtfcc");
    BatchResult<EditResult> reading = FieldsSamples.run(mixedFolder("in2"), work.resolve("out2"),
        FieldsSamples.edits(List.of(), List.of("type=typ + 1"), List.of()), null, false);
    assertThat(byId(reading).get("nyc_landmarks_typed.shp").message()).isEqualTo("--set type=typ + 1: unknown field"
        + " `typ`; the layer's fields: poly_id, type, w_idx, fullname, mtfcc (and geometry, file_stem, file_name,"
        + " file_path, layer_name)");
  }

  @Test
  void failedCastsAndValuesTooWideAreCountedAndNothingIsWritten() throws Exception {
    Path in = work.resolve("in");
    FieldsSamples.copy("vectors", "gis_osm_pois_free_1", in);
    FieldsSamples.copy("proximity", "nyc_landmarks_typed", in);
    byte[] dbf = Files.readAllBytes(in.resolve("gis_osm_pois_free_1.dbf"));
    List<String> before = files(in);

    BatchResult<EditResult> cast = FieldsSamples.run(in, null,
        FieldsSamples.edits(List.of(), List.of("code=fclass"), List.of()), null, false);
    String castFailure = byId(cast).get("gis_osm_pois_free_1.shp").message();
    assertThat(castFailure).startsWith("--set code=fclass: 12873 of 12873 features failed (first: feature 1,"
        + " [CAST_INVALID_INPUT] The value 'camp_site' of the type \"STRING\" cannot be cast to \"BIGINT\"");

    BatchResult<EditResult> wide = FieldsSamples.run(in, null,
        FieldsSamples.edits(List.of(), List.of("code=code * 1000"), List.of()), null, false);
    assertThat(byId(wide).get("gis_osm_pois_free_1.shp").message()).startsWith("field code: 12873 of 12873"
        + " features failed (first: feature 1, 2422000 needs 7 characters, more than the N(4) integer field holds)");

    BatchResult<EditResult> mismatch = FieldsSamples.run(in, null,
        FieldsSamples.edits(List.of(), List.of("type=geometry"), List.of()), null, false);
    assertThat(byId(mismatch).get("nyc_landmarks_typed.shp").message()).startsWith("--set type=geometry: ")
        .contains("DATATYPE_MISMATCH");

    assertThat(Files.readAllBytes(in.resolve("gis_osm_pois_free_1.dbf"))).isEqualTo(dbf);
    assertThat(files(in)).filteredOn(f -> !f.startsWith("_geomill") && !f.equals("geomill-report.json"))
        .isEqualTo(before);
  }

  @Test
  void aFieldNameTooLongForAShapefileIsAnErrorOfTheCommand() throws Exception {
    assertThatThrownBy(() -> FieldsSamples.run(mixedFolder("in"), work.resolve("out"),
        FieldsSamples.edits(List.of("POPULATION2:LONG"), List.of(), List.of()), null, false))
        .isInstanceOf(FieldEditException.class).hasMessageStartingWith("--add POPULATION2: a shapefile (DBF) field"
            + " name has at most 10");
  }
}
