package io.geomill.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * zlib ({@link ZlibInflater}) and libdeflate ({@link LibdeflateInflater}) inflate the same bytes, whole blocks
 * and first rows, reject corrupt data alike, and libdeflate's absence leaves zlib doing the work.
 */
class BlockInflaterTest {
  private static final int[] SIZES = {1, 1000, 65536, 256 * 256 * 4 + 12};
  private static final int[] LEVELS = {Deflater.HUFFMAN_ONLY, 1, 6, 9};

  @AfterEach
  void restoreProperty() {
    System.clearProperty("geomill.libdeflate");
  }

  @Test
  void bothInflateWhatDeflaterMade() throws IOException {
    assumeTrue(LibdeflateInflater.available(), "libdeflate.so.0 is not installed");
    Random random = new Random(7);
    for (int size : SIZES) {
      for (int level : LEVELS) {
        byte[] data = samples(size, random);
        byte[] compressed = deflate(data, level);
        for (int needed : new int[] {size, size / 2, Math.min(size, 7)}) {
          for (BlockInflater inflater : new BlockInflater[] {new ZlibInflater(), libdeflate()}) {
            byte[] raw = new byte[size];
            inflater.inflate(compressed, compressed.length, raw, needed, size, 3);
            assertThat(Arrays.copyOf(raw, needed)).as("%s, %d of %d bytes, level %d",
                inflater.getClass().getSimpleName(), needed, size, level).isEqualTo(Arrays.copyOf(data, needed));
          }
        }
      }
    }
  }

  @Test
  void corruptDataIsTheSameClearErrorFromBoth() {
    byte[] data = samples(100_000, new Random(3));
    byte[] compressed = deflate(data, 6);
    compressed[compressed.length / 2] ^= (byte) 0xff;
    byte[] truncated = Arrays.copyOf(compressed, 2);
    for (BlockInflater inflater : new BlockInflater[] {new ZlibInflater(), libdeflate()}) {
      assertThatThrownBy(() -> inflater.inflate(compressed, compressed.length, new byte[data.length], data.length,
          data.length, 5)).isInstanceOf(IOException.class).hasMessageStartingWith("block 5");
      assertThatThrownBy(() -> inflater.inflate(truncated, 2, new byte[data.length], data.length, data.length, 5))
          .isInstanceOf(IOException.class).hasMessage("block 5 decompresses to 0 bytes, not the 100000 its rows"
              + " need");
    }
  }

  @Test
  void aMissingLibraryLeavesItToZlib() throws IOException {
    byte[] data = samples(65536, new Random(5));
    byte[] compressed = deflate(data, 6);
    byte[] raw = new byte[data.length];
    new LibdeflateInflater(new ZlibInflater(), "libno-such-deflate.so.0", 0)
        .inflate(compressed, compressed.length, raw, data.length, data.length, 0);
    assertThat(raw).isEqualTo(data);
  }

  @Test
  void aGeoTiffHasTheSameCellsWithLibdeflateAsWithout() throws IOException {
    assumeTrue(LibdeflateInflater.available(), "libdeflate.so.0 is not installed");
    File dem = RasterSamples.sample("rasters/rhine_elv0.tif");
    System.setProperty("geomill.libdeflate", "false");
    float[] zlib = cells(dem);
    System.setProperty("geomill.libdeflate", "true");
    assertThat(cells(dem)).isEqualTo(zlib);
  }

  private static float[] cells(File file) throws IOException {
    SharedBlocks.clear();
    try (GeoTiffFile raster = GeoTiffFile.open(file, file.getName())) {
      assertThat(raster.decodesBlocks()).isTrue();
      RasterInfo info = raster.info();
      return raster.read(1, 0, 0, info.width(), info.height(), 0).values();
    }
  }

  private static BlockInflater libdeflate() {
    return new LibdeflateInflater(new ZlibInflater(), LibdeflateInflater.LIBRARY, 0);
  }

  /** Floats of a smooth surface with noise, compressible about as a DEM is. */
  private static byte[] samples(int size, Random random) {
    byte[] data = new byte[size];
    for (int i = 0; i + 3 < size; i += 4) {
      int bits = Float.floatToIntBits((float) (500 + 100 * Math.sin(i / 4000.0) + random.nextGaussian()));
      data[i] = (byte) (bits >>> 24);
      data[i + 1] = (byte) (bits >>> 16);
      data[i + 2] = (byte) (bits >>> 8);
      data[i + 3] = (byte) bits;
    }
    return data;
  }

  private static byte[] deflate(byte[] data, int level) {
    Deflater deflater = new Deflater(level == Deflater.HUFFMAN_ONLY ? Deflater.DEFAULT_COMPRESSION : level);
    if (level == Deflater.HUFFMAN_ONLY) {
      deflater.setStrategy(Deflater.HUFFMAN_ONLY);
    }
    deflater.setInput(data);
    deflater.finish();
    byte[] out = new byte[data.length + 1024];
    int n = 0;
    while (!deflater.finished()) { // a changed strategy takes a call of its own
      n += deflater.deflate(out, n, out.length - n);
    }
    deflater.end();
    return Arrays.copyOf(out, n);
  }
}
