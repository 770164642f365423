package io.geomill.hydrology.job;

import io.geomill.batch.InputFile;
import io.geomill.batch.ItemContext;
import io.geomill.batch.PartsContext;
import io.geomill.batch.PhasedTask;
import io.geomill.hydrology.CellGeometry;
import io.geomill.hydrology.FlowAccumulation;
import io.geomill.hydrology.FlowCodes;
import io.geomill.hydrology.FlowDirectionTile;
import io.geomill.hydrology.InvalidFlowDirectionsException;
import io.geomill.hydrology.Perimeter;
import io.geomill.hydrology.PriorityFlood;
import io.geomill.hydrology.TileGrid;
import io.geomill.hydrology.TiledFill;
import io.geomill.raster.GeoTiffSpec;
import io.geomill.raster.GeoTransform;
import io.geomill.raster.HaloTile;
import io.geomill.raster.RasterException;
import io.geomill.raster.RasterFile;
import io.geomill.raster.RasterInfo;
import io.geomill.raster.RasterJob;
import io.geomill.raster.RasterTiles;
import io.geomill.raster.RasterTiling;
import io.geomill.raster.TiledGeoTiff;
import io.geomill.raster.TiledGeoTiff.TileBlocks;
import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;

/**
 * The hydrology of one input raster. A raster of one tile runs whole in one task with the untiled kernels
 * ({@link #runWhole}); a larger one tile by tile in the phases {@link HydrologyPhases} plans, each tile's task
 * reading only its window (plus a halo) of the input or of the intermediate tiles ({@link TileStore}), so a
 * task's memory follows the tile size. Both ways give the same files, byte for byte.
 */
final class HydrologyTask implements PhasedTask<InputFile, TileResult, HydrologySummary> {
  private static final long serialVersionUID = 1L;

  private final HydrologyOptions options;

  HydrologyTask(HydrologyOptions options) {
    this.options = options;
  }

  @Override
  public long[] partWeights(InputFile input, Configuration conf) throws IOException {
    return RasterTiles.cellsPerTile(input, conf, options.tileSize(), options.write().blockSize());
  }

  @Override
  public PhasedTask.Phases<TileResult> phases(InputFile input, int parts) {
    return new HydrologyPhases(input, options, parts);
  }

  RasterTiling tiling(RasterInfo raster) {
    return RasterTiles.of(raster, options.tileSize(), options.write().blockSize());
  }

  static TileGrid grid(RasterTiling tiling) {
    return new TileGrid(tiling.width(), tiling.height(), tiling.tileSize(), tiling.tileSize());
  }

  @Override
  public TileResult runPart(InputFile input, int part, Serializable step, PartsContext context) throws Exception {
    try (RasterFile file = RasterFile.open(input.uri(), input.relativePath(), context, context.hadoopConf())) {
      RasterInfo raster = file.require(options.read());
      RasterTiling tiling = tiling(raster);
      if (part >= tiling.tileCount()) {
        throw new RasterException(raster.name() + ": changed while the job ran: it has " + tiling.tileCount()
            + " tiles now, not " + (part + 1) + " or more");
      }
      TileGrid grid = grid(tiling);
      RasterTiling.Tile tile = tiling.tile(part);
      try {
        return run(input, raster, file, tiling, grid, tile, (TileStep) step, context);
      } catch (InvalidFlowDirectionsException e) {
        throw new RasterException(raster.name() + ": " + e.getMessage(), e);
      }
    }
  }

