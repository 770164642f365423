package io.geomill.vector;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.TestSpark;
import io.geomill.fs.HadoopFs;
import io.geomill.testing.ExternalTools;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GDAL opens what GeoMill writes: feature count, field names and types, geometry type and the EPSG code GDAL
 * identifies, from {@code ogrinfo -so -al}; values, nulls included, from {@code ogrinfo -al}. (Debian's GDAL
 * 3.6 has no Parquet driver, so GeoParquet is checked by the Sedona round trip only.)
 */
class VectorOutputGdalTest {
  @TempDir
  Path work;

  @BeforeEach
  void needsGdal() {
    ExternalTools.require("ogrinfo");
  }

  @Test
  void geoPackagePolygons() {
    Path out = write(OutputFormat.GPKG, "polygons", true);

    ExternalTools.Output ogrinfo = ExternalTools.exec("ogrinfo", "-so", "-al", out.toString());
    String summary = ogrinfo.stdout();

    assertThat(summary).contains("Layer name: polygons", "Geometry: Multi Polygon", "Feature Count: 4",
        "id: Integer (0.0)", "name: String (0.0)", "small: Integer (0.0)", "population: Integer64 (0.0)",
        "ratio: Real (0.0)", "open: Integer(Boolean) (0.0)", "surveyed: Date (0.0)",
        "count_landmark: Integer64 (0.0)", "count_landmarks2: Integer64 (0.0)");
    assertThat(epsg(summary)).isEqualTo("4326");
    assertThat(ogrinfo.stderr()).doesNotContain("Warning");
    String features = ExternalTools.run("ogrinfo", "-al", "-q", out.toString());
    // the row with every attribute null, and the 64-bit value Sedona's reader cannot give back
    assertThat(features).contains("name (String) = (null)", "small (Integer) = (null)", "ratio (Real) = (null)",
        "open (Integer(Boolean)) = (null)", "population (Integer64) = 9876543210", "name (String) = Café Zürich, ü",
        "ratio (Real) = 123456.000001");
    assertThat(features).containsPattern("MULTIPOLYGON \\(\\(\\(-73\\.98 40\\.76,");
    assertThat(features).contains("MULTIPOLYGON EMPTY"); // the row without geometry
  }

  @Test
  void shapefilePolygons() {
    Path out = write(OutputFormat.SHP, "polygons", true);

    String summary = ExternalTools.run("ogrinfo", "-so", "-al", out.toString());

    assertThat(summary).contains("Layer name: polygons", "Geometry: Polygon", "Feature Count: 4",
        // widths from the data: "Café Zürich, ü" is 17 bytes in UTF-8; -2 and 12345 need 5 characters; the
        // reals 15 decimals after 6 integer digits and a sign (GDAL reads a DBF logical as a 1-character string)
        "id: Integer (1.0)", "name: String (17.0)", "small: Integer (5.0)", "population: Integer64 (10.0)",
        "ratio: Real (23.15)", "open: String (1.0)", "surveyed: Date (10.0)",
        "count_land: Integer (1.0)", "count_la_1: Integer (1.0)");
    assertThat(epsg(summary)).isEqualTo("4326");
    String features = ExternalTools.run("ogrinfo", "-al", "-q", out.toString());
    assertThat(features).contains("small (Integer) = (null)", "ratio (Real) = (null)",
        "population (Integer64) = 9876543210", "open (String) = T", "name (String) = Café Zürich, ü", "ratio (Real) = -3.750000000000000",
        "surveyed (Date) = 2000/02/29");
  }

  @Test
  void projectedPointsInEachFormat() {
    for (OutputFormat format : new OutputFormat[] {OutputFormat.GPKG, OutputFormat.SHP, OutputFormat.CSV}) {
      Path out = write(format, "points", false);

      String summary = ExternalTools.run("ogrinfo", "-so", "-al", out.toString());

      assertThat(summary).as(format.name()).contains("Feature Count: 3", "label: String");
      if (format != OutputFormat.CSV) { // CSV holds no CRS
        assertThat(summary).as(format.name()).contains("Geometry: Point");
        assertThat(epsg(summary)).as(format.name()).isEqualTo("32618");
      }
    }
  }

  private Path write(OutputFormat format, String name, boolean polygons) {
    Path out = work.resolve(format.name().toLowerCase() + "/" + name + format.extension);
    out.getParent().toFile().mkdirs();
    VectorOutput.write(TestSpark.session(), polygons ? TestTables.polygons() : TestTables.points(), "geometry",
        polygons ? TestTables.WGS84 : TestTables.UTM_18N, HadoopFs.path(out.toString()), format);
    return out;
  }

  /** The EPSG code of the layer's CRS as GDAL identifies it: the last ID of its WKT 2, the CRS's own. */
  private static String epsg(String ogrinfo) {
    Matcher crs = Pattern.compile("(?s)Layer SRS WKT:\\n(.*?)\\nData axis").matcher(ogrinfo);
    assertThat(crs.find()).as("a CRS in:\n" + ogrinfo).isTrue();
    Matcher id = Pattern.compile("\\n    ID\\[\"EPSG\",(\\d+)\\]\\]$").matcher(crs.group(1));
    assertThat(id.find()).as("an EPSG code for the CRS:\n" + crs.group(1)).isTrue();
    return id.group(1);
  }
}
