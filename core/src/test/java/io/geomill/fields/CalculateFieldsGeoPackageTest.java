package io.geomill.fields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.geomill.TestSpark;
import io.geomill.batch.BatchResult;
import io.geomill.batch.ItemStatus;
import io.geomill.spark.GeoMillSpark;
import io.geomill.testing.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** calculate-fields on a real GeoPackage: SQL on a copy, read back by GDAL and Sedona, the rest kept. */
class CalculateFieldsGeoPackageTest {
  private static final String LAYER = "nyc_area_landmarks";

  @TempDir
  Path work;

  @Test
  void addsSetsAndDeletesColumnsKeepingTheRestOfTheFile() throws Exception {
    Path in = work.resolve("in");
    FieldsSamples.copy("vectors", LAYER, in);
    Files.delete(in.resolve(LAYER + ".geojson"));
    Path out = work.resolve("out");
    FieldEdits edits = FieldsSamples.edits(List.of("GTYPE:TEXT:20", "SRC:TEXT", "HALF:DOUBLE"),
        List.of("GTYPE=ST_GeometryType(geometry)", "SRC=layer_name || '@' || file_name()", "HALF=aland / 2",
            "fullname=upper(fullname)"), List.of("intptlat"));

    BatchResult<EditResult> result = FieldsSamples.run(in, out, edits, null, false);

    assertThat(result.failures()).isEmpty();
    assertThat(result.count(ItemStatus.OK)).isEqualTo(1);
    assertThat(result.results().get(0).features()).isEqualTo(346);
    Path gpkg = out.resolve(LAYER + ".gpkg");
    // Sedona 1.8.0's GeoPackage reader ships the session to its tasks: one that ran Dataset.observe (another test
    // in this JVM may have) no longer serializes
    SparkSession gpkgSession = GeoMillSpark.withSedona(TestSpark.session().newSession());
    List<Row> before = gpkgSession.read().format("geopackage").option("tableName", LAYER)
        .load(in.resolve(LAYER + ".gpkg").toString()).selectExpr("areaid", "fullname", "aland",
            "ST_GeometryType(geom)", "ST_AsText(geom)").collectAsList();
    List<Row> after = gpkgSession.read().format("geopackage").option("tableName", LAYER)
        .load(gpkg.toString()).selectExpr("areaid", "fullname", "aland", "GTYPE", "SRC", "HALF", "ST_AsText(geom)")
        .collectAsList();
    assertThat(after).hasSize(346);
    for (int i = 0; i < after.size(); i++) {
      Row was = before.get(i);
      Row is = after.get(i);
      assertThat(is.getString(0)).isEqualTo(was.getString(0));
      assertThat(is.getString(1)).isEqualTo(was.isNullAt(1) ? null : was.getString(1).toUpperCase(Locale.ROOT));
      assertThat(is.getDouble(2)).isEqualTo(was.getDouble(2));
      assertThat(is.getString(3)).isEqualTo(was.getString(3));
      assertThat(is.getString(4)).isEqualTo(LAYER + "@" + LAYER + ".gpkg");
      assertThat(is.getDouble(5)).isCloseTo(was.getDouble(2) / 2, within(1e-9));
      assertThat(is.getString(6)).isEqualTo(was.getString(4));
    }

    ExternalTools.require("ogrinfo");
    String summary = ExternalTools.run("ogrinfo", "-so", "-al", gpkg.toString());
    assertThat(summary).contains("Feature Count: 346", "Geometry: Multi Polygon", "GEOGCRS[\"WGS 84\"",
        "Geometry Column = geom");
    assertThat(summary.substring(summary.indexOf("Geometry Column = geom")).lines().skip(1)
        .map(line -> line.substring(0, line.indexOf(':'))).toList())
        .as("field order: the kept ones as they were, the added ones last")
        .containsExactly("statefp", "ansicode", "areaid", "fullname", "mtfcc", "aland", "awater", "intptlon",
            "GTYPE", "SRC", "HALF");
    assertThat(summary).contains("GTYPE: String (20.0)", "SRC: String (254.0)", "HALF: Real");
    assertThat(ExternalTools.run("ogrinfo", "-q", gpkg.toString(), "-sql",
        "SELECT HasSpatialIndex('" + LAYER + "', 'geom')")).contains("HasSpatialIndex (Integer) = 1");
  }

  @Test
  void anUnknownLayerIsNamedWithTheFilesLayers() throws Exception {
    Path in = work.resolve("in");
    FieldsSamples.copy("vectors", LAYER, in);
    Files.delete(in.resolve(LAYER + ".geojson"));

    BatchResult<EditResult> result = FieldsSamples.run(in, work.resolve("out"),
        FieldsSamples.edits(List.of("A:LONG"), List.of(), List.of()), "roads", false);

    assertThat(result.failures()).singleElement().satisfies(failure -> assertThat(failure.message())
        .isEqualTo("no feature layer \"roads\"; its feature layers: " + LAYER));
    assertThat(work.resolve("out/" + LAYER + ".gpkg")).doesNotExist();
  }
}
