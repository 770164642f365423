package io.geomill.terrain;

/**
 * A product made from the gradient of each cell: turns one row of gradients into output values. Called once
 * per row (not per cell), so each product's loop over the row is its own, with the row's constants hoisted.
 */
interface GradientProduct {
  /**
   * Writes {@code out[offset + j]} for the {@code n} cells of a row from {@code gx[j]} (left minus right) and
   * {@code gy[j]} (bottom minus top), gdaldem's weighted sums of elevation differences before division by the
   * cell size. Cells whose output is nodata come with sums of 0 and are overwritten after.
   *
   * @param cellWidth  the row's cell width (metres for geographic grids)
   * @param cellHeight the row's cell height
   */
  void row(float[] gx, float[] gy, int n, double cellWidth, double cellHeight, float[] out,
      int offset);
}
