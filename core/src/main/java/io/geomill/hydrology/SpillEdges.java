package io.geomill.hydrology;

import java.util.Arrays;

/**
 * The lowest spill elevation between each pair of watershed labels met during a labelled flood: an
 * open-addressing hash map from the pair (packed in a long) to a float, keeping the minimum. Its size follows
 * the number of distinct touching label pairs, not the number of cells along their borders.
 */
final class SpillEdges {
  private static final long EMPTY = -1L;
  private long[] keys = new long[64];
  private float[] values = new float[64];
  private int size;

  SpillEdges() {
    Arrays.fill(keys, EMPTY);
  }

  /** Lowers the spill elevation between labels {@code a} and {@code b} (non-negative, different) to {@code z}. */
  void lower(int a, int b, float z) {
    long key = a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
    int mask = keys.length - 1;
    int slot = mix(key) & mask;
    while (true) {
      long k = keys[slot];
      if (k == key) {
        if (z < values[slot]) {
          values[slot] = z;
        }
        return;
      }
      if (k == EMPTY) {
        keys[slot] = key;
        values[slot] = z;
        if (++size * 2 > keys.length) {
          grow();
        }
        return;
      }
      slot = (slot + 1) & mask;
    }
  }

  int size() {
    return size;
  }

  /** The pairs as parallel arrays, in no particular order: {@code from[i]}, {@code to[i]}, {@code z[i]}. */
  void export(int[] from, int[] to, float[] z) {
    int n = 0;
    for (int slot = 0; slot < keys.length; slot++) {
      long key = keys[slot];
      if (key != EMPTY) {
        from[n] = (int) (key >>> 32);
        to[n] = (int) key;
        z[n] = values[slot];
        n++;
      }
    }
  }

  private void grow() {
    long[] oldKeys = keys;
    float[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new float[oldKeys.length * 2];
    Arrays.fill(keys, EMPTY);
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        int slot = mix(oldKeys[i]) & mask;
        while (keys[slot] != EMPTY) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[i];
        values[slot] = oldValues[i];
      }
    }
  }

  private static int mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
