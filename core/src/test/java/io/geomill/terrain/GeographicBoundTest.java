package io.geomill.terrain;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.raster.HaloTile;
import java.util.Locale;
import org.geotools.referencing.GeodeticCalculator;
import org.geotools.referencing.crs.DefaultGeographicCRS;
import org.junit.jupiter.api.Test;

/**
 * The geographic DEM with cell sizes converted to metres row by row, against gdaldem -s 111120 (one scale for
 * both axes). With the row's cell width W and height H in metres, gdaldem's gradient components are GeoMill's
 * times a = W / (cellSizeX * 111120) (east-west, about cos(latitude)) and b = H / (cellSizeY * 111120)
 * (north-south, about 1), so for every cell tan(gdaldem's slope) lies between min(a, b) and max(a, b) times
 * tan(GeoMill's slope); the slope difference is largest on east-west slopes of tangent 1/sqrt(a):
 * atan(1/sqrt(a)) - atan(sqrt(a)). Aspect: gdaldem takes the cells as square, an axis scaling by k = H / W,
 * which turns a direction by at most atan(sqrt(k)) - atan(1/sqrt(k)).
 */
class GeographicBoundTest {
  private static final double GDALDEM_SCALE = 111_120;
  private static final double DEGREES = 180 / Math.PI;

  private final GeoTiffGrid dem = GeoTiffGrid.read("dem_geo.tif");
  private final TerrainGrid grid = dem.geographicGrid();
  private final HaloTile tile = dem.wholeTile();

  @Test
  void slopeDiffersFromGdaldemByTheCellShapeOnly() {
    float[] ours = TerrainKernel.of(TerrainProduct.SLOPE, grid, TerrainOptions.defaults()).apply(tile);
    GeoTiffGrid gdaldem = GeoTiffGrid.read("geo_slope_horn.tif");
    Stats stats = new Stats();
    double worstPossible = 0;
    for (int r = 0; r < dem.height(); r++) {
      double a = grid.cellWidth(r) / (dem.cellSizeX() * GDALDEM_SCALE);
      double b = grid.cellHeight(r) / (dem.cellSizeY() * GDALDEM_SCALE);
      worstPossible = Math.max(worstPossible, (Math.atan(1 / Math.sqrt(a)) - Math.atan(Math.sqrt(a))) * DEGREES);
      for (int c = 0; c < dem.width(); c++) {
        int i = r * dem.width() + c;
        assertThat(ours[i] == Slope.NODATA).as("nodata at (%d, %d)", c, r).isEqualTo(gdaldem.isNodata(i));
        if (gdaldem.isNodata(i)) {
          continue;
        }
        double tangent = Math.tan(ours[i] / DEGREES);
        double low = Math.atan(Math.min(a, b) * tangent) * DEGREES;
        double high = Math.atan(Math.max(a, b) * tangent) * DEGREES;
        float theirs = gdaldem.values()[i];
        assertThat((double) theirs).as("gdaldem's slope at (%d, %d), latitude %.3f", c, r, grid.rowLatitude(r))
            .isBetween(low - 1e-4, high + 1e-4);
        stats.add(ours[i] - theirs, grid.rowLatitude(r));
      }
    }
    double cosNorth = Math.cos(grid.rowLatitude(0) / DEGREES);
    double cosSouth = Math.cos(grid.rowLatitude(dem.height() - 1) / DEGREES);
    System.out.printf(Locale.ROOT, "geographic slope vs gdaldem -s 111120: %s; cos(latitude) %.4f-%.4f; "
        + "worst case for any terrain at these latitudes %.2f degrees%n", stats, cosNorth, cosSouth, worstPossible);
    assertThat(stats.maxAbs).isLessThanOrEqualTo(worstPossible + 1e-4).isGreaterThan(1);
    // gdaldem underestimates: its east-west cells are 1/cos(latitude) too long
    assertThat(stats.mean).isPositive();
  }

