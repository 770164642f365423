package io.geomill.hydrology;

import static io.geomill.hydrology.D8.E;
import static io.geomill.hydrology.D8.N;
import static io.geomill.hydrology.D8.NE;
import static io.geomill.hydrology.D8.NW;
import static io.geomill.hydrology.D8.S;
import static io.geomill.hydrology.D8.SE;
import static io.geomill.hydrology.D8.SW;
import static io.geomill.hydrology.D8.W;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** D8 directions on hand-built grids: steepest descent, cell sizes, ties, edges, and flats. */
class FlowDirectionsTest {
  private static byte[] directions(float[] dem, int w, int h, CellGeometry geometry) {
    return FlowDirectionTile.wholeRaster(dem, w, h, geometry);
  }

  @Test
  void aVValleyDrainsToItsAxisAndDownTheAxis() {
    // z = 2 |x - 4| + y: the axis x = 4 falls to the north edge (row 0); the sides fall towards it.
    int w = 9;
    int h = 6;
    float[] dem = new float[w * h];
    for (int i = 0; i < dem.length; i++) {
      dem[i] = 2 * Math.abs(i % w - 4) + i / w;
    }
    byte[] dirs = directions(dem, w, h, CellGeometry.unit());
    for (int i = 0; i < dem.length; i++) {
      int x = i % w;
      int y = i / w;
      // Off the axis, towards it and north: (2 + 1) / sqrt(2) beats 2 (across) and 1 (north); on row 0
      // there is no north, so across; the axis flows north, and out of the raster at row 0.
      byte expected = (byte) (x == 4 ? N : y == 0 ? (x < 4 ? E : W) : (x < 4 ? NE : NW));
      assertThat(dirs[i]).as("cell %d, %d", x, y).isEqualTo(expected);
    }
    double[] acc = FlowAccumulation.accumulate(dirs, w, h, null);
    // The axis cell of row y gathers its own column of the valley below it plus the sides that reach it.
    assertThat(acc[4]).as("the outlet gathers the whole valley").isEqualTo(w * h);
  }

  @Test
  void nonSquareCellsChangeWhichNeighbourIsSteepest() {
    // z = x + 2 y: W drops 1, N drops 2, NW drops 3.
    float[] dem = new float[9];
    for (int i = 0; i < 9; i++) {
      dem[i] = i % 3 + 2 * (i / 3);
    }
    assertThat(directions(dem, 3, 3, CellGeometry.unit())[4]).as("3 / sqrt 2 > 2 > 1").isEqualTo((byte) NW);
    assertThat(directions(dem, 3, 3, CellGeometry.projected(1, 10))[4]).as("tall cells: 1 / 1 > 3 / sqrt(101)")
        .isEqualTo((byte) W);
    assertThat(directions(dem, 3, 3, CellGeometry.projected(10, 1))[4]).as("wide cells: N 2 / 1").isEqualTo((byte) N);
  }

  @Test
  void equalSlopesGoToTheFirstOfEastSouthEastSouthAndSoOn() {
    float[] dem = {9, 9, 9, 9, 5, 4, 9, 4, 9};
    assertThat(directions(dem, 3, 3, CellGeometry.unit())[4]).as("E and S drop alike: E first").isEqualTo((byte) E);
    float[] diagonals = {3, 9, 9, 9, 5, 9, 9, 9, 3};
    assertThat(directions(diagonals, 3, 3, CellGeometry.unit())[4]).as("SE before NW").isEqualTo((byte) SE);
  }

  @Test
  void edgeCellsWithoutALowerNeighbourFlowOutOfTheRaster() {
    float[] flat = new float[12];
    java.util.Arrays.fill(flat, 1);
    byte[] dirs = directions(flat, 4, 3, CellGeometry.unit());
    // Edge cells: to the first missing neighbour of E, S, W, N. The two inner cells are a flat whose drains
    // are the edge cells: each goes to its nearest drain, a cardinal one, the first of E, S, W, N.
    assertThat(dirs).containsExactly(
        (byte) W, (byte) N, (byte) N, (byte) E,
        (byte) W, (byte) S, (byte) E, (byte) E,
        (byte) S, (byte) S, (byte) S, (byte) E);
    float nan = Float.NaN;
    float[] hole = {1, 1, 1, 1, nan, 1, 1, 1, 1};
    assertThat(directions(hole, 3, 3, CellGeometry.unit())).as("into the nodata cell or out of the raster")
        .containsExactly((byte) W, (byte) S, (byte) E, (byte) E, D8.NODATA, (byte) E, (byte) S, (byte) S, (byte) E);
  }

  @Test
  void aFlatCorridorDrainsToItsOnlyOutlet() {
    // Rows 0 and 2 are walls of 10; row 1 is a flat at 5 whose west end is the raster's edge.
    int w = 7;
    float[] dem = new float[3 * w];
    java.util.Arrays.fill(dem, 10);
    for (int x = 0; x < w - 1; x++) {
      dem[w + x] = 5;
    }
    byte[] dirs = directions(dem, w, 3, CellGeometry.unit());
    for (int x = 0; x < w - 1; x++) {
      assertThat(dirs[w + x]).as("corridor cell %d", x).isEqualTo((byte) W);
    }
    TileGrid tiles = new TileGrid(w, 3, 2, 2);
    assertThat(new TiledDriver(tiles).flowDirections(new InMemoryRaster(dem, w, 3), CellGeometry.unit()))
        .as("tiled: the flat crosses three tile edges").isEqualTo(dirs);
  }

