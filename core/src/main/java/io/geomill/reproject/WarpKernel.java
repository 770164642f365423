package io.geomill.reproject;

import io.geomill.raster.HaloTile;
import java.io.Serializable;

/**
 * gdalwarp 3.6's resampling of one target cell from the source cells around the point it maps to (GWKRealCase
 * in alg/gdalwarpkernel.cpp, for a source with a nodata value), in the same arithmetic:
 *
 * <ul>
 *   <li>a target cell gets a value only if its centre maps inside the source and onto a valid source cell (the
 *       cell it falls in, {@code floor(x + 1e-10)}), whatever the resampling;</li>
 *   <li>nearest: that cell's value;</li>
 *   <li>bilinear and cubic, when the source is not reduced by more than 5 % in either direction (GDAL's
 *       "4 samples formula"): bilinear over the 2 x 2 cells around the point, with the weights of invalid or
 *       outside cells left out and the rest renormalised (no value below a weight of 1e-5); cubic convolution
 *       (Catmull-Rom, a = -0.5) over 4 x 4 cells, falling back to that bilinear near the edges or when any of the
 *       16 cells is invalid;</li>
 *   <li>otherwise (the source reduced): the kernel widened by the reduction, radius {@code ceil(r / scale)}
 *       cells, weights {@code f(d * scale)}, renormalised over the valid cells (no value below 1e-6).</li>
 * </ul>
 *
 * The scales are the whole raster's (GDAL computes them per warp chunk; for a raster warped in one chunk they
 * are the same), so a cell's value never depends on the tile it is computed in.
 */
final class WarpKernel implements Serializable {
  private static final long serialVersionUID = 1L;
  /** GDAL's tolerance for a position on a cell's right or lower edge. */
  static final double EDGE_EPSILON = 1e-10;

  final Resampling resampling;
  final double xScale;
  final double yScale;
  private final boolean fourSamples;
  private final int xRadius;
  private final int yRadius;
  private final int xFirst;
  private final int yFirst;

  WarpKernel(Resampling resampling, double xScale, double yScale) {
    this.resampling = resampling;
    this.xScale = xScale;
    this.yScale = yScale;
    this.fourSamples = xScale >= 0.95 && yScale >= 0.95;
    int radius = resampling.radius;
    this.xRadius = xScale < 1.0 ? (int) Math.ceil(radius / xScale) : radius;
    this.yRadius = yScale < 1.0 ? (int) Math.ceil(radius / yScale) : radius;
    this.xFirst = ((radius + 1) % 2) - xRadius;
    this.yFirst = ((radius + 1) % 2) - yRadius;
  }

  /**
   * GDAL's scales for a target grid warped in one chunk (GDALWarpOperation::ComputeSourceWindow and
   * GDALWarpKernel::PerformWarp): target cells over the source cells the target's edges span, clamped to the
   * raster; 1 when the source window is within the kernel's padding of the target's size; reductions within 5 %
   * of a whole factor snapped to it.
   *
   * @param edges the source pixel/line coordinates of 21 points along each edge of the target grid
   */
  static WarpKernel forWindow(Resampling resampling, double[] edges, boolean[] ok, int targetWidth,
      int targetHeight, int sourceWidth, int sourceHeight) {
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    int failed = 0;
    for (int i = 0; i < ok.length; i++) {
      if (!ok[i]) {
        failed++;
        continue;
      }
      minX = Math.min(minX, edges[2 * i]);
      maxX = Math.max(maxX, edges[2 * i]);
      minY = Math.min(minY, edges[2 * i + 1]);
      maxY = Math.max(maxY, edges[2 * i + 1]);
    }
    double x = scale(resampling, failed, minX, maxX, targetWidth, sourceWidth);
    double y = scale(resampling, failed, minY, maxY, targetHeight, sourceHeight);
    return new WarpKernel(resampling, x, y);
  }

  private static double scale(Resampling resampling, int failed, double min, double max, int target, int source) {
    if (!(max > min)) {
      return 1.0;
    }
    double windowScale = Math.max(1e-3, target / (max - min));
    int radius = windowScale < 0.95 ? (int) Math.ceil(resampling.radius / windowScale) : resampling.radius;
    if (failed > 0) {
      radius += 10;
    }
    int minClamped = (int) Math.max(0.0, min);
    int maxClamped = (int) Math.min(Math.ceil(max), source);
    int offset = Math.max(0, Math.min(minClamped - radius, source));
    int size = Math.max(0, Math.min(source - offset, maxClamped - offset + radius));
    double raw = Math.max(0.0, Math.min((double) (source - minClamped), max - min));
    double extra = size - raw;
    double scale = target / (size - extra);
    if (size >= target && size <= target + extra) {
      scale = 1.0;
    }
    if (scale < 1.0) {
      double reciprocal = 1.0 / scale;
      int whole = (int) (reciprocal + 0.5);
      if (Math.abs(reciprocal - whole) < 0.05) {
        scale = 1.0 / whole;
      }
    }
    return scale;
  }

