package io.geomill.raster;

import static io.geomill.raster.RasterFileTest.assertTileMatches;
import static io.geomill.raster.RasterSamples.fullRead;
import static io.geomill.raster.RasterSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.TestSpark;
import java.io.File;
import java.io.IOException;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.geotools.coverage.grid.GridCoverage2D;
import org.junit.jupiter.api.Test;

/** A Sedona raster column's value (a GridCoverage2D) read as a file is: the same info, windows and nodata. */
class CoverageRasterTest {
  private static final SparkSession SPARK = TestSpark.session();

  @Test
  void aSedonaRasterReadsAsItsFileDoes() throws IOException {
    File file = sample("rasters/rhine_elv0.tif");
    List<Row> rows = SPARK.read().format("binaryFile").load(file.getAbsolutePath())
        .selectExpr("RS_FromGeoTiff(content) AS rast").collectAsList();
    GridCoverage2D coverage = (GridCoverage2D) rows.get(0).get(0);

    try (RasterFile sedona = RasterFile.of(coverage, "rast"); RasterFile tiff = RasterFile.open(file)) {
      RasterInfo fromSedona = sedona.info();
      RasterInfo fromFile = tiff.info();
      assertThat(fromSedona.format()).isEqualTo(RasterFormat.COVERAGE);
      assertThat(List.of(fromSedona.width(), fromSedona.height(), fromSedona.bandCount()))
          .isEqualTo(List.of(fromFile.width(), fromFile.height(), fromFile.bandCount()));
      assertThat(fromSedona.dataType()).isEqualTo(fromFile.dataType());
      assertThat(fromSedona.nodata()).isEqualTo(fromFile.nodata());
      assertThat(fromSedona.crs().epsg()).isEqualTo(4326);
      assertThat(fromSedona.geographic()).isTrue();
      RasterFileTest.assertGeoTransform(fromSedona.geoTransform(), fromFile.geoTransform().originX(),
          fromFile.geoTransform().pixelWidth(), fromFile.geoTransform().originY(),
          fromFile.geoTransform().pixelHeight());
      float[][] whole = fullRead(file, 1, -9999.0);
      assertTileMatches(sedona.read(1, 0, 0, fromSedona.width(), fromSedona.height(), 1), whole);
      assertTileMatches(sedona.read(1, 900, 600, 97, 82, 2), whole);
    }
  }
}
