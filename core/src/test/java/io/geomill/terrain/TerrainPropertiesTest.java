package io.geomill.terrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.geomill.raster.HaloTile;
import io.geomill.terrain.TerrainOptions.Gradient;
import io.geomill.terrain.TerrainOptions.SlopeUnits;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** What the products must be on terrain whose answer is known, and the nodata and edge rules on small rasters. */
class TerrainPropertiesTest {
  private static final double DEGREES = 180 / Math.PI;
  private static final int W = 9;
  private static final int H = 7;

  /**
   * A plane z = a x + b y (x east, y north, metres) on cells of any shape: slope atan(|grad|), aspect the
   * compass direction of -grad, hillshade the cosine of the light's incidence; exact for Horn and
   * Zevenbergen-Thorne, with compute_edges on every cell but the four corners (where gdaldem repeats the centre
   * column instead of extrapolating it).
   */
  @Property(tries = 200)
  void planeHasItsAnalyticSlopeAspectAndShade(@ForAll @DoubleRange(min = -3, max = 3) double a,
      @ForAll @DoubleRange(min = -3, max = 3) double b, @ForAll @DoubleRange(min = 1, max = 100) double cellX,
      @ForAll @DoubleRange(min = 1, max = 100) double cellY, @ForAll boolean horn) {
    Assume.that(Math.hypot(a, b) > 0.01);
    float[] raster = new float[W * H];
    for (int r = 0; r < H; r++) {
      for (int c = 0; c < W; c++) {
        raster[r * W + c] = (float) (1000 + a * (c + 0.5) * cellX - b * (r + 0.5) * cellY);
      }
    }
    TerrainOptions options = TerrainOptions.defaults().withComputeEdges(true)
        .withGradient(horn ? Gradient.HORN : Gradient.ZEVENBERGEN_THORNE).withLight(135, 30);
    TerrainGrid grid = TerrainGrid.uniform(cellX, cellY);
    float[] slope = whole(TerrainProduct.SLOPE, grid, options, raster);
    float[] percent = whole(TerrainProduct.SLOPE, grid, options.withSlopeUnits(SlopeUnits.PERCENT), raster);
    float[] aspect = whole(TerrainProduct.ASPECT, grid, options, raster);
    float[] shade = whole(TerrainProduct.HILLSHADE, grid, options, raster);

    double slopeRadians = Math.atan(Math.hypot(a, b));
    // Elevations are floats: their rounding (and the extrapolation's, at the edges) is a few ulps of the
    // largest elevation over the smallest cell side in the tangent.
    double tangentError = 8 * Math.ulp(1000f + 3 * 100 * Math.max(W, H)) / Math.min(cellX, cellY);
    double expectedAspect = (Math.toDegrees(Math.atan2(-a, -b)) + 360) % 360;
    double incidence = Math.sin(Math.toRadians(30)) * Math.cos(slopeRadians)
        + Math.cos(Math.toRadians(30)) * Math.sin(slopeRadians) * Math.cos(Math.toRadians(135 - expectedAspect));
    double expectedShade = 1 + 254 * Math.max(0, incidence);
    for (int i = 0; i < raster.length; i++) {
      int c = i % W;
      int r = i / W;
      if ((c == 0 || c == W - 1) && (r == 0 || r == H - 1)) {
        continue;
      }
      assertThat((double) slope[i]).as("slope at %d", i).isCloseTo(slopeRadians * DEGREES,
          within(tangentError * DEGREES + 1e-4));
      assertThat((double) percent[i]).as("percent at %d", i).isCloseTo(100 * Math.hypot(a, b),
          within(100 * tangentError + 1e-4 * Math.hypot(a, b)));
      double aspectError = Math.abs(aspect[i] - expectedAspect);
      assertThat(Math.min(aspectError, 360 - aspectError)).as("aspect at %d", i)
          .isLessThan(tangentError / Math.hypot(a, b) * DEGREES + 1e-3);
      assertThat((double) shade[i]).as("hillshade at %d", i).isCloseTo(expectedShade, within(1.0));
    }
  }

