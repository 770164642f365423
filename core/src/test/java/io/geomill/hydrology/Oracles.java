package io.geomill.hydrology;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow, obviously correct versions of the kernels' definitions, and checks of the properties the issue
 * states, for the tests to compare the fast kernels with. Rasters are row-major, NaN = nodata.
 */
final class Oracles {
  private Oracles() {}

  /** Whether cell i is valid and on the raster's edge or next to nodata. */
  static boolean isOutlet(float[] dem, int w, int h, int i) {
    if (Float.isNaN(dem[i])) {
      return false;
    }
    int x = i % w;
    int y = i / w;
    for (int d = 0; d < 8; d++) {
      int xx = x + D8.dx(d);
      int yy = y + D8.dy(d);
      if (xx < 0 || yy < 0 || xx >= w || yy >= h || Float.isNaN(dem[yy * w + xx])) {
        return true;
      }
    }
    return false;
  }

  /**
   * The fill as the fixpoint of its definition, by repeated sweeps from +infinity: every non-outlet cell
   * becomes {@code max(z, min over neighbours)} (exact) or {@code max(z, nextUp(min over neighbours))}.
   */
  static float[] fill(float[] dem, int w, int h, boolean epsilon) {
    float[] f = new float[dem.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = Float.isNaN(dem[i]) ? Float.NaN : isOutlet(dem, w, h, i) ? dem[i] : Float.POSITIVE_INFINITY;
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int i = 0; i < f.length; i++) {
        if (Float.isNaN(dem[i]) || isOutlet(dem, w, h, i)) {
          continue;
        }
        float lowest = Float.POSITIVE_INFINITY;
        for (int d = 0; d < 8; d++) {
          lowest = Math.min(lowest, f[(i / w + D8.dy(d)) * w + i % w + D8.dx(d)]);
        }
        float v = Math.max(dem[i], epsilon ? Math.nextUp(lowest) : lowest);
        if (v < f[i]) {
          f[i] = v;
          changed = true;
        }
      }
    }
    return f;
  }

  /** The cell a direction leads to, or -1 when it leaves the raster, reaches nodata or is a sink. */
  static int target(byte[] directions, int w, int h, int i) {
    byte d = directions[i];
    if (!D8.drains(d)) {
      return -1;
    }
    int x = i % w + D8.dx(d);
    int y = i / w + D8.dy(d);
    if (x < 0 || y < 0 || x >= w || y >= h || directions[y * w + x] == D8.NODATA) {
      return -1;
    }
    return y * w + x;
  }

  /** Accumulation by following every cell's path to its outlet and adding its weight on the way. */
  static double[] accumulation(byte[] directions, int w, int h, float[] weights) {
    double[] acc = new double[directions.length];
    for (int i = 0; i < acc.length; i++) {
      acc[i] = directions[i] == D8.NODATA ? Double.NaN : 0;
    }
    for (int i = 0; i < acc.length; i++) {
      if (directions[i] == D8.NODATA) {
        continue;
      }
      double weight = weights == null ? 1 : Float.isNaN(weights[i]) ? 0 : weights[i];
      int c = i;
      for (int steps = 0; c >= 0; steps++) {
        assertThat(steps).as("path from cell %d is longer than the raster: a cycle", i).isLessThanOrEqualTo(acc.length);
        acc[c] += weight;
        c = target(directions, w, h, c);
      }
    }
    return acc;
  }

  /**
   * Every valid cell has a direction and following directions from it reaches an outlet: each path is walked
   * until it meets a cell already known to reach one, so a cycle is met as a cell of the current walk.
   */
  static void assertDrainsToOutlets(byte[] directions, int w, int h) {
    int[] walk = new int[directions.length]; // 0 unknown, -1 reaches an outlet, k > 0 on walk k
    for (int i = 0; i < directions.length; i++) {
      if (directions[i] == D8.NODATA || walk[i] != 0) {
        continue;
      }
      assertThat(D8.drains(directions[i])).as("cell %d, %d has a direction", i % w, i / w).isTrue();
      int c = i;
      while (c >= 0 && walk[c] == 0) {
        walk[c] = i + 1;
        c = target(directions, w, h, c);
      }
      assertThat(c < 0 || walk[c] == -1).as("the path from %d, %d is a cycle", i % w, i / w).isTrue();
      for (c = i; c >= 0 && walk[c] == i + 1; c = target(directions, w, h, c)) {
        walk[c] = -1;
      }
    }
  }

  /**
   * After the fill, every valid cell has a path to an outlet that never rises: found by flooding from the
   * outlets to neighbours at the same or a higher filled elevation.
   */
  static void assertNonAscendingPathsToOutlets(float[] filled, int w, int h) {
    boolean[] reached = new boolean[filled.length];
    IntQueue queue = new IntQueue(16);
    for (int i = 0; i < filled.length; i++) {
      if (isOutlet(filled, w, h, i)) {
        reached[i] = true;
        queue.add(i);
      }
    }
    while (!queue.isEmpty()) {
      int c = queue.poll();
      for (int d = 0; d < 8; d++) {
        int x = c % w + D8.dx(d);
        int y = c / w + D8.dy(d);
        if (x >= 0 && y >= 0 && x < w && y < h) {
          int n = y * w + x;
          if (!reached[n] && !Float.isNaN(filled[n]) && filled[n] >= filled[c]) {
            reached[n] = true;
            queue.add(n);
          }
        }
      }
    }
    for (int i = 0; i < filled.length; i++) {
      if (!Float.isNaN(filled[i])) {
        assertThat(reached[i]).as("cell %d, %d has a non-ascending path to an outlet", i % w, i / w).isTrue();
      }
    }
  }

  /** The sum of the accumulation over the outlets (cells whose flow ends). */
  static double sumAtOutlets(byte[] directions, double[] acc, int w, int h) {
    double sum = 0;
    for (int i = 0; i < directions.length; i++) {
      if (directions[i] != D8.NODATA && target(directions, w, h, i) < 0) {
        sum += acc[i];
      }
    }
    return sum;
  }

  static int validCells(float[] dem) {
    int n = 0;
    for (float v : dem) {
      if (!Float.isNaN(v)) {
        n++;
      }
    }
    return n;
  }
}
