package io.geomill.raster;

import io.geomill.batch.InputFile;
import io.geomill.batch.ItemContext;
import io.geomill.batch.PartedTask;
import io.geomill.batch.PartsContext;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * A {@link RasterJob} on one input, in parts: a part is a tile (read with its halo, every product computed and
 * encoded into blocks, written per product by {@link TiledGeoTiff#writeTile}), the finish assembles each product's
 * GeoTIFF.
 */
final class RasterTask implements PartedTask<InputFile, RasterTask.TileResult, RasterSummary> {
  private static final long serialVersionUID = 1L;

  /** The window a task thread read last, read into again for its next tile (17 MB for a 2048-cell tile). */
  private static final ThreadReuse<float[]> WINDOW = new ThreadReuse<>();

  private final RasterJob job;

  RasterTask(RasterJob job) {
    this.job = job;
  }

  /**
   * What a tile tells the finish.
   *
   * @param raster     the input's info (the same from every tile)
   * @param validCells the tile's cells with a value
   * @param blocks     per product, where the tile's encoded blocks went
   */
  record TileResult(RasterInfo raster, long validCells, TiledGeoTiff.TileBlocks[] blocks)
      implements java.io.Serializable {}

  /** From the file's header only: a TIFF's first directory, an ASCII grid's first lines (which is one part). */
  @Override
  public long[] partWeights(InputFile input, Configuration conf) throws IOException {
    return RasterTiles.cellsPerTile(input, conf, job.tileSize(), job.write().blockSize());
  }

  private RasterTiling tiling(RasterInfo raster) {
    return RasterTiles.of(raster, job.tileSize(), job.write().blockSize());
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
          job.halo(), WINDOW.kept());
      WINDOW.keep(window.values());
      TiledGeoTiff.TileBlocks[] blocks = new TiledGeoTiff.TileBlocks[job.products().size()];
      for (int p = 0; p < blocks.length; p++) {
        RasterProduct product = job.products().get(p);
        Object values;
        try {
          values = product.function().compute(window, raster);
        } catch (RasterException e) {
          throw e; // the function says what is wrong with the raster (e.g. a grid it cannot use)
        } catch (Exception e) {
          throw new RasterException(raster.name() + ": " + product.name() + " failed on " + tile, e);
        }
        try {
          blocks[p] = TiledGeoTiff.writeTile(context, partFile(product), spec(product, raster), tiling, tile,
              values);
        } catch (IllegalArgumentException | ClassCastException e) {
          throw new RasterException(raster.name() + ": " + product.name() + " gave a wrong result on " + tile
              + ": " + e.getMessage(), e);
        }
      }
      return new TileResult(raster, window.validCells(), blocks);
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
      int index = p;
      TiledGeoTiff.assemble(context, RasterJob.outputName(input, product), partFile(product), tiling,
          spec(product, raster), tiles.stream().map(tile -> tile.blocks()[index])
              .toArray(TiledGeoTiff.TileBlocks[]::new));
    }
    return new RasterSummary(raster.width(), raster.height(), tiling.tileCount(), valid,
        raster.crs() == null ? "" : raster.crs().label());
  }

  private GeoTiffSpec spec(RasterProduct product, RasterInfo raster) {
    return new GeoTiffSpec(product.type(), product.nodata(), raster.geoTransform(), raster.crs(), job.write(),
        product.declaresNodata());
  }

  private static String partFile(RasterProduct product) {
    return "product-" + product.name() + ".blocks";
  }

}