  private TileResult run(InputFile input, RasterInfo raster, RasterFile file, RasterTiling tiling, TileGrid grid,
      RasterTiling.Tile tile, TileStep step, PartsContext context) throws IOException {
    int t = tile.index();
    if (step instanceof TileStep.Summarize) {
      HaloTile window = read(file, tile, 1);
      TiledFill.Flooded flooded = TiledFill.flood(grid, t, window);
      TileStore.writeFlooded(context, flooded.levels(), flooded.labels());
      return new TileResult.FillSummarized(flooded.summary(), raster, window.validCells());
    } else if (step instanceof TileStep.EpsilonRound round) {
      HaloTile window = read(file, tile, 1);
      double[] ring = round.ring() != null ? round.ring() : infinite(tile);
      return new TileResult.EpsilonPerimeter(TiledFill.epsilonPerimeter(window, ring), raster,
          window.validCells());
    } else if (step instanceof TileStep.Fill fill) {
      int cells = (int) tile.cells();
      float[] filled = fill.epsilon() ? TiledFill.epsilonFill(read(file, tile, 1), fill.values())
          : TiledFill.fill(TileStore.readLevels(context, t, cells), TileStore.readLabels(context, t, cells),
              fill.values());
      if (options.wants(HydrologyProduct.FLOWDIR) || options.wants(HydrologyProduct.ACCUMULATION)) {
        TileStore.writeFilled(context, filled, tile.width(), tile.height());
      }
      TileBlocks blocks = options.wants(HydrologyProduct.FILLED)
          ? writeTile(context, HydrologyProduct.FILLED, raster, tiling, tile, filledOutput(filled)) : null;
      return new TileResult.Filled(blocks);
    } else if (step instanceof TileStep.Directions d) {
      String key = d.run() + "/" + t;
      FlowDirectionTile directionTile = DirectionTileCache.get(key);
      if (directionTile == null) {
        directionTile = new FlowDirectionTile(TileStore.filledWindow(context, grid, t), geometry(raster));
      }
      if (d.ringLow() != null) {
        directionTile.resolveFlats(d.ringLow(), d.ringHigh());
      }
      if (directionTile.hasFlats() && !d.last()) {
        DirectionTileCache.put(key, directionTile);
        return new TileResult.DirectionsFound(directionTile.perimeterLow(), directionTile.perimeterHigh(), true,
            false, null, null);
      }
      DirectionTileCache.remove(key);
      byte[] directions = directionTile.directions();
      TileBlocks blocks = options.wants(HydrologyProduct.FLOWDIR)
          ? writeTile(context, HydrologyProduct.FLOWDIR, raster, tiling, tile, codes(directions)) : null;
      FlowAccumulation.TileSummary summary = null;
      if (options.wants(HydrologyProduct.ACCUMULATION)) {
        TileStore.writeDirections(context, directions);
        summary = FlowAccumulation.summarize(grid, t, directions, weights(input, raster, tile, context));
      }
      return new TileResult.DirectionsFound(directionTile.perimeterLow(), directionTile.perimeterHigh(),
          directionTile.hasFlats(), true, summary, blocks);
    } else if (step instanceof TileStep.Census) {
      HaloTile window = read(file, tile, 0);
      return new TileResult.Censused(FlowCodes.census(window.values()), raster, window.validCells());
    } else if (step instanceof TileStep.Decode decode) {
      HaloTile window = read(file, tile, 0);
      byte[] directions = decode.codes().decode(window.values(), tile.width(), tile.col0(), tile.row0());
      TileStore.writeDirections(context, directions);
      return new TileResult.Decoded(FlowAccumulation.summarize(grid, t, directions,
          weights(input, raster, tile, context)), raster, window.validCells());
    } else if (step instanceof TileStep.Accumulate a) {
      byte[] directions = TileStore.readDirections(context, t, (int) tile.cells());
      double[] accumulation = FlowAccumulation.accumulate(grid, t, directions,
          weights(input, raster, tile, context), a.inflow());
      return new TileResult.Accumulated(writeTile(context, HydrologyProduct.ACCUMULATION, raster, tiling, tile,
          accumulationOutput(accumulation)));
    }
    throw new IllegalArgumentException("not a hydrology step: " + step);
  }

