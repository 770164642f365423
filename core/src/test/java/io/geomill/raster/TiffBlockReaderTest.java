package io.geomill.raster;

import static io.geomill.raster.RasterSamples.fullRead;
import static io.geomill.raster.RasterSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.testing.ExternalTools;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import javax.imageio.stream.FileImageInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GeoMill's own block decoding ({@link TiffBlockReader}) gives the cells GeoTools' whole read gives, for the
 * layouts GDAL writes (every sample type, tiles and strips, DEFLATE with and without predictor, uncompressed),
 * and the halos served from other windows' decoded blocks ({@link SharedBlocks}) are the same cells too.
 */
class TiffBlockReaderTest {
  @AfterEach
  void clearShared() {
    SharedBlocks.clear();
  }

  @Test
  void gdalLayoutsAreDecodedHereAndEqualTheWholeRead(@TempDir Path dir) throws IOException {
    File rhine = sample("rasters/rhine_elv0.tif"); // 997 x 682 Float32, nodata -9999
    String[][] layouts = {
        {"Float32", "TILED=YES", "COMPRESS=DEFLATE", "PREDICTOR=3", "BLOCKXSIZE=128", "BLOCKYSIZE=64"},
        {"Float32", "TILED=YES", "COMPRESS=DEFLATE", "PREDICTOR=1"},
        {"Float32", "COMPRESS=DEFLATE", "PREDICTOR=3", "BLOCKYSIZE=5"},
        {"Float32", "TILED=YES", "COMPRESS=NONE", "BLOCKXSIZE=256", "BLOCKYSIZE=128"},
        {"Float32", "COMPRESS=NONE", "BLOCKYSIZE=682"},
        {"Float64", "TILED=YES", "COMPRESS=DEFLATE", "PREDICTOR=3"},
        {"Float64", "COMPRESS=DEFLATE", "BLOCKYSIZE=3"},
        {"Int16", "TILED=YES", "COMPRESS=DEFLATE", "PREDICTOR=2", "BLOCKXSIZE=64", "BLOCKYSIZE=32"},
        {"Int16", "COMPRESS=NONE"},
        {"UInt16", "COMPRESS=DEFLATE", "PREDICTOR=2", "BLOCKYSIZE=7"},
        {"Int32", "TILED=YES", "COMPRESS=DEFLATE", "PREDICTOR=2"},
        {"Byte", "TILED=YES", "COMPRESS=DEFLATE", "PREDICTOR=2", "BLOCKXSIZE=32", "BLOCKYSIZE=32"},
        {"Byte", "COMPRESS=DEFLATE"},
    };
    for (String[] layout : layouts) {
      File file = dir.resolve(String.join("_", layout).replace('=', '-') + ".tif").toFile();
      List<String> args = new ArrayList<>(List.of("-q", "-ot", layout[0]));
      if (!layout[0].startsWith("Float")) {
        args.addAll(List.of("-scale", "0", "4000", "1", layout[0].equals("Byte") ? "250" : "30000", "-a_nodata",
            layout[0].equals("Byte") ? "0" : "-9999"));
      }
      for (int i = 1; i < layout.length; i++) {
        args.add("-co");
        args.add(layout[i]);
      }
      args.add(rhine.getPath());
      args.add(file.getPath());
      ExternalTools.run("gdal_translate", args.toArray(String[]::new));
      try (GeoTiffFile raster = GeoTiffFile.open(file, file.getName())) {
        assertThat(raster.decodesBlocks()).as(file.getName()).isTrue();
        assertWindowsMatch(raster, fullRead(file, 1, raster.info().nodata()), new Random(file.getName().hashCode()));
      }
    }
  }

  @Test
  void layoutsItDoesNotDecodeAreLeftToTheImageReader(@TempDir Path dir) throws IOException {
    File rhine = sample("rasters/rhine_elv0.tif");
    File lzw = dir.resolve("lzw.tif").toFile();
    ExternalTools.run("gdal_translate", "-q", "-co", "COMPRESS=LZW", rhine.getPath(), lzw.getPath());
    File rgb = dir.resolve("rgb.tif").toFile();
    ExternalTools.run("gdal_translate", "-q", "-b", "1", "-b", "1", "-b", "1", "-co", "TILED=YES", "-co",
        "COMPRESS=DEFLATE", rhine.getPath(), rgb.getPath());
    for (File file : new File[] {lzw, rgb}) {
      try (GeoTiffFile raster = GeoTiffFile.open(file, file.getName())) {
        assertThat(raster.decodesBlocks()).as(file.getName()).isFalse();
      }
    }
    try (GeoTiffFile raster = GeoTiffFile.open(lzw, "lzw.tif")) {
      assertWindowsMatch(raster, fullRead(lzw, 1, -9999.0), new Random(7));
    }
  }

