package io.geomill.raster;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.Adler32;

/**
 * DEFLATE with Huffman coding only, in a zlib stream (RFC 1950 and 1951), as zlib writes with its
 * {@code HUFFMAN_ONLY} strategy: every byte a literal (no search for repeated strings), one dynamic Huffman block
 * per {@value #CHUNK} bytes of input (a stored block where coding would not make it smaller), an Adler-32 check.
 * Any DEFLATE decoder reads it (zlib, libdeflate, GDAL, GeoTools); the bytes differ from zlib's own (other block
 * boundaries, other but equally optimal codes), the data they decode to does not.
 *
 * <p>Why not {@link java.util.zip.Deflater}: the zlib on this project's machines coded predicted Float32 blocks
 * at about 46 MB/s with {@code HUFFMAN_ONLY}, which made compression most of a raster job's CPU (9.4 of 15.4 s on
 * the 10k x 10k DEM reprojected); this loop codes them several times as fast, into files of about the same size.
 * Not thread-safe: one per encoder.
 */
final class HuffmanDeflater {
  /** Input bytes per Huffman block: large enough for the block header (~100 bytes) to cost little. */
  static final int CHUNK = 32 * 1024;
  private static final int LITERALS = 257; // 0-255 and the end of block
  private static final int END_OF_BLOCK = 256;
  private static final int MAX_BITS = 15;
  private static final int MAX_LENGTH_CODE_BITS = 7;
  private static final int MAX_STORED = 65_535;
  private static final VarHandle LITTLE_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
      ByteOrder.LITTLE_ENDIAN);
  /** The order the code length code's lengths are sent in (RFC 1951, 3.2.7). */
  private static final int[] LENGTH_CODE_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1,
      15};

  private final int[] frequencies = new int[LITERALS];
  private final int[] lengths = new int[LITERALS];
  private final int[] codes = new int[LITERALS];
  private final int[] counts1 = new int[256];
  private final int[] counts2 = new int[256];
  private final int[] counts3 = new int[256];
  /** A literal's code in the low 16 bits, its length above. */
  private final int[] codeAndLength = new int[256];
  /** The literal lengths and the two distance lengths, run-length coded: symbol | extra bits << 8. */
  private final int[] lengthSymbols = new int[LITERALS + 2];
  private final int[] lengthFrequencies = new int[19];
  private final int[] lengthLengths = new int[19];
  private final int[] lengthCodes = new int[19];
  private final Adler32 adler = new Adler32();
  private final HuffmanLengths builder = new HuffmanLengths(LITERALS);
  private final HuffmanLengths lengthBuilder = new HuffmanLengths(19);

  private byte[] out;
  private int at;
  private long bits;
  private int bitCount;

  /** The most bytes {@link #compress} writes for {@code length} input bytes. */
  static int maxCompressedLength(int length) {
    int storedBlocks = Math.max(1, (length + MAX_STORED - 1) / MAX_STORED) + (length + CHUNK - 1) / CHUNK;
    return length + 5 * storedBlocks + 2 + 4 + 16; // 8 for the literal loop's whole-buffer stores
  }

  /** Compresses {@code in[0..length)} into {@code into} from 0; returns the byte count. */
  int compress(byte[] in, int length, byte[] into) {
    if (into.length < maxCompressedLength(length)) {
      throw new IllegalArgumentException("an output buffer of " + into.length + " bytes may not hold "
          + length + " bytes compressed; give " + maxCompressedLength(length));
    }
    out = into;
    at = 0;
    bits = 0;
    bitCount = 0;
    out[at++] = 0x78; // deflate, 32 KB window
    out[at++] = 0x01; // fastest level; (0x78 << 8 | 0x01) % 31 == 0
    int start = 0;
    do {
      int end = Math.min(length, start + CHUNK);
      block(in, start, end, end == length);
      start = end;
    } while (start < length);
    flushBits();
    adler.reset();
    adler.update(in, 0, length);
    int check = (int) adler.getValue();
    out[at++] = (byte) (check >>> 24);
    out[at++] = (byte) (check >>> 16);
    out[at++] = (byte) (check >>> 8);
    out[at++] = (byte) check;
    out = null;
    return at;
  }

  private void block(byte[] in, int start, int end, boolean last) {
    count(in, start, end);
    builder.lengths(frequencies, LITERALS, MAX_BITS, lengths);
    HuffmanLengths.canonicalCodes(lengths, LITERALS, codes);
    int symbols = runLengths();
    Arrays.fill(lengthFrequencies, 0);
    for (int i = 0; i < symbols; i++) {
      lengthFrequencies[lengthSymbols[i] & 0xff]++;
    }
    lengthBuilder.lengths(lengthFrequencies, 19, MAX_LENGTH_CODE_BITS, lengthLengths);
    HuffmanLengths.canonicalCodes(lengthLengths, 19, lengthCodes);
    int sent = 19;
    while (sent > 4 && lengthLengths[LENGTH_CODE_ORDER[sent - 1]] == 0) {
      sent--;
    }
    long headerBits = 3 + 5 + 5 + 4 + 3L * sent;
    for (int i = 0; i < symbols; i++) {
      int symbol = lengthSymbols[i] & 0xff;
      headerBits += lengthLengths[symbol] + (symbol == 16 ? 2 : symbol == 17 ? 3 : symbol == 18 ? 7 : 0);
    }
    long dataBits = lengths[END_OF_BLOCK];
    for (int s = 0; s < 256; s++) {
      dataBits += (long) frequencies[s] * lengths[s];
    }
    int bytes = end - start;
    long storedBits = 8L * (bytes + 5L * ((bytes + MAX_STORED - 1) / MAX_STORED)) + 7;
    if (headerBits + dataBits >= storedBits) {
      stored(in, start, end, last);
      return;
    }
    putBits((last ? 1 : 0) | 2 << 1, 3); // BFINAL, BTYPE 10: dynamic Huffman codes
    putBits(LITERALS - 257, 5);
    putBits(2 - 1, 5); // two distance codes (of one bit each, as zlib sends when there are none)
    putBits(sent - 4, 4);
    for (int i = 0; i < sent; i++) {
      putBits(lengthLengths[LENGTH_CODE_ORDER[i]], 3);
    }
    for (int i = 0; i < symbols; i++) {
      int symbol = lengthSymbols[i] & 0xff;
      int extra = lengthSymbols[i] >>> 8;
      putBits(lengthCodes[symbol], lengthLengths[symbol]);
      if (symbol == 16) {
        putBits(extra, 2);
      } else if (symbol == 17) {
        putBits(extra, 3);
      } else if (symbol == 18) {
        putBits(extra, 7);
      }
    }
    literals(in, start, end);
    putBits(codes[END_OF_BLOCK], lengths[END_OF_BLOCK]);
  }

  /**
   * The bytes' frequencies, in four tables summed at the end: predicted data repeats bytes (zeros above all), and
   * one table would make each count wait for the one before.
   */
  private void count(byte[] in, int start, int end) {
    int[] f0 = frequencies;
    int[] f1 = counts1;
    int[] f2 = counts2;
    int[] f3 = counts3;
    Arrays.fill(f0, 0);
    Arrays.fill(f1, 0);
    Arrays.fill(f2, 0);
    Arrays.fill(f3, 0);
    int i = start;
    for (; i + 3 < end; i += 4) {
      f0[in[i] & 0xff]++;
      f1[in[i + 1] & 0xff]++;
      f2[in[i + 2] & 0xff]++;
      f3[in[i + 3] & 0xff]++;
    }
    for (; i < end; i++) {
      f0[in[i] & 0xff]++;
    }
    for (int s = 0; s < 256; s++) {
      f0[s] += f1[s] + f2[s] + f3[s];
    }
    f0[END_OF_BLOCK] = 1;
  }

  /**
   * The literals' codes, least significant bit first: the loop that costs. Three codes (15 bits at most each) on
   * the fewer than 8 bits left in the buffer fit its 64; the buffer is stored whole each time and the position
   * moved by its whole bytes, without a branch (whether a byte is full varies from code to code, and mispredicted
   * branches cost more than the store).
   */
  private void literals(byte[] in, int start, int end) {
    long buffer = bits;
    int count = bitCount;
    int position = at;
    byte[] target = out;
    int[] entry = codeAndLength;
    for (int s = 0; s < 256; s++) {
      entry[s] = codes[s] | lengths[s] << 16;
    }
    int i = start;
    for (; i + 2 < end; i += 3) {
      int first = entry[in[i] & 0xff];
      int second = entry[in[i + 1] & 0xff];
      int third = entry[in[i + 2] & 0xff];
      buffer |= (long) (first & 0xffff) << count;
      count += first >>> 16;
      buffer |= (long) (second & 0xffff) << count;
      count += second >>> 16;
      buffer |= (long) (third & 0xffff) << count;
      count += third >>> 16;
      LITTLE_ENDIAN_LONG.set(target, position, buffer);
      int whole = count >>> 3;
      position += whole;
      buffer >>>= whole << 3;
      count &= 7;
    }
    bits = buffer;
    bitCount = count;
    at = position;
    for (; i < end; i++) {
      int b = in[i] & 0xff;
      putBits(codes[b], lengths[b]);
    }
  }

  /**
   * The literal lengths and the distance lengths (1, 1) in RFC 1951's run-length code: 16 repeats the previous
   * length 3-6 times, 17 and 18 repeat zero 3-10 and 11-138 times. Returns the symbol count.
   */
  private int runLengths() {
    int[] all = Arrays.copyOf(lengths, LITERALS + 2);
    all[LITERALS] = 1;
    all[LITERALS + 1] = 1;
    int n = 0;
    int i = 0;
    while (i < all.length) {
      int value = all[i];
      int run = 1;
      while (i + run < all.length && all[i + run] == value) {
        run++;
      }
      i += run;
      if (value == 0) {
        while (run >= 11) {
          int r = Math.min(run, 138);
          lengthSymbols[n++] = 18 | (r - 11) << 8;
          run -= r;
        }
        if (run >= 3) {
          lengthSymbols[n++] = 17 | (run - 3) << 8;
          run = 0;
        }
      } else {
        lengthSymbols[n++] = value;
        run--;
        while (run >= 3) {
          int r = Math.min(run, 6);
          lengthSymbols[n++] = 16 | (r - 3) << 8;
          run -= r;
        }
      }
      for (; run > 0; run--) {
        lengthSymbols[n++] = value;
      }
    }
    return n;
  }

  /** Stored blocks of at most {@value #MAX_STORED} bytes, for data coding would not make smaller. */
  private void stored(byte[] in, int start, int end, boolean last) {
    int from = start;
    do {
      int n = Math.min(MAX_STORED, end - from);
      putBits(last && from + n == end ? 1 : 0, 3); // BTYPE 00
      flushBits();
      out[at++] = (byte) n;
      out[at++] = (byte) (n >>> 8);
      out[at++] = (byte) ~n;
      out[at++] = (byte) (~n >>> 8);
      System.arraycopy(in, from, out, at, n);
      at += n;
      from += n;
    } while (from < end);
  }

  private void putBits(int value, int n) {
    bits |= (long) value << bitCount;
    bitCount += n;
    while (bitCount >= 8) {
      out[at++] = (byte) bits;
      bits >>>= 8;
      bitCount -= 8;
    }
  }

  /** The bits written so far up to a byte boundary (zero padded). */
  private void flushBits() {
    while (bitCount > 0) {
      out[at++] = (byte) bits;
      bits >>>= 8;
      bitCount -= 8;
    }
    bits = 0;
    bitCount = 0;
  }
}
