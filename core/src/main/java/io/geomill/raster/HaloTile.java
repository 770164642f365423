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
   * The window's own cells (not its halo) that hold a value. A row is counted cell by cell only when its sum is
   * NaN: a NaN cell makes it NaN, and otherwise only infinities of both signs do (then the count is exact all
   * the same). The array, width and stride are in locals: C1 (the terrain job's JIT) would read every field in
   * every iteration.
   */
  public long validCells() {
    float[] cells = values;
    int w = width;
    int s = stride();
    long valid = 0;
    for (int y = 0, row = halo * s + halo; y < height; y++, row += s) {
      valid += Float.isNaN(sum(cells, row, row + w)) ? countValues(cells, row, row + w) : w;
    }
    return valid;
  }

  /** The sum of cells [from, to), in four partial sums: C1 neither unrolls a loop nor splits a chain of adds. */
  private static float sum(float[] cells, int from, int to) {
    float a = 0;
    float b = 0;
    float c = 0;
    float d = 0;
    int k = from;
    for (int end = to - 3; k < end; k += 4) {
      a += cells[k];
      b += cells[k + 1];
      c += cells[k + 2];
      d += cells[k + 3];
    }
    for (; k < to; k++) {
      a += cells[k];
    }
    return (a + b) + (c + d);
  }

  private static int countValues(float[] cells, int from, int to) {
    int count = to - from;
    for (int k = from; k < to; k++) {
      if (cells[k] != cells[k]) { // NaN
        count--;
      }
    }
    return count;
  }
}
