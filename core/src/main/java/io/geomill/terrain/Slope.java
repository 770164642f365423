package io.geomill.terrain;

/**
 * gdaldem slope: {@code atan(sqrt(dx^2 + dy^2) * z / (w * scale))} in degrees, or {@code 100 *} the tangent in
 * percent, where dx, dy are the window's weighted sums divided by the cell width and height and w the sums'
 * weight (8 for Horn, 2 for Zevenbergen-Thorne).
 */
final class Slope implements GradientProduct {
  static final float NODATA = -9999f;
  private static final double RADIANS_TO_DEGREES = 180.0 / Math.PI;

  private final double tangentFactor;
  private final boolean degrees;

  Slope(TerrainOptions options) {
    this.tangentFactor = options.zFactor() / (Gradients.weight(options.gradient()) * options.scale());
    this.degrees = options.slopeUnits() == TerrainOptions.SlopeUnits.DEGREES;
  }

  @Override
  public void row(float[] gx, float[] gy, int n, double cellWidth, double cellHeight, float[] out, int offset) {
    double inverseWidth = 1 / cellWidth;
    double inverseHeight = 1 / cellHeight;
    double factor = tangentFactor; // C1 would read the field in every iteration
    if (degrees) {
      for (int j = 0; j < n; j++) {
        double dx = gx[j] * inverseWidth;
        double dy = gy[j] * inverseHeight;
        out[offset + j] = (float) (StrictAtan.atan(Math.sqrt(dx * dx + dy * dy) * factor) * RADIANS_TO_DEGREES);
      }
    } else {
      for (int j = 0; j < n; j++) {
        double dx = gx[j] * inverseWidth;
        double dy = gy[j] * inverseHeight;
        out[offset + j] = (float) (100 * (Math.sqrt(dx * dx + dy * dy) * factor));
      }
    }
  }
}