  /** The whole raster in one task: the untiled kernels, then each product written as one tile. */
  @Override
  public HydrologySummary runWhole(InputFile input, ItemContext context) throws Exception {
    try (RasterFile file = RasterFile.open(input.uri(), input.relativePath(), context, context.hadoopConf())) {
      RasterInfo raster = file.require(options.read());
      RasterTiling tiling = tiling(raster);
      RasterTiling.Tile tile = tiling.tile(0);
      HaloTile whole = read(file, tile, 0);
      long valid = whole.validCells();
      requireValues(raster, valid);
      int w = raster.width();
      int h = raster.height();
      try {
        if (options.directionsInput()) {
          FlowCodes codes = HydrologyPhases.codes(raster, options, FlowCodes.census(whole.values()));
          byte[] directions = codes.decode(whole.values(), w, 0, 0);
          double[] accumulation = FlowAccumulation.accumulate(directions, w, h, weights(input, raster, tile, context));
          writeWhole(context, input, HydrologyProduct.ACCUMULATION, raster, tiling, accumulationOutput(accumulation));
          return summary(raster, tiling, valid, 0, codes);
        }
        float[] filled = PriorityFlood.fill(whole.values(), w, h,
            options.epsilon() ? PriorityFlood.Mode.EPSILON : PriorityFlood.Mode.EXACT);
        if (options.wants(HydrologyProduct.FILLED)) {
          writeWhole(context, input, HydrologyProduct.FILLED, raster, tiling, filledOutput(filled.clone()));
        }
        if (options.wants(HydrologyProduct.FLOWDIR) || options.wants(HydrologyProduct.ACCUMULATION)) {
          byte[] directions = FlowDirectionTile.wholeRaster(filled, w, h, geometry(raster));
          if (options.wants(HydrologyProduct.FLOWDIR)) {
            writeWhole(context, input, HydrologyProduct.FLOWDIR, raster, tiling, codes(directions));
          }
          if (options.wants(HydrologyProduct.ACCUMULATION)) {
            double[] accumulation = FlowAccumulation.accumulate(directions, w, h,
                weights(input, raster, tile, context));
            writeWhole(context, input, HydrologyProduct.ACCUMULATION, raster, tiling, accumulationOutput(accumulation));
          }
        }
        return summary(raster, tiling, valid, 0, options.outputCodes());
      } catch (InvalidFlowDirectionsException e) {
        throw new RasterException(raster.name() + ": " + e.getMessage(), e);
      }
    }
  }

  /** The tiles' blocks into one GeoTIFF per product. */
  @Override
  public HydrologySummary finish(InputFile input, Serializable finishInput, PartsContext context)
      throws IOException {
    HydrologyPhases.Finish done = (HydrologyPhases.Finish) finishInput;
    RasterTiling tiling = tiling(done.raster());
    for (HydrologyProduct product : options.products()) {
      TiledGeoTiff.assemble(context, RasterJob.outputName(input, product.label), product.partFile(), tiling,
          spec(product, done.raster()), done.blocks().get(product));
    }
    return summary(done.raster(), tiling, done.validCells(), done.rounds(), done.codes());
  }

  static void requireValues(RasterInfo raster, long validCells) throws RasterException {
    if (validCells == 0) {
      throw new RasterException(raster.name() + ": every cell is nodata"
          + (raster.nodata() == null ? " (NaN)" : " (" + raster.nodata() + ")") + ": there is nothing to compute");
    }
  }

  private HydrologySummary summary(RasterInfo raster, RasterTiling tiling, long valid, int rounds,
      FlowCodes codes) {
    boolean codesMatter = options.directionsInput() || options.wants(HydrologyProduct.FLOWDIR);
    return new HydrologySummary(raster.width(), raster.height(), tiling.tileCount(), valid,
        raster.crs() == null ? "" : raster.crs().label(), rounds, codesMatter ? codes.name() : "");
  }

  private GeoTiffSpec spec(HydrologyProduct product, RasterInfo raster) {
    return new GeoTiffSpec(product.type, product.nodata, raster.geoTransform(), raster.crs(), options.write());
  }

  private TileBlocks writeTile(ItemContext context, HydrologyProduct product, RasterInfo raster, RasterTiling tiling,
      RasterTiling.Tile tile, Object values) throws IOException {
    return TiledGeoTiff.writeTile(context, product.partFile(), spec(product, raster), tiling, tile, values);
  }

  private void writeWhole(ItemContext context, InputFile input, HydrologyProduct product, RasterInfo raster,
      RasterTiling tiling, Object values) throws IOException {
    TiledGeoTiff.writeWhole(context, RasterJob.outputName(input, product.label), spec(product, raster), tiling,
        values);
  }