  /** Source cells left of and above {@code floor(x)} any sample may read (right of and below: {@link #reachAfter}). */
  int reachBefore() {
    return switch (resampling) {
      case NEAREST -> 0;
      case BILINEAR, CUBIC -> fourSamples ? resampling.radius : Math.max(-xFirst, -yFirst) + 1;
    };
  }

  int reachAfter() {
    return switch (resampling) {
      case NEAREST -> 0;
      case BILINEAR, CUBIC -> fourSamples ? resampling.radius : Math.max(xRadius, yRadius);
    };
  }

  /**
   * Resamples {@code count} target cells of one row whose source pixel/line positions are {@code x}, {@code y}
   * ({@code transformed[i]} false where the transform failed) into {@code values[0..count)}, NaN for no value: a
   * cell gets a value when its position is inside the raster and on a valid cell ({@code floor(x + 1e-10)},
   * GDAL's GWKCheckAndComputeSrcOffsets) and the kernel gives one. {@code source} holds every cell the kernel
   * reads (NaN where invalid). One loop per method, with the interior of bilinear read straight from the window's
   * array: the same arithmetic as {@link #sample}, without a call per cell.
   *
   * @return how many cells got a value
   */
  int resampleRow(HaloTile source, double[] x, double[] y, boolean[] transformed, int count, double[] values) {
    int width = source.rasterWidth();
    int height = source.rasterHeight();
    if (resampling == Resampling.BILINEAR && fourSamples && width > 1 && height > 1) {
      return bilinearRow(source, x, y, transformed, count, values);
    }
    float[] window = source.values();
    int stride = source.stride();
    int originX = source.col0() - source.halo();
    int originY = source.row0() - source.halo();
    boolean nearest = resampling == Resampling.NEAREST || width == 1 || height == 1;
    int valid = 0;
    for (int c = 0; c < count; c++) {
      double px = x[c];
      double py = y[c];
      double value = Double.NaN;
      if (transformed[c] && SourceExtent.inside(px, py, width, height)) {
        int cx = Math.min((int) (px + EDGE_EPSILON), width - 1);
        int cy = Math.min((int) (py + EDGE_EPSILON), height - 1);
        float centre = window[(cy - originY) * stride + cx - originX];
        if (!Float.isNaN(centre)) {
          value = nearest ? centre : sample(source, px, py, cx, cy, width, height);
        }
      }
      values[c] = value;
      if (!Double.isNaN(value)) {
        valid++;
      }
    }
    return valid;
  }

  /**
   * {@link #resampleRow} for bilinear over 2 x 2 cells. A point whose four cells are inside the raster is inside
   * it, on one of them (its centre cell), and {@code floor(p - 0.5)} is the truncation: when the four are valid,
   * that is the value, straight from the window; any other cell (an invalid one among the four, the edges, a
   * failed transform) is computed as GDAL's code reads, by {@link #bilinearCell}. The four cells are tried here
   * only: a point that fails this test has some of them outside the raster (or no position), so
   * {@link #bilinearCell} would find the same.
   */
  private static int bilinearRow(HaloTile source, double[] x, double[] y, boolean[] transformed, int count,
      double[] values) {
    int width = source.rasterWidth();
    int height = source.rasterHeight();
    float[] window = source.values();
    int stride = source.stride();
    int originX = source.col0() - source.halo();
    int originY = source.row0() - source.halo();
    int lastLeft = width - 1;
    int lastTop = height - 1;
    int valid = 0;
    for (int c = 0; c < count; c++) {
      double px = x[c];
      double py = y[c];
      double left = px - 0.5;
      double top = py - 0.5;
      double value = Double.NaN;
      if (transformed[c] && left >= 0 && top >= 0 && left < lastLeft && top < lastTop) {
        int ix = (int) left;
        int iy = (int) top;
        value = bilinearInside(window, (iy - originY) * stride + ix - originX, stride, px, py, ix, iy);
      }
      if (Double.isNaN(value)) {
        value = bilinearCell(source, px, py, transformed[c]);
      }
      values[c] = value;
      if (!Double.isNaN(value)) {
        valid++;
      }
    }
    return valid;
  }