  /**
   * Turning a DEM a quarter turn clockwise turns aspect by +90 degrees and leaves slope and nodata in place
   * (aspect compared where the slope is at least 0.5 degrees).
   */
  @Test
  void quarterTurnTurnsAspect() {
    GeoTiffGrid dem = GeoTiffGrid.read("dem_utm32.tif");
    float[] raster = dem.withNodataAsNan();
    int w = dem.width();
    int h = dem.height();
    float[] turned = new float[raster.length]; // h wide, w high
    for (int r2 = 0; r2 < w; r2++) {
      for (int c2 = 0; c2 < h; c2++) {
        turned[r2 * h + c2] = raster[(h - 1 - c2) * w + r2];
      }
    }
    for (Gradient gradient : Gradient.values()) {
      TerrainOptions options = TerrainOptions.defaults().withGradient(gradient).withComputeEdges(true);
      TerrainGrid grid = TerrainGrid.uniform(dem.cellSizeX(), dem.cellSizeY());
      float[] aspect = TerrainKernel.of(TerrainProduct.ASPECT, grid, options).apply(dem.wholeTile());
      float[] slope = TerrainKernel.of(TerrainProduct.SLOPE, grid, options).apply(dem.wholeTile());
      HaloTile turnedTile = GeoTiffGrid.tile(turned, h, w, 0, 0, h, w, 1);
      float[] turnedAspect = TerrainKernel.of(TerrainProduct.ASPECT, grid, options).apply(turnedTile);
      float[] turnedSlope = TerrainKernel.of(TerrainProduct.SLOPE, grid, options).apply(turnedTile);
      int compared = 0;
      for (int r = 1; r < h - 1; r++) {
        for (int c = 1; c < w - 1; c++) {
          int before = r * w + c;
          int after = c * h + (h - 1 - r);
          assertThat(turnedSlope[after]).isCloseTo(slope[before], within(1e-3f));
          if (aspect[before] == -9999f) {
            assertThat(turnedAspect[after]).isEqualTo(-9999f);
            continue;
          }
          if (slope[before] < 0.5f) {
            continue; // on near-flat cells the float sums' rounding (in another order once turned) moves aspect
          }
          double turn = ((turnedAspect[after] - aspect[before]) % 360 + 360) % 360;
          assertThat(Math.min(Math.abs(turn - 90), 360 - Math.abs(turn - 90))).as("turn at (%d, %d)", c, r)
              .isLessThan(1e-2);
          compared++;
        }
      }
      assertThat(compared).isGreaterThan(10_000);
    }
  }

  @Property(tries = 20)
  void flatTerrain(@ForAll @DoubleRange(min = -500, max = 5000) double elevation, @ForAll boolean horn,
      @ForAll boolean edges, @ForAll @IntRange(min = 0, max = 90) int altitude) {
    float[] raster = new float[W * H];
    Arrays.fill(raster, (float) elevation);
    TerrainOptions options = TerrainOptions.defaults().withGradient(horn ? Gradient.HORN : Gradient.ZEVENBERGEN_THORNE)
        .withComputeEdges(edges).withLight(315, altitude);
    TerrainGrid grid = TerrainGrid.uniform(30, 30);
    float expectedShade = (int) ((float) (1 + 254 * Math.sin(Math.toRadians(altitude))) + 0.5f);
    float[] slope = whole(TerrainProduct.SLOPE, grid, options, raster);
    float[] aspect = whole(TerrainProduct.ASPECT, grid, options, raster);
    float[] aspectZeroForFlat = whole(TerrainProduct.ASPECT, grid, options.withZeroForFlat(true), raster);
    float[] shade = whole(TerrainProduct.HILLSHADE, grid, options, raster);
    float[] tri = whole(TerrainProduct.TRI, grid, options, raster);
    float[] tpi = whole(TerrainProduct.TPI, grid, options, raster);
    float[] roughness = whole(TerrainProduct.ROUGHNESS, grid, options, raster);
    for (int i = 0; i < raster.length; i++) {
      boolean onEdge = i % W == 0 || i % W == W - 1 || i / W == 0 || i / W == H - 1;
      boolean computed = edges || !onEdge;
      assertThat(slope[i]).isEqualTo(computed ? 0f : -9999f);
      assertThat(aspect[i]).isEqualTo(-9999f);
      assertThat(aspectZeroForFlat[i]).isZero();
      assertThat(shade[i]).isEqualTo(computed ? expectedShade : 0f);
      assertThat(tri[i]).isEqualTo(computed ? 0f : -9999f);
      // the float sum of eight equal values need not be 8 v exactly (as in gdaldem)
      assertThat(tpi[i]).isCloseTo(computed ? 0f : -9999f, within(8 * Math.ulp((float) elevation)));
      assertThat(roughness[i]).isEqualTo(computed ? 0f : -9999f);
    }
  }

