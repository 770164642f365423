package io.geomill.hydrology;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the tiled algorithms over a raster held in memory, cut into the tiles of a {@link TileGrid}, phase by
 * phase exactly as a cluster runs them: every per-tile phase sees only its tile's window (plus a halo), and
 * everything that crosses tiles goes through the small summaries and {@link PerimeterField}s the driver
 * solves. It is the reference a distributed composition must match, and what the tests compare with the
 * untiled kernels.
 */
public final class TiledDriver {
  private final TileGrid grid;
  private int lastRounds;

  public TiledDriver(TileGrid grid) {
    this.grid = grid;
  }

  /** How many relaxation rounds the last epsilon fill or flow-direction run took (0 for the others). */
  public int lastRounds() {
    return lastRounds;
  }

  /** The tiled fill; equal to {@link PriorityFlood#fill} of the whole raster. */
  public float[] fill(InMemoryRaster dem, PriorityFlood.Mode mode) {
    requireSize(dem);
    lastRounds = 0;
    float[] out = new float[dem.values().length];
    if (mode == PriorityFlood.Mode.EXACT) {
      List<TiledFill.Flooded> floods = new ArrayList<>();
      for (int t = 0; t < grid.tileCount(); t++) {
        floods.add(TiledFill.flood(grid, t, dem.tile(grid, t, 1)));
      }
      PerimeterField filled = TiledFill.solve(grid, floods.stream().map(TiledFill.Flooded::summary).toList());
      for (int t = 0; t < grid.tileCount(); t++) {
        TiledFill.Flooded flood = floods.get(t);
        paste(TiledFill.fill(flood.levels(), flood.labels(), filled.perimeter(t)), t, out);
      }
      return out;
    }
    PerimeterField epsilon = relax(1,
        (t, rings) -> new double[][] {TiledFill.epsilonPerimeter(dem.tile(grid, t, 1), rings[0])})[0];
    for (int t = 0; t < grid.tileCount(); t++) {
      paste(TiledFill.epsilonFill(dem.tile(grid, t, 1), epsilon.ring(t)), t, out);
    }
    return out;
  }

  /** One relaxation round of one tile: its new perimeter values, one array per field, from its rings. */
  @FunctionalInterface
  interface Round {
    double[][] perimeters(int tile, double[][] rings);
  }

  /** Relaxation rounds until no perimeter value changes, as a cluster runs them (see PerimeterRelaxation). */
  private PerimeterField[] relax(int count, Round round) {
    PerimeterRelaxation relaxation = new PerimeterRelaxation(grid, count, Double.POSITIVE_INFINITY);
    do {
      for (int t = 0; t < grid.tileCount(); t++) {
        if (relaxation.due(t)) {
          relaxation.update(t, round.perimeters(t, relaxation.rings(t)));
        }
      }
    } while (relaxation.endRound());
    lastRounds = relaxation.rounds();
    PerimeterField[] fields = new PerimeterField[count];
    for (int k = 0; k < count; k++) {
      fields[k] = relaxation.field(k);
    }
    return fields;
  }

  /**
   * The tiled flow directions of a filled DEM; equal to {@link FlowDirectionTile#wholeRaster}. Flats that
   * cross tile edges take relaxation rounds ({@link #lastRounds}).
   */
  public byte[] flowDirections(InMemoryRaster filled, CellGeometry geometry) {
    requireSize(filled);
    // The tiles stay in memory between rounds (a cluster would cache them): only their flats are re-measured.
    FlowDirectionTile[] tiles = new FlowDirectionTile[grid.tileCount()];
    for (int t = 0; t < tiles.length; t++) {
      tiles[t] = new FlowDirectionTile(filled.tile(grid, t, 2), geometry);
    }
    PerimeterField[] distances = relax(2, (t, rings) -> {
          FlowDirectionTile tile = tiles[t].resolveFlats(rings[0], rings[1]);
          return new double[][] {tile.perimeterLow(), tile.perimeterHigh()};
        });
    byte[] out = new byte[filled.values().length];
    for (int t = 0; t < tiles.length; t++) {
      paste(tiles[t].resolveFlats(distances[0].ring(t), distances[1].ring(t)).directions(), t, out);
    }
    return out;
  }

  /**
   * The tiled accumulation of a whole raster's directions (weights null to count cells); equal to
   * {@link FlowAccumulation#accumulate}.
   */
  public double[] accumulation(byte[] directions, float[] weights) {
    lastRounds = 0;
    List<FlowAccumulation.TileSummary> summaries = new ArrayList<>();
    for (int t = 0; t < grid.tileCount(); t++) {
      summaries.add(FlowAccumulation.summarize(grid, t, window(directions, t), window(weights, t)));
    }
    PerimeterField inflow = FlowAccumulation.solve(grid, summaries);
    double[] out = new double[directions.length];
    for (int t = 0; t < grid.tileCount(); t++) {
      paste(FlowAccumulation.accumulate(grid, t, window(directions, t), window(weights, t), inflow.perimeter(t)),
          t, out);
    }
    return out;
  }

  private byte[] window(byte[] raster, int tile) {
    byte[] out = new byte[grid.width(tile) * grid.height(tile)];
    cut(raster, tile, out);
    return out;
  }

  private float[] window(float[] raster, int tile) {
    if (raster == null) {
      return null;
    }
    float[] out = new float[grid.width(tile) * grid.height(tile)];
    cut(raster, tile, out);
    return out;
  }

  private void cut(Object raster, int tile, Object window) {
    int w = grid.width(tile);
    for (int r = 0; r < grid.height(tile); r++) {
      System.arraycopy(raster, (grid.row0(tile) + r) * grid.rasterWidth() + grid.col0(tile), window, r * w, w);
    }
  }

  private void paste(Object window, int tile, Object into) {
    int w = grid.width(tile);
    for (int r = 0; r < grid.height(tile); r++) {
      System.arraycopy(window, r * w, into, (grid.row0(tile) + r) * grid.rasterWidth() + grid.col0(tile), w);
    }
  }

  private void requireSize(InMemoryRaster raster) {
    if (raster.width() != grid.rasterWidth() || raster.height() != grid.rasterHeight()) {
      throw new IllegalArgumentException("the raster is " + raster.width() + " x " + raster.height()
          + ", the tile grid is for " + grid.rasterWidth() + " x " + grid.rasterHeight());
    }
  }
}