  /**
   * One cell of {@link #bilinearRow} that its four-cell test left without a value, read as GDAL's code reads: no
   * value unless the point is inside the raster on a valid cell ({@code floor(p + 1e-10)}), else
   * GWKBilinearResample4Sample over those of the four cells that are inside and valid.
   */
  private static double bilinearCell(HaloTile source, double px, double py, boolean transformed) {
    int width = source.rasterWidth();
    int height = source.rasterHeight();
    if (!transformed || !SourceExtent.inside(px, py, width, height)) {
      return Double.NaN;
    }
    float[] window = source.values();
    int stride = source.stride();
    int originX = source.col0() - source.halo();
    int originY = source.row0() - source.halo();
    int cx = Math.min((int) (px + EDGE_EPSILON), width - 1);
    int cy = Math.min((int) (py + EDGE_EPSILON), height - 1);
    if (Float.isNaN(window[(cy - originY) * stride + cx - originX])) {
      return Double.NaN;
    }
    return bilinear(source, px, py, width, height);
  }

  /**
   * GWKBilinearResample4Sample where all four cells are inside the raster: NaN if any of them is invalid (then
   * {@link #bilinear} leaves it out), else the same sums in the same order. Without a test or a branch per cell
   * (a fifth faster on the job's rows, a throwaway harness): an invalid (NaN) cell makes the weighted sum NaN,
   * every weight being finite, and the division by a divisor of exactly 1 is exact.
   */
  private static double bilinearInside(float[] values, int at, int stride, double x, double y, int ix, int iy) {
    float v00 = values[at];
    float v10 = values[at + 1];
    float v01 = values[at + stride];
    float v11 = values[at + stride + 1];
    double rx = 1.5 - (x - ix);
    double ry = 1.5 - (y - iy);
    double mult1 = rx * ry;
    double mult2 = (1.0 - rx) * ry;
    double mult3 = rx * (1.0 - ry);
    double mult4 = (1.0 - rx) * (1.0 - ry);
    double accumulator = 0.0; // 0.0 + a, as GDAL sums: a -0.0 product becomes 0.0
    accumulator += v00 * mult1;
    accumulator += v10 * mult2;
    accumulator += v01 * mult3;
    accumulator += v11 * mult4;
    double divisor = 0.0;
    divisor += mult1;
    divisor += mult2;
    divisor += mult3;
    divisor += mult4;
    return accumulator / divisor;
  }

  /**
   * The value at source pixel/line (x, y), inside the raster and on the valid cell (cx, cy) = floor(x, y); NaN
   * for none. {@code source} holds every cell the kernel reads (NaN where invalid); {@code width} and
   * {@code height} are the raster's.
   */
  double sample(HaloTile source, double x, double y, int cx, int cy, int width, int height) {
    if (resampling == Resampling.NEAREST || width == 1 || height == 1) {
      return source.at(cx, cy);
    }
    if (!fourSamples) {
      return general(source, x, y, width, height);
    }
    return resampling == Resampling.BILINEAR ? bilinear(source, x, y, width, height)
        : cubic(source, x, y, width, height);
  }

  /** GWKBilinearResample4Sample. */
  private static double bilinear(HaloTile source, double x, double y, int width, int height) {
    int ix = (int) Math.floor(x - 0.5);
    int iy = (int) Math.floor(y - 0.5);
    double rx = 1.5 - (x - ix);
    double ry = 1.5 - (y - iy);
    if (ix == -1) {
      ix = 0;
      rx = 1;
    }
    if (iy == -1) {
      iy = 0;
      ry = 1;
    }
    double accumulator = 0.0;
    double divisor = 0.0;
    if (iy >= 0 && iy < height) {
      double mult1 = rx * ry;
      double mult2 = (1.0 - rx) * ry;
      if (ix >= 0 && ix < width) {
        float v = source.at(ix, iy);
        if (!Float.isNaN(v)) {
          divisor += mult1;
          accumulator += v * mult1;
        }
      }
      if (ix + 1 >= 0 && ix + 1 < width) {
        float v = source.at(ix + 1, iy);
        if (!Float.isNaN(v)) {
          divisor += mult2;
          accumulator += v * mult2;
        }
      }
    }
    if (iy + 1 >= 0 && iy + 1 < height) {
      double mult1 = rx * (1.0 - ry);
      double mult2 = (1.0 - rx) * (1.0 - ry);
      if (ix >= 0 && ix < width) {
        float v = source.at(ix, iy + 1);
        if (!Float.isNaN(v)) {
          divisor += mult1;
          accumulator += v * mult1;
        }
      }
      if (ix + 1 >= 0 && ix + 1 < width) {
        float v = source.at(ix + 1, iy + 1);
        if (!Float.isNaN(v)) {
          divisor += mult2;
          accumulator += v * mult2;
        }
      }
    }
    if (divisor == 1.0) {
      return accumulator;
    }
    if (divisor < 0.00001) {
      return Double.NaN;
    }
    return accumulator / divisor;
  }

