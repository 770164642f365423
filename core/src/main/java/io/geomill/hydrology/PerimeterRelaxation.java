package io.geomill.hydrology;

import java.util.Arrays;

/**
 * Relaxation rounds over {@link PerimeterField}s, the driver's side of the tiled algorithms that are not one
 * pass (flats in flow directions, the epsilon fill): every round runs the tiles whose ring changed (all of them
 * in the first round) on the fields as they stood at the round's start, gathers their new perimeters, and ends
 * when a round changes none. Values only fall from round to round, so the fixpoint is the global answer
 * (Bellman-Ford across tiles). {@link TiledDriver} runs the tiles in memory; a cluster runs each round as a map
 * over the tiles, this object staying on the driver.
 */
public final class PerimeterRelaxation {
  private final TileGrid grid;
  private PerimeterField[] fields;
  private PerimeterField[] next;
  private boolean[] dirty;
  private boolean[] changed;
  private int rounds;

  /** {@code count} fields, all {@code initial}; every tile is due in the first round. */
  public PerimeterRelaxation(TileGrid grid, int count, double initial) {
    this.grid = grid;
    fields = new PerimeterField[count];
    for (int k = 0; k < count; k++) {
      fields[k] = new PerimeterField(grid, initial);
    }
    dirty = new boolean[grid.tileCount()];
    Arrays.fill(dirty, true);
    startRound();
  }

  private void startRound() {
    rounds++;
    next = new PerimeterField[fields.length];
    for (int k = 0; k < fields.length; k++) {
      next[k] = fields[k].copy();
    }
    changed = new boolean[grid.tileCount()];
  }

  /** Whether tile {@code tile} is due in this round (its ring changed in the last one). */
  public boolean due(int tile) {
    return dirty[tile];
  }

  /** The rings of tile {@code tile}, one per field, as they stood at the start of this round. */
  public double[][] rings(int tile) {
    double[][] rings = new double[fields.length][];
    for (int k = 0; k < fields.length; k++) {
      rings[k] = fields[k].ring(tile);
    }
    return rings;
  }

  /** A tile's new perimeter values in this round, one array per field. */
  public void update(int tile, double[][] perimeters) {
    for (int k = 0; k < fields.length; k++) {
      if (!Arrays.equals(perimeters[k], fields[k].perimeter(tile))) {
        changed[tile] = true;
        next[k].set(tile, perimeters[k]);
      }
    }
  }

  /** Ends the round; returns whether another is needed (some tile's ring changed), and if so starts it. */
  public boolean endRound() {
    fields = next;
    boolean any = false;
    Arrays.fill(dirty, false);
    for (int t = 0; t < dirty.length; t++) {
      if (changed[t]) {
        for (int u : PerimeterField.neighbours(grid, t)) {
          dirty[u] = true;
          any = true;
        }
      }
    }
    if (any) {
      startRound();
    }
    return any;
  }

  /** The rounds run so far (the current one included). */
  public int rounds() {
    return rounds;
  }

  /** Field {@code k} (after the last round: the converged values). */
  public PerimeterField field(int k) {
    return fields[k];
  }
}
