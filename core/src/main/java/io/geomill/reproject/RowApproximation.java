package io.geomill.reproject;

/**
 * GDAL's approximate transformer (GDALApproxTransform, alg/gdaltransformer.cpp), which gdalwarp uses for every
 * target row with an error threshold of 0.125 source pixels: the cell centres of a row are transformed exactly
 * at its first, middle and last cell; if the linear interpolation of the middle is within the threshold, the row
 * is interpolated, else each half is treated the same way (halves of 5 cells or fewer exactly). The recursion
 * always starts from the WHOLE target row, and a tile computes only the cells of its own columns along the
 * same recursion: a cell's source position depends on the raster and its column, never on the tile, so any
 * tiling gives the same coordinates (and gdalwarp's own when it warps the raster in one chunk). A tile goes over
 * its rows twice, for its source window's extent and then for the positions: the second pass replays the first
 * pass's exact transforms (the same calls, so the same values) rather than transforming again.
 */
final class RowApproximation {
  /** gdalwarp's default -et. */
  static final double MAX_ERROR = 0.125;
  private static final int EXACT_BELOW = 6;
  /** At most this many transformed points kept for replay (17 MB). */
  private static final int MAX_KEPT_POINTS = 1 << 20;

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
  private double[] xy = new double[6];
  private boolean[] ok = new boolean[3];
  /** The points {@link #exactPoints} computed last. */
  private final double[] points = new double[6];

