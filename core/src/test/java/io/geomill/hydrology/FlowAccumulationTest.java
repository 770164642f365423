package io.geomill.hydrology;

import static io.geomill.hydrology.D8.E;
import static io.geomill.hydrology.D8.N;
import static io.geomill.hydrology.D8.S;
import static io.geomill.hydrology.D8.W;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** D8 accumulation from given directions: counts, weights, outlets, codes, and cycles. */
class FlowAccumulationTest {
  private static final byte X = D8.NODATA;

  @Test
  void aCombOfColumnsGathersIntoTheRowItFlowsAlong() {
    // Every cell of rows 1..3 flows north; row 0 flows west and out at (0, 0).
    int w = 5;
    int h = 4;
    byte[] dirs = new byte[w * h];
    for (int i = 0; i < dirs.length; i++) {
      dirs[i] = (byte) (i < w ? W : N);
    }
    double[] acc = FlowAccumulation.accumulate(dirs, w, h, null);
    for (int i = 0; i < dirs.length; i++) {
      int x = i % w;
      int y = i / w;
      // A column cell holds itself and the cells below it; a row-0 cell holds its column and those east of it.
      double expected = y > 0 ? h - y : (double) h * (w - x);
      assertThat(acc[i]).as("cell %d, %d", x, y).isEqualTo(expected);
    }
    float[] weights = new float[w * h];
    java.util.Arrays.fill(weights, 0.5f);
    weights[w * h - 1] = Float.NaN;
    double[] weighted = FlowAccumulation.accumulate(dirs, w, h, weights);
    assertThat(weighted[0]).as("half of each cell, the nodata weight as 0").isEqualTo((w * h - 1) * 0.5);
  }

  @Test
  void flowEndsAtSinksNodataAndTheRasterEdge() {
    byte[] dirs = {
        E, E, S, X,
        E, D8.SINK, W, E,
        N, N, N, N};
    double[] acc = FlowAccumulation.accumulate(dirs, 4, 3, null);
    assertThat(acc).containsExactly(
        1, 2, 3, Double.NaN,
        2, 9, 5, 2,
        1, 1, 1, 1);
    assertThat(Oracles.sumAtOutlets(dirs, acc, 4, 3)).as("every valid cell once, at its outlet").isEqualTo(11);
  }

  @Test
  void aCycleIsAnErrorNamingOneOfItsCells() {
    byte[] dirs = {
        E, S, S,
        N, W, S,
        N, N, W};
    assertThatThrownBy(() -> FlowAccumulation.accumulate(dirs, 3, 3, null))
        .isInstanceOf(InvalidFlowDirectionsException.class)
        .hasMessageMatching("the flow directions form a cycle through column [01], row [01]");
    // The same cycle across four tiles of 1 x 1 (each alone has no cycle): found by the perimeter solve.
    TiledDriver tiled = new TiledDriver(new TileGrid(3, 3, 1, 1));
    assertThatThrownBy(() -> tiled.accumulation(dirs, null))
        .isInstanceOf(InvalidFlowDirectionsException.class)
        .hasMessageMatching("the flow directions form a cycle through column [01], row [01]");
  }

  @Test
  void esriAndTaudemCodesOfTheSameDirectionsGiveTheSameAccumulation() {
    int w = 30;
    int h = 20;
    float[] filled = PriorityFlood.fill(Dems.random(11, w, h, 0, 0.1), w, h, PriorityFlood.Mode.EXACT);
    byte[] dirs = FlowDirectionTile.wholeRaster(filled, w, h, CellGeometry.unit());
    double[] expected = FlowAccumulation.accumulate(dirs, w, h, null);
    assertThat(expected).isEqualTo(Oracles.accumulation(dirs, w, h, null));
    for (FlowCodes codes : FlowCodes.values()) {
      int[] encoded = codes.encode(dirs, -9999);
      float[] raster = new float[encoded.length];
      for (int i = 0; i < raster.length; i++) {
        raster[i] = encoded[i] == -9999 ? Float.NaN : encoded[i];
      }
      assertThat(FlowCodes.detect(FlowCodes.census(raster))).contains(codes);
      assertThat(FlowAccumulation.accumulate(codes.decode(raster, w, 0, 0), w, h, null)).isEqualTo(expected);
    }
  }

  @Test
  void codesAreDetectedOrTheAmbiguityIsReported() {
    assertThat(FlowCodes.detect(FlowCodes.census(new float[] {1, 2, 64, Float.NaN}))).contains(FlowCodes.ESRI);
    assertThat(FlowCodes.detect(FlowCodes.census(new float[] {1, 7, 0}))).contains(FlowCodes.TAUDEM);
    assertThat(FlowCodes.detect(FlowCodes.census(new float[] {1, 2, 4, 8, 0}))).as("fits both")
        .isEqualTo(Optional.empty());
    assertThatThrownBy(() -> FlowCodes.detect(FlowCodes.census(new float[] {3, 16})))
        .isInstanceOf(InvalidFlowDirectionsException.class).hasMessageContaining("neither ESRI")
        .hasMessageContaining("TauDEM codes (1=E 2=NE 3=N");
    assertThatThrownBy(() -> FlowCodes.detect(FlowCodes.census(new float[] {1.5f})))
        .isInstanceOf(InvalidFlowDirectionsException.class);
    assertThatThrownBy(() -> FlowCodes.ESRI.decode(new float[] {1, 2, 3, 4}, 2, 10, 20))
        .isInstanceOf(InvalidFlowDirectionsException.class)
        .hasMessage("value 3 at column 10, row 21 is not a flow-direction code of the ESRI set (1=E 2=SE 4=S"
            + " 8=SW 16=W 32=NW 64=N 128=NE, 0 = no direction)");
  }
}
