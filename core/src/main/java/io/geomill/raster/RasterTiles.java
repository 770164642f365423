package io.geomill.raster;

import io.geomill.batch.InputFile;
import io.geomill.fs.HadoopFs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import javax.imageio.stream.ImageInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * How a raster job cuts an input into tiles, on the driver from the file's header only (a TIFF's first
 * directory, an ASCII grid's first lines) and in the tasks from its {@link RasterInfo}: the same tiling both
 * ways. ASCII grids are text, parsed whole by every task that reads them, so they are one tile however large.
 */
public final class RasterTiles {
  private static final int ASCII_HEADER_LINES = 8;

  private RasterTiles() {}

  /** The cells of each tile of {@code input}, read from its header (the TIFF structure is checked). */
  public static long[] cellsPerTile(InputFile input, Configuration conf, int tileSize, int blockSize)
      throws IOException {
    Path path = HadoopFs.path(input.uri());
    FileSystem fs = HadoopFs.fileSystem(path, conf);
    if (RasterFormat.ofName(input.name()) != RasterFormat.GEOTIFF) {
      return new long[] {asciiGridCells(fs, path)};
    }
    TiffStructure header;
    try (ImageInputStream in = new HadoopImageInputStream(fs.open(path), fs.getFileStatus(path).getLen())) {
      header = TiffStructure.check(in);
    }
    RasterTiling tiling = RasterTiling.of(header.width(), header.height(), tileSize, blockSize);
    long[] weights = new long[tiling.tileCount()];
    for (int t = 0; t < weights.length; t++) {
      weights[t] = tiling.tile(t).cells();
    }
    return weights;
  }

  /** The tiling of a raster opened in a task. */
  public static RasterTiling of(RasterInfo raster, int tileSize, int blockSize) {
    return raster.format() == RasterFormat.ASCII_GRID
        ? RasterTiling.of(raster.width(), raster.height(), Math.max(raster.width(), raster.height()), blockSize)
        : RasterTiling.of(raster.width(), raster.height(), tileSize, blockSize);
  }

  private static long asciiGridCells(FileSystem fs, Path path) throws IOException {
    long columns = 0;
    long rows = 0;
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(fs.open(path), StandardCharsets.US_ASCII))) {
      for (int i = 0; i < ASCII_HEADER_LINES; i++) {
        String line = lines.readLine();
        String[] words = line == null ? new String[0] : line.strip().split("\\s+");
        if (words.length == 2 && words[0].equalsIgnoreCase("ncols")) {
          columns = Long.parseLong(words[1]);
        } else if (words.length == 2 && words[0].equalsIgnoreCase("nrows")) {
          rows = Long.parseLong(words[1]);
        }
      }
    }
    return Math.max(1, columns * rows);
  }
}
