package io.geomill.reproject;

import io.geomill.batch.InputFile;
import io.geomill.batch.ItemContext;
import io.geomill.batch.PartedTask;
import io.geomill.batch.PartsContext;
import io.geomill.raster.GeoTiffSpec;
import io.geomill.raster.HaloTile;
import io.geomill.raster.RasterException;
import io.geomill.raster.RasterFile;
import io.geomill.raster.RasterFormat;
import io.geomill.raster.RasterInfo;
import io.geomill.raster.RasterSummary;
import io.geomill.raster.RasterTiling;
import io.geomill.raster.ThreadReuse;
import io.geomill.raster.TiledGeoTiff;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * A {@link Reprojection} of one input, in parts: a part is a tile of the target grid. It maps its cells to the
 * source (GDAL's approximate transformer over whole target rows), reads the source window those positions and the
 * kernel reach (nothing else of the source), resamples, and writes its blocks ({@link TiledGeoTiff#writeTile});
 * the finish assembles the GeoTIFF.
 */
final class ReprojectTask implements PartedTask<InputFile, ReprojectTask.TileResult, RasterSummary> {
  private static final long serialVersionUID = 1L;
  private static final String PART_FILE = "reprojected.blocks";

  /**
   * The window and the cells of the tile a task thread computed last, reused for its next: allocated afresh, a
   * 2048-cell tile's 35 MB of Float32 arrays cost about 1.2 s of collection pauses over the 10k x 10k DEM.
   */
  private static final ThreadReuse<Buffers> BUFFERS = new ThreadReuse<>();

  private static final class Buffers {
    float[] window;
    Object cells;
  }

  private final Reprojection job;

  ReprojectTask(Reprojection job) {
    this.job = job;
  }

  /**
   * @param plan       the input's plan (the same from every tile)
   * @param validCells the tile's cells that got a value
   * @param blocks     where the tile's encoded blocks went
   */
  record TileResult(WarpPlan plan, long validCells, TiledGeoTiff.TileBlocks blocks) implements Serializable {}

  /** The target tiles' cells, from the source's header and the plan (an ASCII grid is one part). */
  @Override
  public long[] partWeights(InputFile input, Configuration conf) throws IOException {
    if (RasterFormat.ofName(input.name()) != RasterFormat.GEOTIFF) {
      return new long[] {Math.max(1, input.size())};
    }
    try (RasterFile file = RasterFile.open(input.uri(), input.relativePath(), uri -> {
      throw new IOException("no local copies on the driver");
    }, conf)) {
      RasterTiling tiling = WarpPlan.of(file.require(job.read()), job).tiling();
      long[] weights = new long[tiling.tileCount()];
      for (int t = 0; t < weights.length; t++) {
        weights[t] = tiling.tile(t).cells();
      }
      return weights;
    }
  }

  @Override
  public TileResult runPart(InputFile input, int part, ItemContext context) throws Exception {
    try (RasterFile file = RasterFile.open(input.uri(), input.relativePath(), context, context.hadoopConf())) {
      RasterInfo source = file.require(job.read());
      WarpPlan plan = WarpPlan.of(source, job);
      RasterTiling tiling = plan.tiling();
      if (part >= tiling.tileCount()) {
        throw new RasterException(source.name() + ": changed while the job ran: its target grid has "
            + tiling.tileCount() + " tiles now, not " + (part + 1) + " or more");
      }
      RasterTiling.Tile tile = tiling.tile(part);
      Buffers buffers = BUFFERS.kept();
      if (buffers == null) {
        buffers = new Buffers();
        BUFFERS.keep(buffers);
      }
      OutputCells cells = new OutputCells(plan.type(), (int) tile.cells(), plan.nodata(), buffers.cells);
      buffers.cells = cells.values();
      long valid = new TileWarp(plan, tile).compute(file, job.read().bandToRead(), cells, buffers);
      return new TileResult(plan, valid,
          TiledGeoTiff.writeTile(context, PART_FILE, spec(plan), tiling, tile, cells.values()));
    }
  }

  @Override
  public RasterSummary finish(InputFile input, List<TileResult> tiles, PartsContext context) throws Exception {
    WarpPlan plan = tiles.get(0).plan();
    RasterTiling tiling = plan.tiling();
    if (tiles.size() != tiling.tileCount()) {
      throw new RasterException(plan.source().name() + ": changed while the job ran: " + tiles.size()
          + " tiles were computed, its target grid has " + tiling.tileCount() + " now");
    }
    long valid = tiles.stream().mapToLong(TileResult::validCells).sum();
    TiledGeoTiff.assemble(context, Reprojection.outputName(input), PART_FILE, tiling, spec(plan),
        tiles.stream().map(TileResult::blocks).toArray(TiledGeoTiff.TileBlocks[]::new));
    return new RasterSummary(plan.grid().width(), plan.grid().height(), tiling.tileCount(), valid,
        plan.grid().crs().label());
  }

  private GeoTiffSpec spec(WarpPlan plan) {
    return new GeoTiffSpec(plan.type(), plan.nodata(), plan.grid().geoTransform(), plan.grid().crs(), job.write(),
        true);
  }

  /**
   * One target tile: the extent of its cells' source positions (for the window), the window, then the positions
   * again row by row to resample.
   */
  static final class TileWarp {
    private final WarpPlan plan;
    private final RasterTiling.Tile tile;
    private final RowApproximation rows;
    private final double[] x;
    private final double[] y;
    private final boolean[] ok;
    private final double[] values;
    private final int width;
    private final int height;

    TileWarp(WarpPlan plan, RasterTiling.Tile tile) throws WarpException {
      this.plan = plan;
      this.tile = tile;
      this.rows = new RowApproximation(plan.transform(), plan.grid().geoTransform().toArray(), plan.grid().width());
      this.x = new double[tile.width()];
      this.y = new double[tile.width()];
      this.ok = new boolean[tile.width()];
      this.values = new double[tile.width()];
      this.width = plan.source().width();
      this.height = plan.source().height();
    }

    /** Fills {@code cells} and returns how many got a value. */
    long compute(RasterFile file, int band, OutputCells cells, Buffers buffers) throws RasterException {
      int[] window = window();
      if (window == null) {
        return 0;
      }
      int columns = window[2] - window[0] + 1;
      int lines = window[3] - window[1] + 1;
      if (buffers.window == null || buffers.window.length < (long) columns * lines) {
        // with room for the next tiles' windows, which differ from this one's by their rotation and scale
        buffers.window = new float[(int) Math.min(Integer.MAX_VALUE - 8, columns * (long) lines * 5 / 4)];
      }
      HaloTile source = file.read(band, window[0], window[1], columns, lines, 0, buffers.window);
      WarpKernel kernel = plan.kernel();
      long valid = 0;
      for (int r = 0; r < tile.height(); r++) {
        rows.row(tile.row0() + r, tile.col0(), tile.width(), x, y, ok);
        valid += kernel.resampleRow(source, x, y, ok, tile.width(), values);
        cells.setRow(r * tile.width(), values, tile.width());
      }
      return valid;
    }

    /** Columns and rows (first, last) of the source cells the tile's valid positions and the kernel reach. */
    int[] window() {
      SourceExtent extent = new SourceExtent(width, height);
      for (int r = 0; r < tile.height(); r++) {
        rows.extent(tile.row0() + r, tile.col0(), tile.width(), extent);
      }
      if (extent.isEmpty()) {
        return null;
      }
      int before = plan.kernel().reachBefore() + 1;
      int after = plan.kernel().reachAfter() + 1;
      return new int[] {Math.max(0, (int) Math.floor(extent.minX) - before),
          Math.max(0, (int) Math.floor(extent.minY) - before),
          Math.min(width - 1, (int) Math.floor(extent.maxX) + after),
          Math.min(height - 1, (int) Math.floor(extent.maxY) + after)};
    }
  }
}