  private HaloTile read(RasterFile file, RasterTiling.Tile tile, int halo) throws RasterException {
    return file.read(options.read().bandToRead(), tile.col0(), tile.row0(), tile.width(), tile.height(), halo);
  }

  /** The weights of a tile, or null to count cells; the weight raster must be on the input's grid. */
  private float[] weights(InputFile input, RasterInfo raster, RasterTiling.Tile tile, ItemContext context)
      throws IOException {
    if (options.weights() == null) {
      return null;
    }
    InputFile weights = options.weights();
    try (RasterFile file = RasterFile.open(weights.uri(), weights.relativePath(), context, context.hadoopConf())) {
      RasterInfo info = file.info();
      if (!sameGrid(info, raster)) {
        throw new RasterException(raster.name() + ": the weights " + weights.relativePath() + " are on another"
            + " grid (" + describe(info) + ") than the input (" + describe(raster) + ")");
      }
      if (info.bandCount() != 1) {
        throw new RasterException(raster.name() + ": the weights " + weights.relativePath() + " have "
            + info.bandCount() + " bands; one is expected");
      }
      return file.read(1, tile.col0(), tile.row0(), tile.width(), tile.height(), 0).values();
    }
  }

  /**
   * Same size, and cells in the same places: origins within a millionth of a cell, cell sizes within a
   * billionth (GeoTIFF writers round the geotransform differently in its last digits).
   */
  static boolean sameGrid(RasterInfo a, RasterInfo b) {
    if (a.width() != b.width() || a.height() != b.height()) {
      return false;
    }
    GeoTransform g = a.geoTransform();
    GeoTransform h = b.geoTransform();
    double cell = Math.min(g.cellSizeX(), g.cellSizeY());
    double[] x = g.toArray();
    double[] y = h.toArray();
    for (int i = 0; i < x.length; i++) {
      boolean size = i == 1 || i == 5;
      if (Math.abs(x[i] - y[i]) > (size ? 1e-9 * Math.abs(x[i]) : 1e-6 * cell)) {
        return false;
      }
    }
    return true;
  }

  private static String describe(RasterInfo raster) {
    GeoTransform g = raster.geoTransform();
    return raster.width() + " x " + raster.height() + " cells, geotransform " + Arrays.toString(g.toArray());
  }

  /** Ground distances between cell centres: projected units, or metres by latitude for geographic rasters. */
  static CellGeometry geometry(RasterInfo raster) throws RasterException {
    GeoTransform g = raster.geoTransform();
    if (g.isRotated()) {
      throw new RasterException(raster.name() + ": its grid is rotated (" + Arrays.toString(g.toArray())
          + "); flow directions need a north-up grid");
    }
    return raster.geographic() ? CellGeometry.geographic(g.originY(), g.cellSizeX(), g.cellSizeY())
        : CellGeometry.projected(g.cellSizeX(), g.cellSizeY());
  }

  private static double[] infinite(RasterTiling.Tile tile) {
    double[] ring = new double[Perimeter.size(tile.width() + 2, tile.height() + 2)];
    Arrays.fill(ring, Double.POSITIVE_INFINITY);
    return ring;
  }

  private static float[] filledOutput(float[] filled) {
    float nodata = (float) HydrologyProduct.FILLED.nodata;
    for (int i = 0; i < filled.length; i++) {
      if (Float.isNaN(filled[i])) {
        filled[i] = nodata;
      }
    }
    return filled;
  }

  private byte[] codes(byte[] directions) {
    FlowCodes codes = options.outputCodes();
    int nodata = (int) HydrologyProduct.FLOWDIR.nodata;
    byte[] out = new byte[directions.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) codes.code(directions[i], nodata);
    }
    return out;
  }

  private static double[] accumulationOutput(double[] accumulation) {
    for (int i = 0; i < accumulation.length; i++) {
      if (Double.isNaN(accumulation[i])) {
        accumulation[i] = HydrologyProduct.ACCUMULATION.nodata;
      }
    }
    return accumulation;
  }

}
