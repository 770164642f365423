package io.geomill.raster;

import java.util.Arrays;

/**
 * Huffman code lengths of at most a given number of bits, and DEFLATE's canonical codes for them (RFC 1951,
 * 3.2.2), for {@link HuffmanDeflater}. The lengths are Huffman's (two queues over the symbols sorted by
 * frequency); where some would be longer than the limit they are shortened and the Kraft sum restored by
 * lengthening the shortest codes that can take it, as miniz does (tdefl_huffman_enforce_max_code_size). Always
 * at least two codes (DEFLATE decoders want a complete code): a lone symbol gets a one-bit partner.
 */
final class HuffmanLengths {
  private final long[] sorted;
  private final int[] weight;
  private final int[] parent;
  private final int[] depth;
  private final int[] perLength = new int[33];

  /** For alphabets of up to {@code symbols} symbols. */
  HuffmanLengths(int symbols) {
    sorted = new long[symbols];
    weight = new int[2 * symbols];
    parent = new int[2 * symbols];
    depth = new int[2 * symbols];
  }

  /** The lengths of symbols {@code 0..n)} with {@code frequencies} into {@code lengths} (0: symbol unused). */
  void lengths(int[] frequencies, int n, int maxBits, int[] lengths) {
    Arrays.fill(lengths, 0, n, 0);
    int used = 0;
    for (int s = 0; s < n; s++) {
      if (frequencies[s] > 0) {
        sorted[used++] = (long) frequencies[s] << 32 | s;
      }
    }
    if (used < 2) {
      int only = used == 1 ? (int) sorted[0] : 0;
      lengths[only] = 1;
      lengths[only == 0 ? 1 : 0] = 1;
      return;
    }
    Arrays.sort(sorted, 0, used);
    // Leaves 0..used-1 in frequency order, then the internal nodes in the order they are made (their weights
    // never decrease): each step joins the two lightest fronts of the two queues.
    for (int i = 0; i < used; i++) {
      weight[i] = (int) (sorted[i] >>> 32);
    }
    int leaf = 0;
    int node = used;
    for (int next = used; next < 2 * used - 1; next++) {
      int a = leaf < used && (node >= next || weight[leaf] <= weight[node]) ? leaf++ : node++;
      int b = leaf < used && (node >= next || weight[leaf] <= weight[node]) ? leaf++ : node++;
      weight[next] = weight[a] + weight[b];
      parent[a] = next;
      parent[b] = next;
    }
    int root = 2 * used - 2;
    depth[root] = 0;
    Arrays.fill(perLength, 0);
    for (int i = root - 1; i >= 0; i--) {
      depth[i] = depth[parent[i]] + 1;
      if (i < used) {
        perLength[Math.min(depth[i], maxBits)]++;
      }
    }
    long total = 0;
    for (int bits = 1; bits <= maxBits; bits++) {
      total += (long) perLength[bits] << (maxBits - bits);
    }
    while (total > 1L << maxBits) { // shortened codes overfill the Kraft sum: lengthen the shortest that can take it
      perLength[maxBits]--;
      for (int bits = maxBits - 1; bits > 0; bits--) {
        if (perLength[bits] > 0) {
          perLength[bits]--;
          perLength[bits + 1] += 2;
          break;
        }
      }
      total--;
    }
    // The longest codes to the rarest symbols.
    int i = 0;
    for (int bits = maxBits; bits > 0; bits--) {
      for (int k = perLength[bits]; k > 0; k--) {
        lengths[(int) sorted[i++]] = bits;
      }
    }
  }

  /** DEFLATE's canonical codes of {@code lengths}, bit-reversed (DEFLATE sends codes most significant bit first). */
  static void canonicalCodes(int[] lengths, int n, int[] codes) {
    int[] count = new int[16];
    for (int s = 0; s < n; s++) {
      count[lengths[s]]++;
    }
    count[0] = 0;
    int[] next = new int[16];
    int code = 0;
    for (int bits = 1; bits < 16; bits++) {
      code = (code + count[bits - 1]) << 1;
      next[bits] = code;
    }
    for (int s = 0; s < n; s++) {
      int length = lengths[s];
      codes[s] = length == 0 ? 0 : Integer.reverse(next[length]++) >>> (32 - length);
    }
  }
}