  /**
   * Tiles of a raster read one after the other, in row order and backwards, each through a file of its own as
   * tasks read them: the halos then come from other tiles' blocks, and every cell is still the file's.
   */
  @Test
  void halosServedFromOtherTilesBlocksAreTheFilesCells(@TempDir Path dir) throws IOException {
    File rhine = sample("rasters/rhine_elv0.tif");
    File file = dir.resolve("tiled.tif").toFile();
    ExternalTools.run("gdal_translate", "-q", "-co", "TILED=YES", "-co", "BLOCKXSIZE=64", "-co", "BLOCKYSIZE=32",
        "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=3", rhine.getPath(), file.getPath());
    float[][] whole = fullRead(file, 1, -9999.0);
    RasterTiling tiling = RasterTiling.of(997, 682, 128, 64);
    List<Integer> order = new ArrayList<>();
    for (int t = 0; t < tiling.tileCount(); t++) {
      order.add(t);
    }
    for (int pass = 0; pass < 2; pass++) {
      SharedBlocks.clear();
      for (int t : order) {
        RasterTiling.Tile tile = tiling.tile(t);
        try (RasterFile raster = RasterFile.open(file)) {
          RasterFileTest.assertTileMatches(raster.read(1, tile.col0(), tile.row0(), tile.width(), tile.height(),
              1), whole);
        }
      }
      Collections.reverse(order);
    }
  }

  /** The second of two neighbouring tiles reads less of the file: its halo's blocks were decoded by the first. */
  @Test
  void aNeighboursHaloBlocksAreNotReadAgain(@TempDir Path dir) throws IOException {
    File file = dir.resolve("tiled.tif").toFile();
    ExternalTools.run("gdal_translate", "-q", "-co", "TILED=YES", "-co", "BLOCKXSIZE=64", "-co", "BLOCKYSIZE=64",
        "-co", "COMPRESS=DEFLATE", sample("rasters/rhine_elv0.tif").getPath(), file.getPath());
    String identity = GeoTiffFile.identity(file.getAbsolutePath(), file.length(), file.lastModified());
    long[] read = new long[2];
    for (int pass = 0; pass < 2; pass++) {
      SharedBlocks.clear();
      if (pass == 1) { // the left tile first: its blocks, and the halo column it decoded of the right tile's
        try (RasterFile left = GeoTiffFile.open(new FileImageInputStream(file), "tiled.tif", identity)) {
          left.read(1, 0, 0, 256, 256, 1);
        }
      }
      CountingFile counting = new CountingFile(file);
      try (RasterFile right = GeoTiffFile.open(counting, "tiled.tif", identity)) {
        long header = counting.bytesRead;
        right.read(1, 256, 0, 256, 256, 1);
        read[pass] = counting.bytesRead - header;
      }
    }
    assertThat(read[1]).as("bytes the right tile read after the left one (alone: %d)", read[0])
        .isLessThan(read[0] * 4 / 5);
  }

  /**
   * Two overlapping windows not aligned to the blocks (as the source windows of a reprojection's neighbouring
   * target tiles): the second reads less of the file after the first, which decoded whole the blocks its lower
   * edge cut (rows 64-100 of block row 64-127), and its cells are still the file's.
   */
  @Test
  void blocksAWindowCutAreNotReadAgainByTheNextWindow(@TempDir Path dir) throws IOException {
    File file = dir.resolve("tiled.tif").toFile();
    ExternalTools.run("gdal_translate", "-q", "-co", "TILED=YES", "-co", "BLOCKXSIZE=64", "-co", "BLOCKYSIZE=64",
        "-co", "COMPRESS=DEFLATE", sample("rasters/rhine_elv0.tif").getPath(), file.getPath());
    float[][] whole = fullRead(file, 1, -9999.0);
    String identity = GeoTiffFile.identity(file.getAbsolutePath(), file.length(), file.lastModified());
    long[] read = new long[2];
    for (int pass = 0; pass < 2; pass++) {
      SharedBlocks.clear();
      if (pass == 1) {
        try (RasterFile upper = GeoTiffFile.open(new FileImageInputStream(file), "tiled.tif", identity)) {
          RasterFileTest.assertTileMatches(upper.read(1, 10, 0, 300, 101, 0), whole);
        }
      }
      CountingFile counting = new CountingFile(file);
      try (RasterFile lower = GeoTiffFile.open(counting, "tiled.tif", identity)) {
        long header = counting.bytesRead;
        RasterFileTest.assertTileMatches(lower.read(1, 20, 90, 300, 110, 0), whole);
        read[pass] = counting.bytesRead - header;
      }
    }
    // a third of its blocks (of unequal compressed sizes) come from the upper window's decoding
    assertThat(read[1]).as("bytes the lower window read after the upper one (alone: %d)", read[0])
        .isLessThan(read[0] * 9 / 10);
  }

  private static void assertWindowsMatch(RasterFile raster, float[][] whole, Random random) throws IOException {
    RasterInfo info = raster.info();
    List<int[]> windows = new ArrayList<>(List.of(new int[] {0, 0, info.width(), info.height(), 1},
        new int[] {info.width() - 9, info.height() - 4, 9, 4, 3}));
    for (int i = 0; i < 12; i++) {
      int w = 1 + random.nextInt(300);
      int h = 1 + random.nextInt(300);
      windows.add(new int[] {random.nextInt(info.width() - w + 1), random.nextInt(info.height() - h + 1), w, h,
          random.nextInt(3)});
    }
    for (int[] window : windows) {
      RasterFileTest.assertTileMatches(raster.read(1, window[0], window[1], window[2], window[3], window[4]),
          whole);
    }
  }

  /** A file as an ImageIO stream that counts the bytes read from it. */
  private static final class CountingFile extends FileImageInputStream {
    long bytesRead;

    CountingFile(File file) throws IOException {
      super(file);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      bytesRead += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      bytesRead += Math.max(n, 0);
      return n;
    }
  }
}