  /** GWKCubicResample4Sample. */
  private static double cubic(HaloTile source, double x, double y, int width, int height) {
    int ix = (int) (x - 0.5);
    int iy = (int) (y - 0.5);
    double dx = x - 0.5 - ix;
    double dy = y - 0.5 - iy;
    if (ix - 1 < 0 || ix + 2 >= width || iy - 1 < 0 || iy + 2 >= height) {
      return bilinear(source, x, y, width, height);
    }
    double[] cx = cubicWeights(dx);
    double[] rows = new double[4];
    for (int i = -1; i < 3; i++) {
      float v0 = source.at(ix - 1, iy + i);
      float v1 = source.at(ix, iy + i);
      float v2 = source.at(ix + 1, iy + i);
      float v3 = source.at(ix + 2, iy + i);
      if (Float.isNaN(v0) || Float.isNaN(v1) || Float.isNaN(v2) || Float.isNaN(v3)) {
        return bilinear(source, x, y, width, height);
      }
      rows[i + 1] = cx[0] * v0 + cx[1] * v1 + cx[2] * v2 + cx[3] * v3;
    }
    double[] cy = cubicWeights(dy);
    return cy[0] * rows[0] + cy[1] * rows[1] + cy[2] * rows[2] + cy[3] * rows[3];
  }

  /** GWKCubicComputeWeights. */
  private static double[] cubicWeights(double x) {
    double halfX = 0.5 * x;
    double threeX = 3.0 * x;
    double halfX2 = halfX * x;
    return new double[] {halfX * (-1 + x * (2 - x)), 1 + halfX2 * (-5 + threeX), halfX * (1 + x * (4 - threeX)),
        halfX2 * (-1 + x)};
  }

  /** GWKResample: the kernel widened by the reduction. */
  private double general(HaloTile source, double x, double y, int width, int height) {
    int ix = (int) Math.floor(x - 0.5);
    int iy = (int) Math.floor(y - 0.5);
    double dx = x - 0.5 - ix;
    double dy = y - 0.5 - iy;
    int j = yFirst;
    int jMax = yRadius;
    if (iy + j < 0) {
      j = -iy;
    }
    if (iy + jMax >= height) {
      jMax = height - iy - 1;
    }
    int iMin = xFirst;
    int iMax = xRadius;
    if (ix + iMin < 0) {
      iMin = -ix;
    }
    if (ix + iMax >= width) {
      iMax = width - ix - 1;
    }
    double accumulator = 0.0;
    double weight = 0.0;
    for (; j <= jMax; ++j) {
      double weightY = filter(yScale < 1.0 ? (j - dy) * yScale : j - dy);
      double rowAccumulator = 0.0;
      double rowWeight = 0.0;
      for (int i = iMin; i <= iMax; ++i) {
        float v = source.at(ix + i, iy + j);
        if (Float.isNaN(v)) {
          continue;
        }
        double weightX = filter(xScale < 1.0 ? (i - dx) * xScale : i - dx);
        rowAccumulator += v * weightX;
        rowWeight += weightX;
      }
      accumulator += rowAccumulator * weightY;
      weight += rowWeight * weightY;
    }
    if (weight < 0.000001) {
      return Double.NaN;
    }
    return weight < 0.99999 || weight > 1.00001 ? accumulator / weight : accumulator;
  }

  private double filter(double d) {
    double a = Math.abs(d);
    if (resampling == Resampling.BILINEAR) {
      return a <= 1.0 ? 1 - a : 0.0;
    }
    if (a <= 1.0) {
      double d2 = d * d;
      return d2 * (1.5 * a - 2.5) + 1;
    }
    if (a <= 2.0) {
      double d2 = d * d;
      return d2 * (-0.5 * a + 2.5) - 4 * a + 2;
    }
    return 0.0;
  }

  @Override
  public String toString() {
    return resampling + " (scales " + xScale + ", " + yScale + (fourSamples ? ", 4 samples)" : ", widened)");
  }
}
