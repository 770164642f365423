package io.geomill.hydrology;

import java.util.Collection;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import java.util.function.ToIntFunction;

/** What the perimeter solvers do first with the summaries collected from the tiles. */
final class TileSummaries {
  private TileSummaries() {}

  /** The summaries indexed by tile; every tile of the grid must have one. */
  static <S> S[] byTile(TileGrid grid, Collection<S> summaries, ToIntFunction<S> tileOf, IntFunction<S[]> array) {
    S[] byTile = array.apply(grid.tileCount());
    for (S s : summaries) {
      byTile[tileOf.applyAsInt(s)] = s;
    }
    for (int t = 0; t < byTile.length; t++) {
      if (byTile[t] == null) {
        throw new IllegalArgumentException("no summary for tile " + t + " of " + byTile.length);
      }
    }
    return byTile;
  }

  /** Graph node numbers: tile t's nodes are {@code base[t]} to {@code base[t + 1] - 1}. */
  static int[] nodeBases(int tiles, IntUnaryOperator nodesOfTile) {
    int[] base = new int[tiles + 1];
    for (int t = 0; t < tiles; t++) {
      base[t + 1] = base[t] + nodesOfTile.applyAsInt(t);
    }
    return base;
  }
}
