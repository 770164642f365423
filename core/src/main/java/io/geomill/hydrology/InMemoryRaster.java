package io.geomill.hydrology;

import io.geomill.raster.HaloTile;

/**
 * A whole raster band held in memory, row-major, NaN = nodata: what the untiled kernels and the in-memory
 * {@link TiledDriver} cut {@link HaloTile}s from.
 */
public record InMemoryRaster(float[] values, int width, int height) {

  public InMemoryRaster {
    if (width <= 0 || height <= 0 || (long) width * height != values.length) {
      throw new IllegalArgumentException("a " + width + " x " + height + " raster needs " + (long) width * height
          + " values, got " + values.length);
    }
  }

  /** The window of {@code grid}'s tile {@code tile} with a halo of {@code halo} cells (NaN outside the raster). */
  public HaloTile tile(TileGrid grid, int tile, int halo) {
    return window(grid.col0(tile), grid.row0(tile), grid.width(tile), grid.height(tile), halo);
  }

  /** The whole raster as one window with a halo of {@code halo} NaN cells. */
  public HaloTile whole(int halo) {
    return window(0, 0, width, height, halo);
  }

  public HaloTile window(int col0, int row0, int windowWidth, int windowHeight, int halo) {
    int stride = windowWidth + 2 * halo;
    int rows = windowHeight + 2 * halo;
    long cells = (long) stride * rows;
    if (cells > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a window of " + windowWidth + " x " + windowHeight
          + " cells plus its halo is larger than a Java array; use tiles");
    }
    float[] out = new float[(int) cells];
    java.util.Arrays.fill(out, Float.NaN);
    int firstCol = Math.max(0, col0 - halo);
    int lastCol = Math.min(width, col0 + windowWidth + halo);
    for (int r = 0; r < rows; r++) {
      int row = row0 - halo + r;
      if (row < 0 || row >= height || lastCol <= firstCol) {
        continue;
      }
      System.arraycopy(values, row * width + firstCol, out, r * stride + (firstCol - col0 + halo),
          lastCol - firstCol);
    }
    return new HaloTile(col0, row0, windowWidth, windowHeight, halo, width, height, out);
  }
}
