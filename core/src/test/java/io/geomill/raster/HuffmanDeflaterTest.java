package io.geomill.raster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class HuffmanDeflaterTest {
  private final HuffmanDeflater deflater = new HuffmanDeflater();

  @Test
  void emptyAndOneByteInputsInflateBack() throws Exception {
    assertRoundTrip(new byte[0]);
    assertRoundTrip(new byte[] {42});
    assertRoundTrip(new byte[] {0, (byte) 255});
  }

  @Test
  void aConstantBlockCodesEachByteInOneBit() throws Exception {
    byte[] zeros = new byte[256 * 1024];
    int n = assertRoundTrip(zeros);
    assertThat(n).isBetween(zeros.length / 8, zeros.length / 8 + 2048);
  }

  @Test
  void randomBytesGoInStoredBlocksNoLargerThanTheInputPlusTheirHeaders() throws Exception {
    byte[] noise = new byte[200_001];
    new Random(7).nextBytes(noise);
    int n = assertRoundTrip(noise);
    assertThat(n).isLessThanOrEqualTo(HuffmanDeflater.maxCompressedLength(noise.length))
        .isGreaterThanOrEqualTo(noise.length);
  }

  @Test
  void frequenciesThatWouldNeedCodesOver15BitsAreLimitedAndStillDecode() throws Exception {
    // Fibonacci counts: an unlimited Huffman code would be 24 bits deep
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    int a = 1;
    int b = 1;
    for (int symbol = 0; symbol < 25; symbol++) {
      for (int k = 0; k < a; k++) {
        data.write(symbol * 7);
      }
      int c = a + b;
      a = b;
      b = c;
    }
    byte[] bytes = data.toByteArray();
    shuffle(bytes, new Random(3));
    int[] lengths = new int[257];
    int[] frequencies = new int[257];
    for (byte v : Arrays.copyOf(bytes, HuffmanDeflater.CHUNK)) {
      frequencies[v & 0xff]++;
    }
    new HuffmanLengths(257).lengths(frequencies, 257, 15, lengths);
    assertThat(Arrays.stream(lengths).max().getAsInt()).isEqualTo(15);
    double kraft = Arrays.stream(lengths).filter(l -> l > 0).mapToDouble(l -> Math.pow(2, -l)).sum();
    assertThat(kraft).isEqualTo(1.0);
    assertRoundTrip(bytes);
  }

  @Test
  void predictedElevationsCompressAboutAsWellAsZlibsHuffmanOnlyStrategy() throws Exception {
    byte[] raw = predictedElevations(256, 4, new Random(11));
    int ours = assertRoundTrip(raw);
    Deflater zlib = new Deflater(1);
    zlib.setStrategy(Deflater.HUFFMAN_ONLY);
    zlib.setInput(raw);
    zlib.finish();
    byte[] buffer = new byte[2 * raw.length];
    int theirs = 0;
    while (!zlib.finished()) {
      theirs += zlib.deflate(buffer);
    }
    zlib.end();
    assertThat((double) ours / theirs).isBetween(0.95, 1.02);
  }

  @Test
  void anyLengthAndMixOfDataInflatesBack() throws Exception {
    Random random = new Random(5);
    for (int round = 0; round < 40; round++) {
      int length = random.nextInt(3 * HuffmanDeflater.CHUNK);
      byte[] data = new byte[length];
      int alphabet = 1 + random.nextInt(256);
      for (int i = 0; i < length; i++) {
        data[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(alphabet) : random.nextInt(1 + alphabet / 8));
      }
      assertRoundTrip(data);
    }
  }

  /** A 256-cell-wide block of a random-walk surface through TIFF's floating-point predictor, as BlockEncoder does. */
  private static byte[] predictedElevations(int size, int bytesPerCell, Random random) {
    byte[] raw = new byte[size * size * bytesPerCell];
    double height = 300;
    for (int y = 0; y < size; y++) {
      int[] previous = new int[4];
      for (int x = 0; x < size; x++) {
        height += random.nextGaussian() * 0.5;
        int bits = Float.floatToRawIntBits((float) height);
        for (int p = 0; p < 4; p++) {
          int b = bits >>> (24 - 8 * p) & 0xff;
          raw[y * size * 4 + p * size + x] = (byte) (b - previous[p]);
          previous[p] = b;
        }
      }
    }
    return raw;
  }

  private static void shuffle(byte[] bytes, Random random) {
    for (int i = bytes.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      byte t = bytes[i];
      bytes[i] = bytes[j];
      bytes[j] = t;
    }
  }

  /** Compresses, inflates with zlib (checking the Adler-32 and the stream's end) and compares; the byte count. */
  private int assertRoundTrip(byte[] data) throws DataFormatException {
    byte[] compressed = new byte[HuffmanDeflater.maxCompressedLength(data.length)];
    int n = deflater.compress(data, data.length, compressed);
    Inflater inflater = new Inflater();
    inflater.setInput(compressed, 0, n);
    byte[] back = new byte[data.length + 1];
    int got = 0;
    while (!inflater.finished()) {
      int k = inflater.inflate(back, got, back.length - got);
      assertThat(k > 0 || inflater.finished()).as("inflating stalled at %d of %d bytes", got, data.length).isTrue();
      got += k;
    }
    assertThat(inflater.getRemaining()).isZero();
    inflater.end();
    assertThat(Arrays.copyOf(back, got)).isEqualTo(data);
    return n;
  }
}
