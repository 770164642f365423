package io.geomill.reproject;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.raster.RasterDataType;
import io.geomill.raster.RasterFile;
import io.geomill.raster.RasterReadOptions;
import io.geomill.reproject.Reprojected.Cells;
import io.geomill.vector.LayerCrs;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GeoMill's reprojection against gdalwarp 3.6.2's outputs on real DEMs (references and commands in
 * src/test/resources/io/geomill/reproject/README.md): the same grid (size, geotransform within 1e-9 relative),
 * nearest identical on at least 99.9 % of the cells, bilinear and cubic within 0.5 % of the value range on at
 * least 99 % (a cell that is nodata on one side only counts as different).
 */
class GdalwarpComparisonTest {
  private static final File CROP = Reprojected.REFERENCES.resolve("rhine_crop.tif").toFile();

  @TempDir
  Path dir;

  @Test
  void rhineToItsUtmZoneNearestBilinearCubic() throws IOException {
    Reprojection utm = Reprojection.to(LayerCrs.parse("EPSG:32632"));
    assertNearestMatches(utm, CROP, "crop_32632_near.tif");
    assertInterpolatedMatches(utm.withResampling(Resampling.BILINEAR), CROP, "crop_32632_bilinear.tif");
    assertInterpolatedMatches(utm.withResampling(Resampling.CUBIC), CROP, "crop_32632_cubic.tif");
  }

  @Test
  void rhineToLambertEqualAreaAndWebMercator() throws IOException {
    assertInterpolatedMatches(Reprojection.to(LayerCrs.parse("EPSG:3035")).withResampling(Resampling.BILINEAR), CROP,
        "crop_3035_bilinear.tif");
    assertNearestMatches(Reprojection.to(LayerCrs.parse("EPSG:3857")), CROP, "crop_3857_near.tif");
  }

  @Test
  void aResolutionAndAReferenceGridPlaceTheCellsAsGdalwarpTrAndTap() throws IOException {
    Reprojection mercator = Reprojection.to(LayerCrs.parse("EPSG:3857")).withResampling(Resampling.BILINEAR);
    assertInterpolatedMatches(mercator.withResolution(1500.0), CROP, "crop_3857_bilinear_tr1500.tif");
    WarpGrid reference;
    try (RasterFile ref = RasterFile.open(Reprojected.REFERENCES.resolve("ref_grid_3857_1500m.tif").toFile())) {
      reference = WarpGrid.of(ref.info());
    }
    // the reference's origin (-3000, 9000) lies on multiples of 1500 m: its lattice is -tap's
    assertInterpolatedMatches(Reprojection.alignedTo(reference).withResampling(Resampling.BILINEAR), CROP,
        "crop_3857_bilinear_tap1500.tif");
  }

  @Test
  void integerRastersStayIntegersRoundedAsGdalwarpRoundsThem() throws IOException {
    File out = assertInterpolatedMatches(Reprojection.to(LayerCrs.parse("EPSG:32632"))
        .withResampling(Resampling.BILINEAR), Reprojected.REFERENCES.resolve("rhine_crop_int16.tif").toFile(),
        "crop_int16_32632_bilinear.tif");
    assertThat(Reprojected.read(out).info().dataType()).isEqualTo(RasterDataType.INT16);
  }

  @Test
  void aRasterWithoutCrsWithAnAssumedOneAndAnAsciiGrid() throws IOException {
    assertInterpolatedMatches(Reprojection.to(LayerCrs.parse("EPSG:4326")).withResampling(Resampling.BILINEAR)
        .withRead(new RasterReadOptions(0, LayerCrs.parse("EPSG:32617"))),
        Reprojected.SAMPLES.resolve("DEM.tif").toFile(), "dem_assumed32617_4326_bilinear.tif");
    File ascii = assertInterpolatedMatches(Reprojection.to(LayerCrs.parse("EPSG:32613"))
        .withResampling(Resampling.BILINEAR), Reprojected.SAMPLES.resolve("west_bijou_escarpment_snippet.asc")
        .toFile(), "bijou_32613_bilinear.tif");
    assertThat(Reprojected.read(ascii).info().dataType()).isEqualTo(RasterDataType.FLOAT32);
  }

  private void assertNearestMatches(Reprojection job, File input, String reference) throws IOException {
    Agreement agreement = compare(job, input, reference);
    assertThat(agreement.identical()).as(agreement.toString()).isGreaterThanOrEqualTo(0.999);
  }

  private File assertInterpolatedMatches(Reprojection job, File input, String reference) throws IOException {
    Agreement agreement = compare(job, input, reference);
    assertThat(agreement.withinHalfPercent()).as(agreement.toString()).isGreaterThanOrEqualTo(0.99);
    return agreement.output();
  }

  /** How far the output is from gdalwarp's, after checking they are on the same grid. */
  record Agreement(String what, File output, long cells, double identical, double withinHalfPercent,
      double maxDifference) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s: %d cells, identical %.4f %%, within 0.5 %% of the range %.4f %%, "
          + "largest difference %.4g", what, cells, 100 * identical, 100 * withinHalfPercent, maxDifference);
    }
  }

  private Agreement compare(Reprojection job, File input, String reference) throws IOException {
    File output = Reprojected.run(job, input, dir.resolve(reference.replace(".tif", "")));
    Cells ours = Reprojected.read(output);
    Cells gdal = Reprojected.read(Reprojected.REFERENCES.resolve(reference).toFile());
    assertThat(ours.info().width()).as("width").isEqualTo(gdal.info().width());
    assertThat(ours.info().height()).as("height").isEqualTo(gdal.info().height());
    double[] a = ours.info().geoTransform().toArray();
    double[] b = gdal.info().geoTransform().toArray();
    for (int i = 0; i < 6; i++) {
      assertThat(Math.abs(a[i] - b[i])).as("geotransform[%d]: %s vs gdalwarp's %s", i, a[i], b[i])
          .isLessThanOrEqualTo(1e-9 * Math.max(Math.abs(a[i]), Math.abs(b[i])));
    }
    assertThat(ours.info().dataType()).isEqualTo(gdal.info().dataType() == RasterDataType.FLOAT32
        || ours.info().dataType() != RasterDataType.FLOAT32 ? gdal.info().dataType() : ours.info().dataType());
    assertThat(ours.info().nodata()).as("nodata").isEqualTo(gdal.info().nodata());
    assertThat(ours.info().crs().epsg()).isEqualTo(job.targetCrs().epsg());
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float v : gdal.values()) {
      if (!Float.isNaN(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    double tolerance = 0.005 * (max - min);
    long same = 0;
    long close = 0;
    double largest = 0;
    int n = gdal.values().length;
    for (int i = 0; i < n; i++) {
      float x = ours.values()[i];
      float y = gdal.values()[i];
      if (Float.isNaN(x) || Float.isNaN(y)) {
        if (Float.isNaN(x) && Float.isNaN(y)) {
          same++;
          close++;
        }
        continue;
      }
      double d = Math.abs((double) x - y);
      largest = Math.max(largest, d);
      same += x == y ? 1 : 0;
      close += d <= tolerance ? 1 : 0;
    }
    Agreement agreement = new Agreement(reference, output, n, same / (double) n, close / (double) n, largest);
    System.out.println("gdalwarp agreement: " + agreement);
    return agreement;
  }
}
