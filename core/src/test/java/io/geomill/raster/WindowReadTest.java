package io.geomill.raster;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.vector.LayerCrs;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.stream.ImageInputStreamImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a window of a big tiled GeoTIFF touches only the blocks under the window and its halo: counted in
 * bytes read from the file, on a 10240 x 10240 Float32 raster in 1600 blocks.
 */
class WindowReadTest {
  private static final int SIZE = 10_240;
  private static final int BLOCK = 256;

  @Test
  void aWindowOfABigTiledFileReadsTheDirectoryAndTheBlocksItTouchesOnly(@TempDir Path dir) throws IOException {
    RasterTiling tiling = RasterTiling.of(SIZE, SIZE, BLOCK, BLOCK); // one block per tile: blocks written one by one
    File file = dir.resolve("big.tif").toFile();
    int[][] sizes = writeBlockNumbers(file, tiling);

    CountingInput in = new CountingInput(file);
    try (RasterFile raster = GeoTiffFile.open(in, "big.tif")) { // closes the stream too
      long directoryBytes = in.bytesRead;
      assertThat(directoryBytes).as("opening reads the header and the directory (1600 offsets and counts)")
          .isLessThan(64 * 1024);

      long before = in.bytesRead;
      long started = System.nanoTime();
      HaloTile tile = raster.read(1, 5000, 5000, 300, 200, 1); // cells 4999-5300 x 4999-5200: blocks 19-20 x 19-20
      long millis = (System.nanoTime() - started) / 1_000_000;
      System.out.printf("window 300x200 of %dx%d: %d bytes of %d read in %d ms%n", SIZE, SIZE,
          in.bytesRead - before, file.length(), millis);
      long windowBytes = in.bytesRead - before;

      long fourBlocks = sizes[19 * 40 + 19][0] + sizes[19 * 40 + 20][0] + sizes[20 * 40 + 19][0]
          + sizes[20 * 40 + 20][0];
      assertThat(windowBytes).as("bytes read for the window: its 4 blocks (%d bytes) and no more", fourBlocks)
          .isEqualTo(fourBlocks);
      assertThat(file.length()).isGreaterThan(windowBytes * 300);
      assertThat(millis).as("a window of 4 blocks").isLessThan(5_000);
      for (int r = 4999; r < 5201; r++) {
        for (int c = 4999; c < 5301; c++) {
          assertThat(tile.at(c, r)).isEqualTo((float) ((r / BLOCK) * 40 + c / BLOCK));
        }
      }
    }
  }

  /** Every cell holds the number of its block; blocks are encoded as tasks encode them. */
  private static int[][] writeBlockNumbers(File file, RasterTiling tiling) throws IOException {
    GeoTiffSpec spec = new GeoTiffSpec(RasterDataType.FLOAT32, -9999,
        new GeoTransform(400_000, 30, 0, 5_600_000, 0, -30), LayerCrs.parse("EPSG:32632"),
        GeoTiffOptions.DEFAULTS.withDeflateLevel(1));
    byte[][] blocks = new byte[tiling.tileCount()][];
    int[][] sizes = new int[tiling.tileCount()][];
    float[] cells = new float[BLOCK * BLOCK];
    try (BlockEncoder encoder = new BlockEncoder(spec.type(), spec.options(), spec.nodata())) {
      for (int t = 0; t < tiling.tileCount(); t++) {
        Arrays.fill(cells, t);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sizes[t] = encoder.encode(cells, tiling, tiling.tile(t), out);
        blocks[t] = out.toByteArray();
      }
    }
    try (OutputStream out = new BufferedOutputStream(new FileOutputStream(file))) {
      GeoTiffAssembler.write(out, tiling, spec, sizes, t -> new ByteArrayInputStream(blocks[t]));
    }
    return sizes;
  }

  /** A file as an ImageIO stream that counts the bytes read from it. */
  private static final class CountingInput extends ImageInputStreamImpl {
    private final RandomAccessFile file;
    long bytesRead;

    CountingInput(File file) throws IOException {
      this.file = new RandomAccessFile(file, "r");
    }

    @Override
    public int read() throws IOException {
      bitOffset = 0;
      file.seek(streamPos);
      int b = file.read();
      if (b >= 0) {
        streamPos++;
        bytesRead++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      bitOffset = 0;
      file.seek(streamPos);
      int n = file.read(b, off, len);
      if (n > 0) {
        streamPos += n;
        bytesRead += n;
      }
      return n;
    }

    @Override
    public long length() {
      try {
        return file.length();
      } catch (IOException e) {
        return -1;
      }
    }

    @Override
    public void close() throws IOException {
      super.close();
      file.close();
    }
  }
}
