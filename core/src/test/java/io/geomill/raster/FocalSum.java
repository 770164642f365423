package io.geomill.raster;

/**
 * A test kernel: the sum of the 3x3 neighbourhood's cells that have a value, nodata (-9999) where the centre
 * has none. Float sums in a fixed order, so the result of a cell depends only on the raster.
 */
final class FocalSum {
  static final float NODATA = -9999f;

  private FocalSum() {}

  static final TileFunction.ToFloat ON_TILE = (tile, raster) -> {
    float[] out = new float[tile.width() * tile.height()];
    for (int r = tile.row0(); r < tile.row0() + tile.height(); r++) {
      for (int c = tile.col0(); c < tile.col0() + tile.width(); c++) {
        float sum = NODATA;
        if (!Float.isNaN(tile.at(c, r))) {
          sum = 0;
          for (int dr = -1; dr <= 1; dr++) {
            for (int dc = -1; dc <= 1; dc++) {
              float v = tile.at(c + dc, r + dr);
              sum += Float.isNaN(v) ? 0 : v;
            }
          }
        }
        out[(r - tile.row0()) * tile.width() + (c - tile.col0())] = sum;
      }
    }
    return out;
  };

  /** The same on a whole raster held in memory, written without tiles or halos: the reference. */
  static float[] onWhole(float[][] cells) {
    int height = cells.length;
    int width = cells[0].length;
    float[] out = new float[width * height];
    for (int r = 0; r < height; r++) {
      for (int c = 0; c < width; c++) {
        float sum = NODATA;
        if (!Float.isNaN(cells[r][c])) {
          sum = 0;
          for (int dr = -1; dr <= 1; dr++) {
            for (int dc = -1; dc <= 1; dc++) {
              int rr = r + dr;
              int cc = c + dc;
              float v = rr < 0 || cc < 0 || rr >= height || cc >= width ? Float.NaN : cells[rr][cc];
              sum += Float.isNaN(v) ? 0 : v;
            }
          }
        }
        out[r * width + c] = sum;
      }
    }
    return out;
  }

  static RasterProduct product() {
    return new RasterProduct("sum3x3", 1, NODATA, ON_TILE);
  }
}
