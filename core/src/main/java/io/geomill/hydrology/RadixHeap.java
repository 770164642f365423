package io.geomill.hydrology;

import java.util.Arrays;

/**
 * A monotone priority queue of cell indices keyed by float elevations (a radix heap): every value pushed
 * must be at least the last value popped, which holds for floods that only push cells at or above the level
 * of the cell being expanded. Keys are the
 * float's bits mapped to unsigned ints in value order; bucket b holds the entries whose key first differs
 * from the last popped key in bit b - 1, so an entry moves down at most 32 times and a pop or push costs
 * amortised O(1) instead of a binary heap's O(log n) cache misses. Entries are packed longs (key, index):
 * no object per cell.
 */
final class RadixHeap {
  private final long[][] buckets = new long[33][];
  private final int[] sizes = new int[33];
  private int last;
  private int size;

  RadixHeap() {
    for (int b = 0; b < buckets.length; b++) {
      buckets[b] = new long[16];
    }
  }

  /** The unsigned key of a float: unsigned order of keys is the order of the floats (no NaN). */
  static int key(float value) {
    int bits = Float.floatToRawIntBits(value);
    return bits ^ ((bits >> 31) | Integer.MIN_VALUE);
  }

  boolean isEmpty() {
    return size == 0;
  }

  void push(float value, int index) {
    int key = key(value);
    append(bucketOf(key), ((long) key << 32) | (index & 0xffffffffL));
    size++;
  }

  /** Removes the entry with the smallest key and returns its index; the heap must not be empty. */
  int pop() {
    if (sizes[0] == 0) {
      redistribute();
    }
    size--;
    return (int) buckets[0][--sizes[0]];
  }

  private int bucketOf(int key) {
    return 32 - Integer.numberOfLeadingZeros(key ^ last);
  }

  private void append(int bucket, long entry) {
    long[] array = buckets[bucket];
    int n = sizes[bucket];
    if (n == array.length) {
      array = Arrays.copyOf(array, n + (n >> 1) + 16);
      buckets[bucket] = array;
    }
    array[n] = entry;
    sizes[bucket] = n + 1;
  }

  /** Moves the entries of the first non-empty bucket down, around its smallest key. */
  private void redistribute() {
    int b = 1;
    while (sizes[b] == 0) {
      b++;
    }
    long[] array = buckets[b];
    int n = sizes[b];
    int min = (int) (array[0] >>> 32);
    for (int i = 1; i < n; i++) {
      int key = (int) (array[i] >>> 32);
      if (Integer.compareUnsigned(key, min) < 0) {
        min = key;
      }
    }
    last = min;
    sizes[b] = 0;
    for (int i = 0; i < n; i++) {
      long entry = array[i];
      append(bucketOf((int) (entry >>> 32)), entry);
    }
    if (array.length > 4096 && n < array.length >> 2) {
      buckets[b] = new long[16];
    }
  }
}