  /**
   * Random nodata patterns: a nodata centre gives nodata; a nodata neighbour gives nodata, or with compute_edges
   * the value the cell has when that neighbour holds the centre's elevation; edges are nodata without
   * compute_edges.
   */
  @Property(tries = 100)
  void nodataPatterns(@ForAll long seed, @ForAll boolean horn) {
    Random random = new Random(seed);
    float[] raster = new float[W * H];
    for (int i = 0; i < raster.length; i++) {
      raster[i] = random.nextInt(5) == 0 ? Float.NaN : 100 + 50 * random.nextFloat();
    }
    TerrainGrid grid = TerrainGrid.uniform(10, 12);
    TerrainOptions plain = TerrainOptions.defaults().withGradient(horn ? Gradient.HORN : Gradient.ZEVENBERGEN_THORNE);
    for (TerrainProduct product : TerrainProduct.values()) {
      float nodata = TerrainKernel.of(product, grid, plain).outputNodata();
      float[] noEdges = whole(product, grid, plain, raster);
      float[] edges = whole(product, grid, plain.withComputeEdges(true), raster);
      for (int r = 0; r < H; r++) {
        for (int c = 0; c < W; c++) {
          int i = r * W + c;
          float[] window = window(raster, c, r);
          boolean onEdge = c == 0 || r == 0 || c == W - 1 || r == H - 1;
          boolean nanNeighbour = !onEdge && hasNan(window);
          if (Float.isNaN(raster[i]) || onEdge || nanNeighbour) {
            assertThat(noEdges[i]).as("%s without edges at (%d, %d)", product, c, r).isEqualTo(nodata);
          }
          if (Float.isNaN(raster[i])) {
            assertThat(edges[i]).as("%s with edges, nodata centre (%d, %d)", product, c, r).isEqualTo(nodata);
          } else if (nanNeighbour) {
            for (int k = 0; k < 9; k++) {
              window[k] = Float.isNaN(window[k]) ? raster[i] : window[k];
            }
            assertThat(edges[i]).as("%s with edges, nodata neighbour (%d, %d)", product, c, r)
                .isEqualTo(interiorValue(product, grid, plain, window));
          }
        }
      }
    }
  }

  /** gdaldem on a source without a nodata value: NaN is arithmetic, not nodata. */
  @Test
  void nanIsArithmeticWhenTheSourceHasNoNodata() {
    float[] raster = new float[W * H];
    for (int i = 0; i < raster.length; i++) {
      raster[i] = 100 + i % 5;
    }
    raster[3 * W + 4] = Float.NaN;
    TerrainOptions options = TerrainOptions.defaults().withNanIsNodata(false);
    TerrainGrid grid = TerrainGrid.uniform(10, 10);
    float[] slope = whole(TerrainProduct.SLOPE, grid, options, raster);
    float[] shade = whole(TerrainProduct.HILLSHADE, grid, options, raster);
    float[] slopeNodataAware = whole(TerrainProduct.SLOPE, grid, TerrainOptions.defaults(), raster);
    int hole = 3 * W + 4;
    for (int r = 2; r <= 4; r++) {
      for (int c = 3; c <= 5; c++) {
        int i = r * W + c;
        assertThat(slopeNodataAware[i]).isEqualTo(-9999f);
        if (i != hole) {
          assertThat(slope[i]).as("slope next to NaN at (%d, %d)", c, r).isNaN();
          assertThat(shade[i]).as("GDAL writes a NaN shade as 0").isZero();
        }
      }
    }
    // Horn's sums leave the centre out: the NaN cell itself gets a slope from its neighbours, as in gdaldem
    assertThat(slope[hole]).isNotNaN().isPositive();
    assertThat(slope[W + 1]).isNotNaN().isNotEqualTo(-9999f);
  }