  @Test
  void aspectDiffersFromGdaldemByTheCellShapeOnly() {
    float[] ours = TerrainKernel.of(TerrainProduct.ASPECT, grid, TerrainOptions.defaults()).apply(tile);
    GeoTiffGrid gdaldem = GeoTiffGrid.read("geo_aspect_horn.tif");
    Stats stats = new Stats();
    for (int r = 0; r < dem.height(); r++) {
      double k = (grid.cellHeight(r) / grid.cellWidth(r)) / (dem.cellSizeY() / dem.cellSizeX());
      double bound = (Math.atan(Math.sqrt(k)) - Math.atan(1 / Math.sqrt(k))) * DEGREES;
      for (int c = 0; c < dem.width(); c++) {
        int i = r * dem.width() + c;
        assertThat(ours[i] == -9999f).as("nodata or flat at (%d, %d)", c, r).isEqualTo(gdaldem.isNodata(i));
        if (gdaldem.isNodata(i)) {
          continue;
        }
        double delta = Math.abs(ours[i] - gdaldem.values()[i]);
        delta = Math.min(delta, 360 - delta);
        assertThat(delta).as("aspect difference at (%d, %d)", c, r).isLessThanOrEqualTo(bound + 1e-3);
        stats.add(delta, grid.rowLatitude(r));
      }
    }
    System.out.printf(Locale.ROOT, "geographic aspect vs gdaldem: %s%n", stats);
    assertThat(stats.maxAbs).isGreaterThan(1);
  }

  @Test
  void hillshadeDifference() {
    float[] ours = TerrainKernel.of(TerrainProduct.HILLSHADE, grid, TerrainOptions.defaults()).apply(tile);
    GeoTiffGrid gdaldem = GeoTiffGrid.read("geo_hillshade_horn.tif");
    Stats stats = new Stats();
    for (int i = 0; i < ours.length; i++) {
      assertThat(ours[i] == 0).as("nodata at %d", i).isEqualTo(gdaldem.isNodata(i));
      if (!gdaldem.isNodata(i)) {
        stats.add(ours[i] - gdaldem.values()[i], grid.rowLatitude(i / dem.width()));
      }
    }
    System.out.printf(Locale.ROOT, "geographic hillshade vs gdaldem -s 111120 (grey levels): %s%n", stats);
    assertThat(stats.count).isGreaterThan(ours.length / 2);
  }

  /**
   * Why Horn's x-derivative divides by the centre row's width rather than each row's own: for a plane the
   * two differ only in the second order of the row spacing ((1 + cos d) / 2, d the rows' latitude step in
   * radians, about 5e-9 here), and elsewhere by what this measures. The centre-width form keeps gdaldem's
   * arithmetic (bit-identical to gdaldem when given gdaldem's cell size) and one division per cell.
   */
  @Test
  void eachRowsOwnWidthWouldChangeSlopesByLittle() {
    float[] ours = TerrainKernel.of(TerrainProduct.SLOPE, grid, TerrainOptions.defaults()).apply(tile);
    float[] v = tile.values();
    int s = tile.stride();
    Stats stats = new Stats();
    for (int r = 1; r < dem.height() - 1; r++) {
      double top = grid.cellWidth(r - 1);
      double mid = grid.cellWidth(r);
      double bottom = grid.cellWidth(r + 1);
      for (int c = 1; c < dem.width() - 1; c++) {
        int i = r * dem.width() + c;
        if (ours[i] == Slope.NODATA) {
          continue;
        }
        int k = (r + 1) * s + c + 1;
        double x = ((v[k - s - 1] - v[k - s + 1]) / top + 2 * (v[k - 1] - v[k + 1]) / mid
            + (v[k + s - 1] - v[k + s + 1]) / bottom) / 8;
        double y = Gradients.hornY(v, k, s) / (8 * grid.cellHeight(r));
        double ownWidths = Math.atan(Math.hypot(x, y)) * DEGREES;
        stats.add(ours[i] - ownWidths, grid.rowLatitude(r));
      }
    }
    System.out.printf(Locale.ROOT, "geographic slope, centre row's width vs each row's own: %s%n", stats);
    assertThat(stats.maxAbs).isLessThan(0.01);
  }