  @Test
  void aFlatDrainsTowardsItsOutletAndAwayFromHigherTerrain() {
    // A 9 x 7 flat at 5 inside walls of 9, with one outlet at 5 in the middle of the south edge. Distances
    // through the flat: low = Chebyshev distance to the outlet, high = distance to the walls; every flat cell
    // must go down the mask 2 low - high, to a flat cell or, next to the outlet, to the outlet.
    int w = 11;
    int h = 9;
    int outlet = (h - 1) * w + 5;
    float[] dem = new float[w * h];
    for (int i = 0; i < dem.length; i++) {
      int x = i % w;
      int y = i / w;
      dem[i] = x == 0 || y == 0 || x == w - 1 || y == h - 1 ? 9 : 5;
    }
    dem[outlet] = 5;
    byte[] dirs = directions(dem, w, h, CellGeometry.unit());
    Oracles.assertDrainsToOutlets(dirs, w, h);
    assertThat(dirs[outlet]).as("the outlet flows out of the raster").isEqualTo((byte) S);
    assertThat(FlowAccumulation.accumulate(dirs, w, h, null)[outlet]).as("the walls drain into the flat, all to"
        + " the outlet").isEqualTo(w * h);
    assertThat(dirs[outlet - w]).isEqualTo((byte) S);
    assertThat(dirs[outlet - w - 1]).isEqualTo((byte) SE);
    assertThat(dirs[outlet - w + 1]).isEqualTo((byte) SW);
    for (int i = 0; i < dem.length; i++) {
      if (dem[i] != 5 || i == outlet) {
        continue;
      }
      int t = Oracles.target(dirs, w, h, i);
      if (t == outlet) {
        assertThat(flatMask(i, w)).as("cell %d, %d next to the outlet", i % w, i / w).isEqualTo(2 - 1);
        continue;
      }
      assertThat(dem[t]).isEqualTo(5);
      assertThat(flatMask(t, w)).as("cell %d, %d goes down the mask", i % w, i / w).isLessThan(flatMask(i, w));
    }
  }

  private static int chebyshevToOutlet(int i, int w) {
    return Math.max(Math.abs(i % w - 5), 8 - i / w);
  }

  private static int flatMask(int i, int w) {
    int x = i % w;
    int y = i / w;
    int high = Math.min(Math.min(x, y), Math.min(10 - x, 8 - y));
    return 2 * chebyshevToOutlet(i, w) - high;
  }

  @Test
  void aPitOfAnUnfilledDemHasNoDirection() {
    float[] dem = {9, 9, 9, 9, 1, 9, 9, 9, 9};
    byte[] dirs = directions(dem, 3, 3, CellGeometry.unit());
    assertThat(dirs[4]).isEqualTo(D8.SINK);
    assertThat(FlowAccumulation.accumulate(dirs, 3, 3, null)[4]).as("a sink is an outlet: the rim drains into it")
        .isEqualTo(9);
  }

  @Test
  void geographicCellsNarrowTowardsThePoles() {
    double[] equator = new double[8];
    double[] sixty = new double[8];
    CellGeometry geometry = CellGeometry.geographic(60 + 1.0 / 240, 1.0 / 120, 1.0 / 120); // row 0 centred on 60 N
    geometry.distances(0, sixty);
    CellGeometry.geographic(0.5, 1.0 / 120, 1.0 / 120).distances(59, equator);
    // 30 arc-seconds: about 927.66 m east-west and 921.45 m north-south at the equator (WGS 84).
    assertThat(equator[E]).isCloseTo(927.66, within(0.05));
    assertThat(equator[S]).isCloseTo(921.45, within(0.05));
    // cos 60 on a sphere; the ellipsoid's parallel at 60 N is 0.25 % longer.
    assertThat(sixty[E] / equator[E]).isCloseTo(0.5 * 1.0025, within(0.0005));
    assertThat(sixty[SW]).isCloseTo(Math.hypot(sixty[W], sixty[N]), within(1e-9));
  }

  @Test
  void codesConvertBothWays() {
    byte[] all = {E, SE, S, SW, W, NW, N, NE, D8.SINK, D8.NODATA};
    assertThat(FlowCodes.ESRI.encode(all, 255)).containsExactly(1, 2, 4, 8, 16, 32, 64, 128, 0, 255);
    assertThat(FlowCodes.TAUDEM.encode(all, -32768)).containsExactly(1, 8, 7, 6, 5, 4, 3, 2, 0, -32768);
    for (FlowCodes codes : FlowCodes.values()) {
      int[] encoded = codes.encode(all, 255);
      float[] asRead = new float[encoded.length];
      for (int i = 0; i < encoded.length; i++) {
        asRead[i] = encoded[i] == 255 ? Float.NaN : encoded[i];
      }
      assertThat(codes.decode(asRead, asRead.length, 0, 0)).isEqualTo(all);
    }
  }
}
