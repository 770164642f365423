package io.geomill.raster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class HaloTileTest {
  /**
   * Rows of values, NaNs, infinities of both signs and values whose sum overflows: what makes a row's sum NaN
   * without a NaN in it, or (in the halo, which is not counted) puts NaNs next to the window.
   */
  @Property(tries = 300)
  void validCellsCountsTheWindowsOwnCellsThatAreNotNaN(@ForAll @IntRange(min = 1, max = 37) int width,
      @ForAll @IntRange(min = 1, max = 9) int height, @ForAll @IntRange(min = 0, max = 3) int halo,
      @ForAll @IntRange(min = 0, max = 4) int extra, @ForAll long seed) {
    Random random = new Random(seed);
    int stride = width + 2 * halo;
    float[] values = new float[stride * (height + 2 * halo) + extra];
    for (int i = 0; i < values.length; i++) {
      values[i] = switch (random.nextInt(8)) {
        case 0 -> Float.NaN;
        case 1 -> Float.POSITIVE_INFINITY;
        case 2 -> Float.NEGATIVE_INFINITY;
        case 3 -> Float.MAX_VALUE;
        case 4 -> -Float.MAX_VALUE;
        default -> random.nextFloat() * 4000 - 500;
      };
    }
    long expected = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        expected += Float.isNaN(values[(y + halo) * stride + x + halo]) ? 0 : 1;
      }
    }
    HaloTile tile = new HaloTile(3, 5, width, height, halo, 100, 100, values);

    assertThat(tile.validCells()).isEqualTo(expected);
  }

  @Test
  void aRowWhoseSumOverflowsStillCountsEveryCell() {
    float[] values = {Float.MAX_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE, 1, 2};
    HaloTile tile = new HaloTile(0, 0, 6, 1, 0, 6, 1, values);

    assertThat(tile.validCells()).isEqualTo(6);
  }

  @Test
  void aNaNInTheHaloIsNotCountedAgainstTheWindow() {
    float nan = Float.NaN;
    float[] values = {
        nan, nan, nan, nan,
        nan, 1, nan, nan,
        nan, 2, 3, nan,
        nan, nan, nan, nan};
    HaloTile tile = new HaloTile(0, 0, 2, 2, 1, 2, 2, values);

    assertThat(tile.validCells()).isEqualTo(3);
  }
}