  @Test
  void rastersNarrowerThanTwoCellsAreAllNodata() {
    TerrainOptions edges = TerrainOptions.defaults().withComputeEdges(true);
    for (int[] size : new int[][] {{1, 5}, {5, 1}, {1, 1}}) {
      float[] raster = new float[size[0] * size[1]];
      Arrays.fill(raster, 7f);
      HaloTile tile = GeoTiffGrid.tile(raster, size[0], size[1], 0, 0, size[0], size[1], 1);
      float[] slope = TerrainKernel.of(TerrainProduct.SLOPE, TerrainGrid.uniform(1, 1), edges).apply(tile);
      assertThat(slope).containsOnly(-9999f);
    }
  }

  @Test
  void rejectsWhatItCannotCompute() {
    float[] raster = new float[W * H];
    HaloTile noHalo = new HaloTile(0, 0, W, H, 0, W, H, raster);
    TerrainKernel slope = TerrainKernel.of(TerrainProduct.SLOPE, TerrainGrid.uniform(1, 1), TerrainOptions.defaults());
    assertThatThrownBy(() -> slope.apply(noHalo)).hasMessageContaining("halo of at least 1");
    HaloTile shortValues = new HaloTile(0, 0, W, H, 1, W, H, raster);
    assertThatThrownBy(() -> slope.apply(shortValues)).hasMessageContaining("expected 99 floats");
    HaloTile outside = new HaloTile(5, 0, W, H, 1, W, H, new float[(W + 2) * (H + 2)]);
    assertThatThrownBy(() -> slope.apply(outside)).hasMessageContaining("do not lie within");
    assertThatThrownBy(() -> TerrainOptions.defaults().withLight(0, 95)).hasMessageContaining("altitude");
    assertThatThrownBy(() -> TerrainOptions.defaults().withZFactor(0)).hasMessageContaining("z-factor");
    assertThatThrownBy(() -> TerrainOptions.defaults().withScale(Double.NaN)).hasMessageContaining("scale");
    assertThatThrownBy(() -> TerrainGrid.uniform(0, 1)).hasMessageContaining("cell sizes");
    TerrainKernel polar = TerrainKernel.of(TerrainProduct.SLOPE, TerrainGrid.geographic(-88, 1, 1),
        TerrainOptions.defaults());
    assertThatThrownBy(() -> polar.apply(GeoTiffGrid.tile(raster, W, H, 0, 0, W, H, 1)))
        .hasMessageContaining("outside (-90, 90)");
  }

  private static float[] whole(TerrainProduct product, TerrainGrid grid, TerrainOptions options, float[] raster) {
    return TerrainKernel.of(product, grid, options).apply(GeoTiffGrid.tile(raster, W, H, 0, 0, W, H, 1));
  }

  /** The value of the centre of a 3x3 window computed as an interior cell of a 5x5 raster around it. */
  private static float interiorValue(TerrainProduct product, TerrainGrid grid, TerrainOptions options,
      float[] window) {
    float[] raster = new float[25];
    Arrays.fill(raster, window[4]);
    for (int k = 0; k < 9; k++) {
      raster[(1 + k / 3) * 5 + 1 + k % 3] = window[k];
    }
    HaloTile tile = GeoTiffGrid.tile(raster, 5, 5, 2, 2, 1, 1, 1);
    return TerrainKernel.of(product, grid, options).apply(tile)[0];
  }

  private static float[] window(float[] raster, int c, int r) {
    float[] window = new float[9];
    for (int k = 0; k < 9; k++) {
      int cc = c - 1 + k % 3;
      int rr = r - 1 + k / 3;
      window[k] = cc < 0 || rr < 0 || cc >= W || rr >= H ? Float.NaN : raster[rr * W + cc];
    }
    return window;
  }

  private static boolean hasNan(float[] window) {
    for (float v : window) {
      if (Float.isNaN(v)) {
        return true;
      }
    }
    return false;
  }
}