  /**
   * An independent check of the per-row cell sizes: GRASS GIS 8.2 r.slope.aspect in a latitude-longitude
   * location computes its distances on the ellipsoid itself (see the README of the test data). Compared on the
   * cells both compute (GRASS leaves edges and cells next to nodata null, as gdaldem without compute_edges).
   * GRASS's aspect is asked in compass degrees ({@code -n}).
   */
  @Test
  void matchesGrassOnTheEllipsoid() {
    TerrainOptions options = TerrainOptions.defaults();
    float[] slope = TerrainKernel.of(TerrainProduct.SLOPE, grid, options).apply(tile);
    float[] aspect = TerrainKernel.of(TerrainProduct.ASPECT, grid, options).apply(tile);
    float[] grassSlope = GeoTiffGrid.read("grass_geo_slope.tif").values();
    float[] grassAspect = GeoTiffGrid.read("grass_geo_aspect.tif").values();
    Stats slopes = new Stats();
    Stats aspects = new Stats();
    for (int i = 0; i < slope.length; i++) {
      double latitude = grid.rowLatitude(i / dem.width());
      assertThat(Float.isNaN(grassSlope[i])).as("GRASS null at %d", i).isEqualTo(slope[i] == Slope.NODATA);
      if (!Float.isNaN(grassSlope[i])) {
        slopes.add(slope[i] - grassSlope[i], latitude);
      }
      // aspect where the slope is at least 0.1 degree: on flatter cells float rounding (GRASS sums in another
      // order) moves the direction of a gradient of a few millimetres
      if (!Float.isNaN(grassAspect[i]) && grassAspect[i] != -9999f && aspect[i] != -9999f && slope[i] >= 0.1f) {
        double delta = Math.abs(aspect[i] - grassAspect[i]);
        aspects.add(Math.min(delta, 360 - delta), latitude);
      }
    }
    System.out.printf(Locale.ROOT, "geographic slope vs GRASS r.slope.aspect: %s%n", slopes);
    System.out.printf(Locale.ROOT, "geographic aspect vs GRASS r.slope.aspect: %s%n", aspects);
    assertThat(slopes.count).isGreaterThan(slope.length / 2);
    assertThat(slopes.maxAbs).isLessThan(1e-3);
    assertThat(aspects.count).isGreaterThan(slope.length / 2);
    assertThat(aspects.maxAbs).isLessThan(1e-2);
  }

  /** The cell sizes against geodesic distances on WGS 84 (GeoTools' GeodeticCalculator, Vincenty). */
  @Test
  void cellSizesAreTheEllipsoidsArcLengths() {
    GeodeticCalculator geodesic = new GeodeticCalculator(DefaultGeographicCRS.WGS84);
    for (int r = 0; r < dem.height(); r += 20) {
      double latitude = grid.rowLatitude(r);
      geodesic.setStartingGeographicPoint(8.5, latitude);
      geodesic.setDestinationGeographicPoint(8.5 + dem.cellSizeX(), latitude);
      assertThat(grid.cellWidth(r)).isCloseTo(geodesic.getOrthodromicDistance(),
          org.assertj.core.data.Percentage.withPercentage(1e-5));
      geodesic.setStartingGeographicPoint(8.5, latitude - dem.cellSizeY() / 2);
      geodesic.setDestinationGeographicPoint(8.5, latitude + dem.cellSizeY() / 2);
      assertThat(grid.cellHeight(r)).isCloseTo(geodesic.getOrthodromicDistance(),
          org.assertj.core.data.Percentage.withPercentage(1e-5));
    }
  }

  /** Maximum and mean of a difference over the cells, and the latitude of the largest. */
  static final class Stats {
    int count;
    double maxAbs;
    double latitudeOfMax;
    double sumAbs;
    double mean;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;

    void add(double difference, double latitude) {
      count++;
      min = Math.min(min, difference);
      max = Math.max(max, difference);
      sumAbs += Math.abs(difference);
      mean += (difference - mean) / count;
      if (Math.abs(difference) > maxAbs) {
        maxAbs = Math.abs(difference);
        latitudeOfMax = latitude;
      }
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%d cells, max |diff| %.3g (latitude %.3f), mean |diff| %.3g, "
          + "diff from %.3g to %.3g, mean diff %.3g", count, maxAbs, latitudeOfMax, count == 0 ? 0 : sumAbs / count,
          min, max, mean);
    }
  }
}
