package io.geomill.fields;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.TestSpark;
import io.geomill.batch.BatchResult;
import io.geomill.batch.ItemStatus;
import io.geomill.testing.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** calculate-fields on real shapefiles: values read back by GDAL and Sedona, everything else unchanged. */
class CalculateFieldsShapefileTest {
  @TempDir
  Path work;

  @Test
  void addsAndSetsFieldsThatGdalAndSedonaReadBack() throws Exception {
    Path in = work.resolve("in");
    FieldsSamples.copy("proximity", "nyc_landmarks_typed", in.resolve("nyc"));
    FieldsSamples.copy("vectors", "gis_osm_pois_free_1", in);
    Path out = work.resolve("out");
    FieldEdits edits = FieldsSamples.edits(List.of("GTYPE:TEXT:20", "AREA:DOUBLE:20:6", "SRC:TEXT:40"),
        List.of("GTYPE=ST_GeometryType(geometry)", "AREA=ST_Area(geometry)", "SRC=file_stem()"), List.of());

    BatchResult<EditResult> result = FieldsSamples.run(in, out, edits, null, false);

    assertThat(result.failures()).isEmpty();
    assertThat(result.count(ItemStatus.OK)).isEqualTo(2);
    Path shp = out.resolve("nyc/nyc_landmarks_typed.shp");
    for (String suffix : List.of(".shp", ".shx", ".prj", ".cpg")) {
      assertThat(Files.readAllBytes(out.resolve("nyc/nyc_landmarks_typed" + suffix)))
          .as(suffix).isEqualTo(Files.readAllBytes(in.resolve("nyc/nyc_landmarks_typed" + suffix)));
    }
    List<Row> expected = TestSpark.session().read().format("shapefile").load(in.resolve("nyc").toString())
        .selectExpr("poly_id", "fullname", "ST_GeometryType(geometry)", "ST_Area(geometry)").collectAsList();
    List<Row> actual = TestSpark.session().read().format("shapefile").load(out.resolve("nyc").toString())
        .selectExpr("poly_id", "fullname", "GTYPE", "AREA", "SRC").collectAsList();
    assertThat(actual).hasSize(346);
    for (int i = 0; i < actual.size(); i++) {
      assertThat(actual.get(i).getLong(0)).isEqualTo(expected.get(i).getLong(0));
      assertThat(actual.get(i).getString(1)).isEqualTo(expected.get(i).getString(1));
      assertThat(actual.get(i).getString(2)).isEqualTo(expected.get(i).getString(2));
      assertThat(actual.get(i).getDecimal(3).doubleValue()).isCloseTo(expected.get(i).getDouble(3),
          org.assertj.core.api.Assertions.within(1.5e-6));
      assertThat(actual.get(i).getString(4)).isEqualTo("nyc_landmarks_typed");
    }
    ExternalTools.require("ogrinfo");
    String summary = ExternalTools.run("ogrinfo", "-so", "-al", shp.toString());
    assertThat(summary).contains("Feature Count: 346", "poly_id: Integer (9.0)", "fullname: String (254.0)",
        "GTYPE: String (20.0)", "AREA: Real (20.6)", "SRC: String (40.0)");
    String features = ExternalTools.run("ogrinfo", "-al", "-q", "-where", "poly_id = 0", shp.toString());
    assertThat(features).contains("GTYPE (String) = ST_Polygon", "SRC (String) = nyc_landmarks_typed");
    String pois = ExternalTools.run("ogrinfo", "-al", "-q", "-where", "osm_id = '26860257'",
        out.resolve("gis_osm_pois_free_1.shp").toString());
    assertThat(pois).contains("GTYPE (String) = ST_Point", "AREA (Real) = 0.000000", "SRC (String) = gis_osm_pois_free_1");
  }

  @Test
  void inPlaceReplacesOnlyTheTableKeepsOtherFieldsExactlyAndARerunSkips() throws Exception {
    Path in = work.resolve("data");
    FieldsSamples.copy("proximity", "nyc_landmarks_typed", in);
    byte[] shp = Files.readAllBytes(in.resolve("nyc_landmarks_typed.shp"));
    byte[] dbf = Files.readAllBytes(in.resolve("nyc_landmarks_typed.dbf"));
    FieldEdits edits = FieldsSamples.edits(List.of("W2:SHORT"), List.of("w_idx = w_idx * 10", "W2 = w_idx + 1"),
        List.of("mtfcc"));

    BatchResult<EditResult> first = FieldsSamples.run(in, null, edits, null, true);

    assertThat(first.failures()).isEmpty();
    assertThat(first.results().get(0).notes()).containsExactly("backup made in _backup/");
    assertThat(Files.readAllBytes(in.resolve("nyc_landmarks_typed.shp"))).isEqualTo(shp);
    assertThat(Files.readAllBytes(in.resolve("_backup/nyc_landmarks_typed.dbf"))).isEqualTo(dbf);
    try (var names = Files.list(in)) {
      assertThat(names.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("geomill-tmp"));
    }
    List<Row> rows = TestSpark.session().read().format("shapefile").load(in.resolve("nyc_landmarks_typed.shp")
        .toString()).selectExpr("poly_id", "type", "w_idx", "W2", "fullname").collectAsList();
    List<Row> before = TestSpark.session().read().format("shapefile").load(in.resolve("_backup").toString())
        .selectExpr("poly_id", "type", "w_idx", "fullname").collectAsList();
    for (int i = 0; i < rows.size(); i++) {
      assertThat(rows.get(i).getLong(0)).isEqualTo(before.get(i).getLong(0));
      assertThat(rows.get(i).getLong(2)).isEqualTo(before.get(i).getLong(2) * 10); // each --set sees the last
      assertThat(rows.get(i).getLong(3)).isEqualTo(before.get(i).getLong(2) * 10 + 1);
      assertThat(rows.get(i).getString(4)).isEqualTo(before.get(i).getString(3));
    }
    // existing field definitions and the values not set are the input's, byte for byte
    DbfBytes original = DbfBytes.read(in.resolve("_backup/nyc_landmarks_typed.dbf"));
    DbfBytes edited = DbfBytes.read(in.resolve("nyc_landmarks_typed.dbf"));
    assertThat(edited.fieldNames()).containsExactly("poly_id", "type", "w_idx", "fullname", "W2");
    for (String kept : List.of("poly_id", "type", "fullname")) {
      assertThat(edited.descriptor(kept)).isEqualTo(original.descriptor(kept));
      assertThat(edited.column(kept)).isEqualTo(original.column(kept));
    }
    assertThat(edited.descriptor("w_idx")).isEqualTo(original.descriptor("w_idx"));

    BatchResult<EditResult> rerun = FieldsSamples.run(in, null, edits, null, true);

    assertThat(rerun.count(ItemStatus.SKIPPED)).isEqualTo(1);
    assertThat(DbfBytes.read(in.resolve("nyc_landmarks_typed.dbf")).column("w_idx")).isEqualTo(edited.column("w_idx"));
    ExternalTools.require("ogrinfo");
    assertThat(ExternalTools.run("ogrinfo", "-al", "-q", "-where", "poly_id = 3",
        in.resolve("nyc_landmarks_typed.shp").toString())).contains("w_idx (Integer) = 40", "W2 (Integer) = 41")
        .doesNotContain("mtfcc");
  }
}
