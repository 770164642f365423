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
      List<TiledFill.TileSummary> summaries = new ArrayList<>();
      for (int t = 0; t < grid.tileCount(); t++) {
        summaries.add(TiledFill.summarize(grid, t, dem.tile(grid, t, 1)));
      }
      PerimeterField filled = TiledFill.solve(grid, summaries);
      for (int t = 0; t < grid.tileCount(); t++) {
        paste(TiledFill.fill(dem.tile(grid, t, 1), filled.perimeter(t)), t, out);
      }
      return out;
    }
    PerimeterField epsilon = relax(new PerimeterField[] {new PerimeterField(grid, Double.POSITIVE_INFINITY)},
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

  /**
   * Relaxation rounds until no perimeter value changes, as a cluster runs them: every round maps the tiles
   * whose ring changed (all tiles in the first round) over the previous round's fields, then the driver
   * gathers the new perimeters.
   */
  private PerimeterField[] relax(PerimeterField[] start, Round round) {
    int tiles = grid.tileCount();
    PerimeterField[] fields = start;
    boolean[] dirty = new boolean[tiles];
    java.util.Arrays.fill(dirty, true);
    int rounds = 0;
    boolean any = true;
    while (any) {
      rounds++;
      PerimeterField[] next = new PerimeterField[fields.length];
      for (int k = 0; k < fields.length; k++) {
        next[k] = fields[k].copy();
      }
      boolean[] changed = new boolean[tiles];
      for (int t = 0; t < tiles; t++) {
        if (!dirty[t]) {
          continue;
        }
        double[][] rings = new double[fields.length][];
        for (int k = 0; k < fields.length; k++) {
          rings[k] = fields[k].ring(t);
        }
        double[][] out = round.perimeters(t, rings);
        for (int k = 0; k < fields.length; k++) {
          if (!java.util.Arrays.equals(out[k], fields[k].perimeter(t))) {
            changed[t] = true;
            next[k].set(t, out[k]);
          }
        }
      }
      fields = next;
      java.util.Arrays.fill(dirty, false);
      any = false;
      for (int t = 0; t < tiles; t++) {
        if (changed[t]) {
          for (int u : PerimeterField.neighbours(grid, t)) {
            dirty[u] = true;
            any = true;
          }
        }
      }
    }
    lastRounds = rounds;
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
    PerimeterField[] distances = relax(
        new PerimeterField[] {new PerimeterField(grid, Double.POSITIVE_INFINITY),
            new PerimeterField(grid, Double.POSITIVE_INFINITY)},
        (t, rings) -> {
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
