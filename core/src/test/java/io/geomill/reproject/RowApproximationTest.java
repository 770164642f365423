package io.geomill.reproject;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.raster.GeoTransform;
import io.geomill.vector.LayerCrs;
import org.junit.jupiter.api.Test;

/** The row pass of a tile replays the transforms of its extent pass: the same positions as transforming afresh. */
class RowApproximationTest {
  @Test
  void rowsAfterTheirExtentPassEqualRowsTransformedAfresh() throws WarpException {
    // a UTM 32N grid of 30 m cells to Web Mercator cells of 45 m: a target grid of 4000 columns, a tile of
    // columns 1500-2011
    GridTransform transform = GridTransform.of(LayerCrs.parse("EPSG:32632"),
        new GeoTransform(237_480, 30, 0, 5_638_200, 0, -30), LayerCrs.parse("EPSG:3857"));
    double[] target = {586_700, 45, 0, 6_594_000, 0, -45};
    int width = 4000;
    int col0 = 1500;
    int count = 512;
    RowApproximation replayed = new RowApproximation(transform, target, width);
    SourceExtent extent = new SourceExtent(1_000_000, 1_000_000);
    for (int row = 100; row < 140; row++) {
      replayed.extent(row, col0, count, extent);
    }
    for (int row = 100; row < 140; row++) {
      double[] x = new double[count];
      double[] y = new double[count];
      boolean[] ok = new boolean[count];
      replayed.row(row, col0, count, x, y, ok);
      double[] freshX = new double[count];
      double[] freshY = new double[count];
      boolean[] freshOk = new boolean[count];
      new RowApproximation(transform, target, width).row(row, col0, count, freshX, freshY, freshOk);
      assertThat(x).as("row %d", row).isEqualTo(freshX);
      assertThat(y).as("row %d", row).isEqualTo(freshY);
      assertThat(ok).as("row %d", row).isEqualTo(freshOk).contains(true);
    }
  }
}
