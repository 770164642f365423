package io.geomill.reproject;

/**
 * GDAL's approximate transformer (GDALApproxTransform, alg/gdaltransformer.cpp), which gdalwarp uses for every
 * target row with an error threshold of 0.125 source pixels: the cell centres of a row are transformed exactly
 * at its first, middle and last cell; if the linear interpolation of the middle is within the threshold, the row
 * is interpolated, else each half is treated the same way (halves of 5 cells or fewer exactly). The recursion
 * always starts from the WHOLE target row, and a tile computes only the cells of its own columns along the
 * same recursion: a cell's source position depends on the raster and its column, never on the tile, so any
 * tiling gives the same coordinates (and gdalwarp's own when it warps the raster in one chunk).
 */
final class RowApproximation {
  /** gdalwarp's default -et. */
  static final double MAX_ERROR = 0.125;
  private static final int EXACT_BELOW = 6;

  private final GridTransform transform;
  private final double[] target;
  private final int width;

  // the row being computed and where its results go
  private double rowCentre;
  private int from;
  private int to;
  private double[] outX;
  private double[] outY;
  private boolean[] outOk;
  /** Where the positions go instead of outX, outY, outOk when only their extent is wanted, or null. */
  private SourceExtent extent;
  private double[] xy = new double[0];
  private boolean[] ok = new boolean[0];

  /**
   * @param target the target grid's geotransform (GDAL order)
   * @param width  the target grid's width: the length of the rows approximated
   */
  RowApproximation(GridTransform transform, double[] target, int width) {
    this.transform = transform;
    this.target = target.clone();
    this.width = width;
  }

  /**
   * The source pixel/line coordinates of the centres of target cells {@code col0 .. col0 + count - 1} of row
   * {@code row}, into {@code x[0..count)}, {@code y[...]}; {@code valid[i]} false where the transform failed.
   */
  void row(int row, int col0, int count, double[] x, double[] y, boolean[] valid) {
    outX = x;
    outY = y;
    outOk = valid;
    extent = null;
    compute(row, col0, count);
  }

  /**
   * Adds to {@code box} the source positions of the same cells that {@link #row} gives, where they fall inside the
   * raster, without writing them cell by cell: a linear piece whose two ends are inside has every cell between
   * them inside, and its extremes at its ends (a sum and a product of doubles are monotone).
   */
  void extent(int row, int col0, int count, SourceExtent box) {
    extent = box;
    compute(row, col0, count);
    extent = null;
  }

  private void compute(int row, int col0, int count) {
    rowCentre = row + 0.5;
    from = col0;
    to = col0 + count;
    int last = width - 1;
    int middle = last / 2;
    if (width < EXACT_BELOW) {
      exact(0, width);
      return;
    }
    double[] sme = exactPoints(0, middle, last);
    if (sme == null) {
      exact(0, width);
      return;
    }
    approximate(0, width, sme);
  }

