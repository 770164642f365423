package io.geomill.terrain;

/**
 * The gradient sums of gdaldem 3.6.2 over the window read from {@code v} around index {@code k} with row
 * stride {@code s} (window cells numbered 0-8 row by row, 4 the centre). The sums are floats added in gdaldem's
 * order, so a cell's value is gdaldem's to the last bit before it is divided by the cell size.
 */
final class Gradients {
  private Gradients() {}

  /** What the sums weigh: Horn's are 8 cell widths, Zevenbergen-Thorne's 2. */
  static double weight(TerrainOptions.Gradient gradient) {
    return gradient == TerrainOptions.Gradient.HORN ? 8 : 2;
  }

  /** Horn: (w0 + 2 w3 + w6) - (w2 + 2 w5 + w8), left minus right. */
  static float hornX(float[] v, int k, int s) {
    return (v[k - s - 1] + v[k - 1] + v[k - 1] + v[k + s - 1]) - (v[k - s + 1] + v[k + 1] + v[k + 1] + v[k + s + 1]);
  }

  /** Horn: (w6 + 2 w7 + w8) - (w0 + 2 w1 + w2), bottom minus top. */
  static float hornY(float[] v, int k, int s) {
    return (v[k + s - 1] + v[k + s] + v[k + s] + v[k + s + 1]) - (v[k - s - 1] + v[k - s] + v[k - s] + v[k - s + 1]);
  }

  /** Zevenbergen-Thorne: w3 - w5, left minus right. */
  static float zevenbergenThorneX(float[] v, int k, int s) {
    return v[k - 1] - v[k + 1];
  }

  /** Zevenbergen-Thorne: w7 - w1, bottom minus top. */
  static float zevenbergenThorneY(float[] v, int k, int s) {
    return v[k + s] - v[k - s];
  }
}
