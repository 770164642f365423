package io.geomill.hydrology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The properties on random DEMs: sizes from 1 x 1, nodata blobs, plateaus and flats (DEMs rounded
 * to a few levels), non-square cells, and random tile sizes, most of which do not divide the raster.
 */
class HydrologyPropertiesTest {

  /** A random DEM case: its shape and a tile grid for it. */
  record Case(int width, int height, float[] dem, TileGrid tiles, CellGeometry geometry) {
    static Case of(long seed, int width, int height, int levels, int nodataPercent, int tileWidth, int tileHeight,
        int cellShape) {
      float[] dem = Dems.random(seed, width, height, levels, nodataPercent / 100.0);
      TileGrid tiles = new TileGrid(width, height, 1 + (tileWidth - 1) % width, 1 + (tileHeight - 1) % height);
      CellGeometry geometry = CellGeometry.projected(1 + cellShape % 3, 1 + cellShape / 3);
      return new Case(width, height, dem, tiles, geometry);
    }

    InMemoryRaster raster(float[] values) {
      return new InMemoryRaster(values, width, height);
    }
  }

  /** Sizes 1 x 1 to 40 x 40, up to 6 levels (0: continuous), up to 30 % nodata, any tiles, 9 cell shapes. */
  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<Integer> size = Arbitraries.integers().between(1, 40);
    return Combinators.combine(Arbitraries.longs(), size, size, Arbitraries.integers().between(0, 6),
        Arbitraries.integers().between(0, 30), size, size, Arbitraries.integers().between(0, 8)).as(Case::of);
  }

  @Property(tries = 250)
  void theFillIsTheLeastSurfaceAboveTheDemThatDrainsAndTilesDoNotChangeIt(@ForAll("cases") Case c) {
    int width = c.width();
    int height = c.height();
    for (PriorityFlood.Mode mode : PriorityFlood.Mode.values()) {
      boolean epsilon = mode == PriorityFlood.Mode.EPSILON;
      float[] filled = PriorityFlood.fill(c.dem(), width, height, mode);
      for (int i = 0; i < filled.length; i++) {
        if (Float.isNaN(c.dem()[i])) {
          assertThat(filled[i]).isNaN();
          continue;
        }
        assertThat(filled[i]).isGreaterThanOrEqualTo(c.dem()[i]);
        if (Oracles.isOutlet(c.dem(), width, height, i)) {
          assertThat(filled[i]).as("outlets keep their elevation").isEqualTo(c.dem()[i]);
        }
      }
      // Raised only inside depressions, and no higher than needed: the fixpoint of the definition.
      assertThat(filled).isEqualTo(Oracles.fill(c.dem(), width, height, epsilon));
      Oracles.assertNonAscendingPathsToOutlets(filled, width, height);
      TiledDriver tiled = new TiledDriver(c.tiles());
      assertThat(tiled.fill(c.raster(c.dem()), mode)).as("%s tiled %s", mode, c.tiles()).isEqualTo(filled);
    }
  }

  @Property(tries = 250)
  void everyCellDrainsToAnOutletAndTilesDoNotChangeTheDirections(@ForAll("cases") Case c,
      @ForAll boolean epsilon) {
    int width = c.width();
    int height = c.height();
    float[] filled = PriorityFlood.fill(c.dem(), width, height,
        epsilon ? PriorityFlood.Mode.EPSILON : PriorityFlood.Mode.EXACT);
    byte[] dirs = FlowDirectionTile.wholeRaster(filled, width, height, c.geometry());
    Oracles.assertDrainsToOutlets(dirs, width, height);
    for (int i = 0; i < dirs.length; i++) {
      int t = Oracles.target(dirs, width, height, i);
      if (t >= 0) {
        assertThat(filled[t]).as("flow never climbs").isLessThanOrEqualTo(filled[i]);
      }
    }
    TiledDriver tiled = new TiledDriver(c.tiles());
    assertThat(tiled.flowDirections(c.raster(filled), c.geometry())).as("tiled %s", c.tiles()).isEqualTo(dirs);
  }

  @Property(tries = 250)
  void theAccumulationCountsEveryCellOnceAtItsOutletAndTilesDoNotChangeIt(@ForAll("cases") Case c) {
    int width = c.width();
    int height = c.height();
    float[] filled = PriorityFlood.fill(c.dem(), width, height, PriorityFlood.Mode.EXACT);
    byte[] dirs = FlowDirectionTile.wholeRaster(filled, width, height, c.geometry());
    double[] acc = FlowAccumulation.accumulate(dirs, width, height, null);
    assertThat(acc).isEqualTo(Oracles.accumulation(dirs, width, height, null));
    assertThat(Oracles.sumAtOutlets(dirs, acc, width, height)).isEqualTo(Oracles.validCells(c.dem()));
    TiledDriver tiled = new TiledDriver(c.tiles());
    assertThat(tiled.accumulation(dirs, null)).as("tiled %s", c.tiles()).isEqualTo(acc);

    float[] weights = new float[dirs.length];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = (i * 7 + height) % 4; // whole numbers: every sum is exact, in any order
    }
    double[] weighted = FlowAccumulation.accumulate(dirs, width, height, weights);
    assertThat(weighted).isEqualTo(Oracles.accumulation(dirs, width, height, weights));
    assertThat(tiled.accumulation(dirs, weights)).isEqualTo(weighted);
  }

  @Property(tries = 250)
  void arbitraryDirectionsAccumulateAlikeTiledOrReportTheSameCycle(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 25) int width, @ForAll @IntRange(min = 1, max = 25) int height,
      @ForAll @IntRange(min = 1, max = 30) int tileWidth, @ForAll @IntRange(min = 1, max = 30) int tileHeight) {
    java.util.Random random = new java.util.Random(seed);
    byte[] dirs = new byte[width * height];
    for (int i = 0; i < dirs.length; i++) {
      int r = random.nextInt(12);
      dirs[i] = r < 8 ? (byte) r : r == 8 ? D8.SINK : r == 9 ? D8.NODATA : (byte) D8.E;
    }
    TiledDriver tiled = new TiledDriver(new TileGrid(width, height, 1 + (tileWidth - 1) % width,
        1 + (tileHeight - 1) % height));
    Throwable untiledError = catchThrowable(() -> FlowAccumulation.accumulate(dirs, width, height, null));
    Throwable tiledError = catchThrowable(() -> tiled.accumulation(dirs, null));
    if (untiledError == null) {
      assertThat(tiledError).isNull();
      assertThat(tiled.accumulation(dirs, null)).isEqualTo(FlowAccumulation.accumulate(dirs, width, height, null));
    } else {
      assertThat(untiledError).isInstanceOf(InvalidFlowDirectionsException.class);
      assertThat(tiledError).isInstanceOf(InvalidFlowDirectionsException.class);
      assertOnACycle(dirs, width, height, untiledError.getMessage());
      assertOnACycle(dirs, width, height, tiledError.getMessage());
    }
  }

  /** The cell the message names is on a cycle: following directions from it comes back to it. */
  private static void assertOnACycle(byte[] dirs, int width, int height, String message) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("column (\\d+), row (\\d+)").matcher(message);
    assertThat(m.find()).as(message).isTrue();
    int start = Integer.parseInt(m.group(2)) * width + Integer.parseInt(m.group(1));
    int c = Oracles.target(dirs, width, height, start);
    for (int steps = 0; c != start; steps++) {
      assertThat(c).as("%s: the path from it ends", message).isNotNegative();
      assertThat(steps).isLessThan(dirs.length);
      c = Oracles.target(dirs, width, height, c);
    }
  }
}
