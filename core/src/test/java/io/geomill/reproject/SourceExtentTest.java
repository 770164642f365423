package io.geomill.reproject;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** A linear piece's extent taken from its ends is the extent of its cells one by one, inside the raster or not. */
class SourceExtentTest {
  @Test
  void aLineAddsWhatItsCellsAddOneByOne() {
    Random random = new Random(6);
    int emptyLines = 0;
    for (int i = 0; i < 20_000; i++) {
      // lines from well outside to well inside a 100 x 80 raster, some ending on its edges
      double x0 = random.nextInt(4) == 0 ? 100 - 1e-11 : random.nextDouble() * 160 - 30;
      double y0 = random.nextInt(4) == 0 ? 0 : random.nextDouble() * 140 - 30;
      double dx = (random.nextDouble() - 0.5) * 3;
      double dy = (random.nextDouble() - 0.5) * 0.5;
      int first = random.nextInt(50);
      int last = first + random.nextInt(120) - 5;
      SourceExtent line = new SourceExtent(100, 80);
      SourceExtent cells = new SourceExtent(100, 80);
      line.addLine(x0, dx, y0, dy, first, last);
      for (int d = first; d <= last; d++) {
        cells.add(x0 + dx * (double) d, y0 + dy * (double) d);
      }
      assertThat(new double[] {line.minX, line.maxX, line.minY, line.maxY})
          .as("x0 %s dx %s y0 %s dy %s, %d..%d", x0, dx, y0, dy, first, last)
          .containsExactly(cells.minX, cells.maxX, cells.minY, cells.maxY);
      emptyLines += cells.isEmpty() ? 1 : 0;
    }
    assertThat(emptyLines).as("lines that miss the raster and lines that reach it, thousands of each").isBetween(2_000, 18_000);
  }

  @Test
  void onlyPositionsTheResamplingTakesCount() {
    SourceExtent extent = new SourceExtent(10, 10);
    extent.add(10, 5);             // on the right edge: outside, as in GDAL
    extent.add(-1e-300, 5);
    extent.add(Double.NaN, 5);
    assertThat(extent.isEmpty()).isTrue();
    extent.add(10 - 1e-9, 0);
    assertThat(extent.isEmpty()).isFalse();
    assertThat(extent.maxX).isEqualTo(10 - 1e-9);
  }
}