  /**
   * The exact transforms of the rows {@link #extent} went over, in call order, for {@link #row} to replay: the
   * same rows of the same cells recurse the same way, so they make the same calls, and a tile (its window's extent
   * first, then its rows) transforms each point once. Per call its row and point count; per point x, y and ok.
   */
  private int[] keptCalls = new int[128];
  private double[] keptXy = new double[512];
  private boolean[] keptOk = new boolean[256];
  private int calls;
  private int keptPoints;
  private int keptFrom;
  private int keptTo;
  /** Where {@link #row} replays from. */
  private int nextCall;
  private int nextPoint;
  private boolean recording;
  private boolean replaying;

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
   * Rows of the same cells that {@link #extent} went over last, taken in the same order, replay its transforms.
   */
  void row(int row, int col0, int count, double[] x, double[] y, boolean[] valid) {
    outX = x;
    outY = y;
    outOk = valid;
    extent = null;
    replaying = nextCall < calls && keptCalls[2 * nextCall] == row && keptFrom == col0 && keptTo == col0 + count;
    if (!replaying) {
      forget();
    }
    compute(row, col0, count);
    replaying = false;
    if (nextCall == calls) {
      forget();
    }
  }

  /**
   * Adds to {@code box} the source positions of the same cells that {@link #row} gives, where they fall inside the
   * raster, without writing them cell by cell: a linear piece whose two ends are inside has every cell between
   * them inside, and its extremes at its ends (a sum and a product of doubles are monotone).
   */
  void extent(int row, int col0, int count, SourceExtent box) {
    if (calls > 0 && (keptFrom != col0 || keptTo != col0 + count || nextCall > 0)) {
      forget();
    }
    keptFrom = col0;
    keptTo = col0 + count;
    extent = box;
    // whole rows only, and a bounded number of points: a tile whose rows are transformed cell by cell (near a
    // singularity) would keep 4 million; the rows past the bound are transformed again by row()
    recording = keptPoints < MAX_KEPT_POINTS && (calls == 0 || keptCalls[2 * calls - 2] == row - 1);
    compute(row, col0, count);
    recording = false;
    extent = null;
  }

  /** Drops the kept transforms (the arrays stay for the next tile's). */
  private void forget() {
    calls = 0;
    keptPoints = 0;
    nextCall = 0;
    nextPoint = 0;
  }

  /**
   * The exact source positions of the {@code count} target points in {@link #xy} (their ok into {@link #ok}):
   * replayed when {@link #row} goes over a row that {@link #extent} did, else transformed (and kept when
   * {@link #extent} is the caller).
   */
  private void transformExactly(int count) {
    if (replaying) {
      if (nextCall >= calls || keptCalls[2 * nextCall + 1] != count) {
        throw new IllegalStateException("row " + (rowCentre - 0.5) + " recursed differently from its extent pass");
      }
      System.arraycopy(keptXy, 2 * nextPoint, xy, 0, 2 * count);
      System.arraycopy(keptOk, nextPoint, ok, 0, count);
      nextCall++;
      nextPoint += count;
      return;
    }
    transform.targetPixelsToSourcePixels(target, xy, count, ok);
    if (recording) {
      if (2 * calls + 2 > keptCalls.length) {
        keptCalls = java.util.Arrays.copyOf(keptCalls, 2 * keptCalls.length);
      }
      if (keptPoints + count > keptOk.length) {
        int room = Math.max(2 * keptOk.length, keptPoints + count);
        keptOk = java.util.Arrays.copyOf(keptOk, room);
        keptXy = java.util.Arrays.copyOf(keptXy, 2 * room);
      }
      keptCalls[2 * calls] = (int) (rowCentre - 0.5);
      keptCalls[2 * calls + 1] = count;
      System.arraycopy(xy, 0, keptXy, 2 * keptPoints, 2 * count);
      System.arraycopy(ok, 0, keptOk, keptPoints, count);
      calls++;
      keptPoints += count;
    }
  }

  private void compute(int row, int col0, int count) {
    rowCentre = row + 0.5;
    from = col0;
    to = col0 + count;
    int last = width - 1;
    int middle = last / 2;
    if (width < EXACT_BELOW || !exactPoints(0, middle, last, 3)) {
      exact(0, width);
      return;
    }
    approximate(0, width, points[0], points[1], points[2], points[3], points[4], points[5]);
  }

  /**
   * GDALApproxTransformInternal over cells [start, start + n), with the exact x, y of its start (x0, y0), middle
   * (x1, y1) and end (x2, y2) cells. The points come as arguments, not arrays: a 2048-cell tile row recurses a few
   * hundred times, and arrays per call were a fifth of the job's garbage.
   */
  private void approximate(int start, int n, double x0, double y0, double x1, double y1, double x2, double y2) {
    if (start >= to || start + n <= from) {
      return; // none of the tile's cells: the recursion elsewhere never depends on this part
    }
    int middle = (n - 1) / 2;
    double span = n - 1;
    double dx = (x2 - x0) / span;
    double dy = (y2 - y0) / span;
    double error = Math.abs((x0 + dx * middle) - x1) + Math.abs((y0 + dy * middle) - y1);
    if (error <= MAX_ERROR) {
      int lo = Math.max(start, from);
      int hi = Math.min(start + n, to);
      if (extent != null) {
        extent.addLine(x0, dx, y0, dy, lo - start, hi - 1 - start);
        return;
      }
      for (int i = lo; i < hi; i++) {
        double distance = i - start;
        outX[i - from] = x0 + dx * distance;
        outY[i - from] = y0 + dy * distance;
        outOk[i - from] = true;
      }
      return;
    }
    int quarter = start + (middle - 1) / 2;
    int beforeMiddle = start + middle - 1;
    int threeQuarters = start + middle + (n - middle - 1) / 2;
    boolean exactHalf1 = middle < EXACT_BELOW;
    boolean exactHalf2 = n - middle < EXACT_BELOW;
    boolean inner;
    if (!exactHalf1 && !exactHalf2) {
      inner = exactPoints(quarter, beforeMiddle, threeQuarters, 3);
    } else if (!exactHalf1) {
      inner = exactPoints(quarter, beforeMiddle, 0, 2);
    } else if (!exactHalf2) {
      inner = exactPoints(threeQuarters, 0, 0, 1);
      points[4] = points[0];
      points[5] = points[1];
    } else {
      inner = false;
    }
    if (!inner) {
      exact(start + 1, start + middle);
      exact(start + middle + 1, start + n - 1);
      put(start, x0, y0);
      put(start + middle, x1, y1);
      put(start + n - 1, x2, y2);
      return;
    }
    // the first half's recursion overwrites points
    double quarterX = points[0];
    double quarterY = points[1];
    double beforeMiddleX = points[2];
    double beforeMiddleY = points[3];
    double threeQuartersX = points[4];
    double threeQuartersY = points[5];
    if (!exactHalf1) {
      approximate(start, middle, x0, y0, quarterX, quarterY, beforeMiddleX, beforeMiddleY);
    } else {
      exact(start + 1, start + middle);
      put(start, x0, y0);
    }
    if (!exactHalf2) {
      approximate(start + middle, n - middle, x1, y1, threeQuartersX, threeQuartersY, x2, y2);
    } else {
      exact(start + middle + 1, start + n - 1);
      put(start + middle, x1, y1);
      put(start + n - 1, x2, y2);
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
    transformExactly(count);
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

  /**
   * The exact x, y of the first {@code count} of cells a, b, c of the row into {@link #points} (x, y of each in
   * turn); false if any of them fails.
   */
  private boolean exactPoints(int a, int b, int c, int count) {
    ensure(count);
    xy[0] = a + 0.5;
    xy[2] = b + 0.5;
    xy[4] = c + 0.5;
    for (int i = 0; i < count; i++) {
      xy[2 * i + 1] = rowCentre;
    }
    transformExactly(count);
    for (int i = 0; i < count; i++) {
      if (!ok[i]) {
        return false;
      }
      points[2 * i] = xy[2 * i];
      points[2 * i + 1] = xy[2 * i + 1];
    }
    return true;
  }

  private void ensure(int count) {
    if (ok.length < count) {
      ok = new boolean[count];
      xy = new double[2 * count];
    }
  }
}
