package io.geomill.raster;

import io.geomill.batch.InputFile;
import io.geomill.batch.ItemContext;
import io.geomill.batch.PartedTask;
import io.geomill.batch.PartsContext;
import io.geomill.fs.HadoopFs;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.imageio.stream.ImageInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A {@link RasterJob} on one input, in parts: a part is a tile (read with its halo, every product computed and
 * encoded into blocks, written as one part file per product), the finish assembles each product's GeoTIFF.
 */
final class RasterTask implements PartedTask<InputFile, RasterTask.TileResult, RasterSummary> {
  private static final long serialVersionUID = 1L;
  private static final int ASCII_HEADER_LINES = 8;
  private static final int STREAM_BUFFER = 1 << 20;

  private final RasterJob job;

  RasterTask(RasterJob job) {
    this.job = job;
  }

  /**
   * What a tile tells the finish.
   *
   * @param raster     the input's info (the same from every tile)
   * @param validCells the tile's cells with a value
   * @param blockSizes per product, the byte counts of the tile's encoded blocks
   */
  record TileResult(RasterInfo raster, long validCells, int[][] blockSizes) implements java.io.Serializable {}

  /** From the file's header only: a TIFF's first directory, an ASCII grid's first lines (which is one part). */
  @Override
  public long[] partWeights(InputFile input, Configuration conf) throws IOException {
    Path path = HadoopFs.path(input.uri());
    FileSystem fs = HadoopFs.fileSystem(path, conf);
    if (RasterFormat.ofName(input.name()) != RasterFormat.GEOTIFF) {
      return new long[] {asciiGridCells(fs, path)};
    }
    TiffStructure header;
    try (ImageInputStream in = new HadoopImageInputStream(fs.open(path), fs.getFileStatus(path).getLen())) {
      header = TiffStructure.check(in);
    }
    RasterTiling tiling = tiling(header.width(), header.height());
    long[] weights = new long[tiling.tileCount()];
    for (int t = 0; t < weights.length; t++) {
      weights[t] = tiling.tile(t).cells();
    }
    return weights;
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

  private RasterTiling tiling(int width, int height) {
    return RasterTiling.of(width, height, job.tileSize(), job.write().blockSize());
  }

  /** ASCII grids are text, parsed whole by every task that reads them: one tile however large. */
  private RasterTiling tiling(RasterInfo raster) {
    return raster.format() == RasterFormat.ASCII_GRID
        ? RasterTiling.of(raster.width(), raster.height(), Math.max(raster.width(), raster.height()),
            job.write().blockSize())
        : tiling(raster.width(), raster.height());
  }

  @Override
  public TileResult runPart(InputFile input, int part, ItemContext context) throws Exception {
    try (RasterFile file = RasterFile.open(input.uri(), input.relativePath(), context, context.hadoopConf())) {
      RasterInfo raster = file.require(job.read());
      RasterTiling tiling = tiling(raster);
      if (part >= tiling.tileCount()) {
        throw new RasterException(raster.name() + ": changed while the job ran: it has " + tiling.tileCount()
            + " tiles now, not " + (part + 1) + " or more");
      }
      RasterTiling.Tile tile = tiling.tile(part);
      HaloTile window = file.read(job.read().bandToRead(), tile.col0(), tile.row0(), tile.width(), tile.height(),
          job.halo());
      int[][] blockSizes = new int[job.products().size()][];
      for (int p = 0; p < blockSizes.length; p++) {
        RasterProduct product = job.products().get(p);
        Object values;
        try {
          values = product.function().compute(window, raster);
        } catch (Exception e) {
          throw new RasterException(raster.name() + ": " + product.name() + " failed on " + tile, e);
        }
        try (BlockEncoder encoder = new BlockEncoder(product.type(), job.write(), product.nodata());
             OutputStream out = new BufferedOutputStream(new FileOutputStream(context.stage(partFile(product))),
                 STREAM_BUFFER)) {
          blockSizes[p] = encoder.encode(values, tiling, tile, out);
        } catch (IllegalArgumentException | ClassCastException e) {
          throw new RasterException(raster.name() + ": " + product.name() + " gave a wrong result on " + tile
              + ": " + e.getMessage(), e);
        }
      }
      return new TileResult(raster, validCells(window), blockSizes);
    }
  }

  @Override
  public RasterSummary finish(InputFile input, List<TileResult> tiles, PartsContext context) throws Exception {
    RasterInfo raster = tiles.get(0).raster();
    RasterTiling tiling = tiling(raster);
    if (tiles.size() != tiling.tileCount()) {
      throw new RasterException(raster.name() + ": changed while the job ran: " + tiles.size() + " tiles were "
          + "computed, it has " + tiling.tileCount() + " now");
    }
    long valid = tiles.stream().mapToLong(TileResult::validCells).sum();
    if (valid == 0) {
      throw new RasterException(raster.name() + ": every cell of band " + job.read().bandToRead()
          + " is nodata" + (raster.nodata() == null ? " (NaN)" : " (" + raster.nodata() + ")")
          + ": there is nothing to compute");
    }
    for (int p = 0; p < job.products().size(); p++) {
      RasterProduct product = job.products().get(p);
      GeoTiffSpec spec = new GeoTiffSpec(product.type(), product.nodata(), raster.geoTransform(), raster.crs(),
          job.write(), product.declaresNodata());
      int[][] blockSizes = new int[tiles.size()][];
      for (int t = 0; t < blockSizes.length; t++) {
        blockSizes[t] = tiles.get(t).blockSizes()[p];
      }
      String partFile = partFile(product);
      try (OutputStream out = new BufferedOutputStream(
          new FileOutputStream(context.stage(RasterJob.outputName(input, product))), STREAM_BUFFER)) {
        GeoTiffAssembler.write(out, tiling, spec, blockSizes, tile -> context.openPart(tile, partFile));
      }
    }
    return new RasterSummary(raster.width(), raster.height(), tiling.tileCount(), valid,
        raster.crs() == null ? "" : raster.crs().label());
  }

  private static String partFile(RasterProduct product) {
    return "product-" + product.name() + ".blocks";
  }

  /** The window's own cells (not its halo) that hold a value. */
  private static long validCells(HaloTile window) {
    long valid = 0;
    int stride = window.stride();
    for (int y = 0; y < window.height(); y++) {
      int row = (y + window.halo()) * stride + window.halo();
      for (int x = 0; x < window.width(); x++) {
        if (!Float.isNaN(window.values()[row + x])) {
          valid++;
        }
      }
    }
    return valid;
  }
}
