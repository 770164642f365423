package io.geomill.reproject;

/**
 * The bounding box of source pixel/line positions that fall inside a raster, as the resampling sees them
 * (GWKCheckAndComputeSrcOffsets: {@code x >= 0}, {@code y >= 0}, {@code x + 1e-10 <= width}, {@code y + 1e-10 <=
 * height}): what a target tile's window must cover. Empty while {@code minX > maxX}.
 */
final class SourceExtent {
  private final int width;
  private final int height;
  double minX = Double.POSITIVE_INFINITY;
  double minY = Double.POSITIVE_INFINITY;
  double maxX = Double.NEGATIVE_INFINITY;
  double maxY = Double.NEGATIVE_INFINITY;

  SourceExtent(int width, int height) {
    this.width = width;
    this.height = height;
  }

  static boolean inside(double x, double y, int width, int height) {
    return x >= 0 && y >= 0 && x + WarpKernel.EDGE_EPSILON <= width && y + WarpKernel.EDGE_EPSILON <= height;
  }

  boolean isEmpty() {
    return minX > maxX;
  }

  /** A transformed position; left out unless inside the raster. */
  void add(double x, double y) {
    if (inside(x, y, width, height)) {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }

  /**
   * The positions {@code (x0 + dx * d, y0 + dy * d)} for d = first .. last, computed as RowApproximation computes
   * them: the two ends when both are inside (then so is every position between, each coordinate being monotone in
   * d), else one by one.
   */
  void addLine(double x0, double dx, double y0, double dy, int first, int last) {
    if (first > last) {
      return;
    }
    double xFirst = x0 + dx * (double) first;
    double yFirst = y0 + dy * (double) first;
    double xLast = x0 + dx * (double) last;
    double yLast = y0 + dy * (double) last;
    if (inside(xFirst, yFirst, width, height) && inside(xLast, yLast, width, height)) {
      add(xFirst, yFirst);
      add(xLast, yLast);
      return;
    }
    for (int d = first; d <= last; d++) {
      add(x0 + dx * (double) d, y0 + dy * (double) d);
    }
  }
}
