package io.geomill.hydrology;

import io.geomill.raster.HaloTile;

/**
 * The Priority-Flood engine shared by the untiled fill, both phases of the tiled fill and the epsilon rounds.
 * It works in place on a copy of a {@link HaloTile}'s values, in the tile's own padded layout, so every
 * neighbour index exists and the hot loop has no bounds checks: only window cells are ever flooded, halo
 * cells (other tiles' cells, or NaN outside the raster) are blocked and only tell which window cells touch
 * nodata.
 *
 * <p>The flood pops cells in non-decreasing order of their output value and fixes a neighbour's value when it
 * first meets it: {@code max(z, v)} (exact) or {@code max(z, nextUp(v))} (epsilon), v being the value of the
 * cell met from. That makes the output the least function above the DEM in which every cell has a path to a
 * seed that never rises (exact), or strictly falls (epsilon), whatever the order among equal values: the
 * reason tiled and untiled runs agree bit for bit. Three queues keep most cells out of the heap: raised cells
 * (exact mode) sit at the current level and go to a plain queue (Barnes et al. 2014's improved variant); a
 * neighbour higher than a cell whose value is final keeps its own elevation whenever it is reached, so it
 * goes to a second plain queue, and is put in the heap only if it has a lower neighbour still to flood
 * (Zhou, Sun, Fu 2016). On real terrain most cells are such slope cells, and the plain queues walk the raster
 * in order of proximity, not of elevation, which keeps memory access local. Epsilon mode keeps its raised
 * cells in the heap, since their values rise above the level. Seeds are either fixed (their value is final)
 * or tentative (an upper bound that a neighbour may still lower, used for the tile perimeters of the epsilon
 * rounds).
 */
final class Flood {
  static final byte OPEN = 0;
  static final byte QUEUED = 1;
  static final byte DONE = 2;
  static final byte BLOCKED = 3;

  final HaloTile tile;
  final int stride;
  final int halo;
  /** Output values in the padded layout; before the run, the DEM (NaN for nodata and non-finite values). */
  final float[] z;
  final byte[] state;
  private final boolean epsilon;
  private final int[] offsets;
  private final RadixHeap heap = new RadixHeap();
  private final IntQueue pits;
  private final IntQueue slopes;
  private float[] tentative;
  private int[] labels;
  private SpillEdges spills;

  Flood(HaloTile tile, boolean epsilon) {
    if (tile.halo() < 1) {
      throw new IllegalArgumentException("the fill needs a halo of at least 1 cell, got " + tile.halo());
    }
    this.tile = tile;
    this.epsilon = epsilon;
    this.stride = tile.stride();
    this.halo = tile.halo();
    this.offsets = D8.offsets(stride);
    float[] values = tile.values();
    z = new float[values.length];
    state = new byte[values.length];
    java.util.Arrays.fill(state, BLOCKED);
    for (int i = 0; i < values.length; i++) {
      float v = values[i];
      z[i] = Float.isFinite(v) ? v + 0.0f : Float.NaN; // + 0.0f makes -0.0 into 0.0: equal floats, equal bits
    }
    for (int y = 0; y < tile.height(); y++) {
      int i = index(0, y);
      for (int x = 0; x < tile.width(); x++, i++) {
        if (!Float.isNaN(z[i])) {
          state[i] = OPEN;
        }
      }
    }
    pits = new IntQueue(epsilon ? 16 : Math.max(16, tile.width() * 4));
    slopes = new IntQueue(Math.max(16, tile.width() * 4));
  }

  /** Padded index of window cell (x, y). */
  int index(int x, int y) {
    return (y + halo) * stride + x + halo;
  }

  boolean valid(int i) {
    return !Float.isNaN(z[i]);
  }

  /** Whether window cell {@code i} (valid) is on the raster's edge or next to nodata: an outlet. */
  boolean isOutlet(int i) {
    for (int offset : offsets) {
      if (Float.isNaN(z[i + offset])) {
        return true;
      }
    }
    return false;
  }

  /** Seeds every outlet cell of the window that is not seeded yet with its own elevation. */
  void seedOutlets() {
    for (int y = 0; y < tile.height(); y++) {
      int i = index(0, y);
      for (int x = 0; x < tile.width(); x++, i++) {
        if (state[i] == OPEN && isOutlet(i)) {
          fix(i, z[i]);
        }
      }
    }
  }

  /** Makes cell {@code i} a seed whose value is final. */
  void fix(int i, float value) {
    z[i] = value;
    state[i] = QUEUED;
    heap.push(value, i);
  }

  /** Gives open cell {@code i} an upper bound: it ends at {@code value} unless a neighbour floods it lower. */
  void bound(int i, float value) {
    if (tentative == null) {
      tentative = new float[z.length];
      java.util.Arrays.fill(tentative, Float.NaN);
    }
    tentative[i] = value;
    heap.push(value, i);
  }

  /** Labels cells by the seed they are flooded from and records the spill elevations between labels. */
  void label(int[] labels, SpillEdges spills) {
    this.labels = labels;
    this.spills = spills;
  }

  void run() {
    final float[] z = this.z;
    final byte[] state = this.state;
    final int[] offsets = this.offsets;
    final int[] labels = this.labels;
    final float[] tentative = this.tentative;
    while (true) {
      int c;
      boolean slope = false;
      if (!pits.isEmpty()) {
        c = pits.poll();
      } else if (!slopes.isEmpty()) {
        c = slopes.poll();
        slope = true;
      } else if (!heap.isEmpty()) {
        c = heap.pop();
        byte s = state[c];
        if (s == DONE) {
          continue; // a tentative seed that a neighbour flooded lower
        }
        if (s == OPEN) {
          z[c] = tentative[c];
        }
      } else {
        break;
      }
      float v = z[c];
      float raised = epsilon ? Math.nextUp(v) : v;
      int label = labels == null ? 0 : labels[c];
      boolean deferred = false;
      for (int d = 0; d < 8; d++) {
        int n = c + offsets[d];
        byte s = state[n];
        if (s == OPEN) {
          float zn = z[n];
          if (zn > v) {
            // Higher than a cell whose value is final: the neighbour keeps its own elevation, whenever it is
            // reached, so it needs no place in the heap (Zhou, Sun, Fu 2016).
            state[n] = QUEUED;
            if (labels != null) {
              labels[n] = label;
            }
            slopes.add(n);
          } else if (slope) {
            deferred = true; // a cell at or below a slope cell: flood it in order, from the heap
          } else {
            zn = raised;
            boolean pit = true;
            if (tentative != null) {
              float bound = tentative[n];
              if (bound < zn) {
                zn = bound;
                pit = false;
              }
            }
            z[n] = zn;
            state[n] = QUEUED;
            if (labels != null) {
              labels[n] = label;
            }
            if (pit && !epsilon) {
              pits.add(n);
            } else {
              heap.push(zn, n);
            }
          }
        } else if (labels != null && s != BLOCKED && labels[n] != label) {
          spills.lower(label, labels[n], Math.max(v, z[n]));
        }
      }
      if (deferred) {
        heap.push(v, c);
      } else {
        state[c] = DONE;
      }
    }
  }

  /** The window's values (width x height, row-major), NaN for nodata. */
  float[] window() {
    int w = tile.width();
    float[] out = new float[w * tile.height()];
    for (int y = 0; y < tile.height(); y++) {
      System.arraycopy(z, index(0, y), out, y * w, w);
    }
    return out;
  }
}