  /**
   * GDALApproxTransformInternal over cells [start, start + n), with sme = the exact x, y of the start, middle and
   * end cells (x0, y0, x1, y1, x2, y2).
   */
  private void approximate(int start, int n, double[] sme) {
    if (start >= to || start + n <= from) {
      return; // none of the tile's cells: the recursion elsewhere never depends on this part
    }
    int middle = (n - 1) / 2;
    double span = n - 1;
    double dx = (sme[4] - sme[0]) / span;
    double dy = (sme[5] - sme[1]) / span;
    double error = Math.abs((sme[0] + dx * middle) - sme[2]) + Math.abs((sme[1] + dy * middle) - sme[3]);
    if (error <= MAX_ERROR) {
      int lo = Math.max(start, from);
      int hi = Math.min(start + n, to);
      if (extent != null) {
        extent.addLine(sme[0], dx, sme[1], dy, lo - start, hi - 1 - start);
        return;
      }
      for (int i = lo; i < hi; i++) {
        double distance = i - start;
        outX[i - from] = sme[0] + dx * distance;
        outY[i - from] = sme[1] + dy * distance;
        outOk[i - from] = true;
      }
      return;
    }
    int quarter = start + (middle - 1) / 2;
    int beforeMiddle = start + middle - 1;
    int threeQuarters = start + middle + (n - middle - 1) / 2;
    boolean exactHalf1 = middle < EXACT_BELOW;
    boolean exactHalf2 = n - middle < EXACT_BELOW;
    double[] inner = null;
    if (!exactHalf1 && !exactHalf2) {
      inner = exactPoints(quarter, beforeMiddle, threeQuarters);
    } else if (!exactHalf1) {
      double[] two = exactPoints(quarter, beforeMiddle);
      inner = two == null ? null : new double[] {two[0], two[1], two[2], two[3], 0, 0};
    } else if (!exactHalf2) {
      double[] one = exactPoints(threeQuarters);
      inner = one == null ? null : new double[] {0, 0, 0, 0, one[0], one[1]};
    }
    if (inner == null) {
      exact(start + 1, start + middle);
      exact(start + middle + 1, start + n - 1);
      put(start, sme[0], sme[1]);
      put(start + middle, sme[2], sme[3]);
      put(start + n - 1, sme[4], sme[5]);
      return;
    }
    if (!exactHalf1) {
      approximate(start, middle, new double[] {sme[0], sme[1], inner[0], inner[1], inner[2], inner[3]});
    } else {
      exact(start + 1, start + middle);
      put(start, sme[0], sme[1]);
    }
    if (!exactHalf2) {
      approximate(start + middle, n - middle, new double[] {sme[2], sme[3], inner[4], inner[5], sme[4], sme[5]});
    } else {
      exact(start + middle + 1, start + n - 1);
      put(start + middle, sme[2], sme[3]);
      put(start + n - 1, sme[4], sme[5]);
    }
  }

  private void put(int cell, double x, double y) {
    if (cell >= from && cell < to && extent != null) {
      extent.add(x, y);
    } else if (cell >= from && cell < to) {
      outX[cell - from] = x;
      outY[cell - from] = y;
      outOk[cell - from] = true;
    }
  }

  /** Cells [lo, hi) that the tile holds, transformed exactly. */
  private void exact(int lo, int hi) {
    int a = Math.max(lo, from);
    int b = Math.min(hi, to);
    if (a >= b) {
      return;
    }
    int count = b - a;
    ensure(count);
    for (int i = 0; i < count; i++) {
      xy[2 * i] = a + i + 0.5;
      xy[2 * i + 1] = rowCentre;
    }
    transform.targetPixelsToSourcePixels(target, xy, count, ok);
    for (int i = 0; i < count && extent != null; i++) {
      if (ok[i]) {
        extent.add(xy[2 * i], xy[2 * i + 1]);
      }
    }
    for (int i = 0; i < count && extent == null; i++) {
      outX[a + i - from] = xy[2 * i];
      outY[a + i - from] = xy[2 * i + 1];
      outOk[a + i - from] = ok[i];
    }
  }

  /** The exact x, y of the given cells of the row, or null if any of them fails. */
  private double[] exactPoints(int... cells) {
    ensure(cells.length);
    for (int i = 0; i < cells.length; i++) {
      xy[2 * i] = cells[i] + 0.5;
      xy[2 * i + 1] = rowCentre;
    }
    transform.targetPixelsToSourcePixels(target, xy, cells.length, ok);
    double[] result = new double[2 * cells.length];
    for (int i = 0; i < cells.length; i++) {
      if (!ok[i]) {
        return null;
      }
      result[2 * i] = xy[2 * i];
      result[2 * i + 1] = xy[2 * i + 1];
    }
    return result;
  }

  private void ensure(int count) {
    if (ok.length < count) {
      ok = new boolean[count];
      xy = new double[2 * count];
    }
  }
}
