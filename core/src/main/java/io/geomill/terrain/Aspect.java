package io.geomill.terrain;

/**
 * gdaldem aspect: the compass direction the slope faces, {@code atan2(dy, -dx)} turned into degrees clockwise
 * from north, in [0, 360). Flat cells (both sums 0) get the flat value: nodata -9999, or 0 with
 * {@link TerrainOptions#zeroForFlat()}.
 *
 * <p>Unlike gdaldem, which ignores the cell size here, the sums are divided by the cell width and height
 * first, so the direction is the true one on cells that are not square (geographic rasters away from the
 * equator, or projected cells of unequal sides). On square cells the arithmetic is gdaldem's exactly: the
 * ratio below is then 1.
 */
final class Aspect implements GradientProduct {
  private static final double DEGREES_TO_RADIANS = Math.PI / 180.0;

  private final float flatValue;

  Aspect(TerrainOptions options) {
    this.flatValue = nodataValue(options);
  }

  static float nodataValue(TerrainOptions options) {
    return options.zeroForFlat() ? 0f : -9999f;
  }

  @Override
  public void row(float[] gx, float[] gy, int n, double cellWidth, double cellHeight, float[] out, int offset) {
    // atan2(gy / cellHeight, gx / cellWidth), both scaled by cellHeight > 0
    double heightOverWidth = cellHeight / cellWidth;
    for (int j = 0; j < n; j++) {
      float x = gx[j];
      float y = gy[j];
      float angle = (float) (StrictMath.atan2(y, x * heightOverWidth) / DEGREES_TO_RADIANS);
      // gdaldem: angle > 90 ? 450 - angle : 90 - angle. The sign of 90 - angle picks 450 or 90 without a
      // branch (aspects are random, a branch would be mispredicted half the time).
      float from = 90.0f + 360.0f * (Float.floatToRawIntBits(90.0f - angle) >>> 31);
      float compass = from - angle;
      if (compass == 360.0f) {
        compass = 0f;
      }
      out[offset + j] = x == 0 && y == 0 ? flatValue : compass;
    }
  }
}
