package io.geomill.raster;

/**
 * A rectangular window of one band of a raster plus a halo of `halo` cells on every side, as float values.
 * The window's own cells are columns [col0, col0 + width) and rows [row0, row0 + height) of the full raster
 * (rasterWidth x rasterHeight). `values` holds (width + 2*halo) x (height + 2*halo) cells, row-major, the
 * first value being (col0 - halo, row0 - halo); it may be longer (a reused array), the cells past those meaning
 * nothing. Cells outside the raster and nodata cells are NaN (nodata is
 * converted to NaN on read; whether a NaN is outside the raster follows from its position).
 */
public record HaloTile(int col0, int row0, int width, int height, int halo,
    int rasterWidth, int rasterHeight, float[] values) implements java.io.Serializable {
  public int stride() { return width + 2 * halo; }
  /** The value at raster column c, row r (c, r within the window plus its halo). */
  public float at(int c, int r) { return values[(r - row0 + halo) * stride() + (c - col0 + halo)]; }
  public boolean insideRaster(int c, int r) { return c >= 0 && r >= 0 && c < rasterWidth && r < rasterHeight; }

  /**
   * The window's own cells (not its halo) that hold a value. The array, width and stride are in locals and the
   * count per row is an int: C1 (the terrain job's JIT) would read every field in every iteration.
   */
  public long validCells() {
    float[] cells = values;
    int w = width;
    int s = stride();
    long valid = 0;
    for (int y = 0, row = halo * s + halo; y < height; y++, row += s) {
      int rowValid = w;
      for (int k = row, end = row + w; k < end; k++) {
        if (cells[k] != cells[k]) { // NaN
          rowValid--;
        }
      }
      valid += rowValid;
    }
    return valid;
  }
}
