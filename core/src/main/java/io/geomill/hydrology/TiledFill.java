package io.geomill.hydrology;

import io.geomill.raster.HaloTile;
import java.util.Collection;

/**
 * Depression filling of a raster cut into tiles, exactly equal to {@link PriorityFlood#fill} of the whole
 * raster: Barnes (2016), "Parallel Priority-Flood depression filling for trillion cell digital elevation
 * models on desktops or clusters".
 *
 * <ol>
 *   <li>{@link #summarize} (per tile): Priority-Flood seeded with every perimeter cell of the tile, each
 *       its own watershed label, plus the tile's true outlets (raster edge, next to nodata) as one more label;
 *       the summary keeps the perimeter elevations and, for each pair of touching labels, the lowest spill
 *       elevation between them. Its size follows the tile's perimeter.</li>
 *   <li>{@link #solve} (once, on the driver): a graph of all perimeter cells, joined by those spills and by
 *       {@code max(z_a, z_b)} between touching perimeter cells of neighbouring tiles; a minimax Dijkstra from
 *       the outlets gives each perimeter cell its filled elevation.</li>
 *   <li>{@link #fill} (per tile): Priority-Flood of the tile seeded with its perimeter at those elevations.</li>
 * </ol>
 * Why it is exact: a cell's filled value is the lowest, over its paths to an outlet, of the highest
 * elevation on the path. Such a path leaves the tile through a perimeter cell whose own filled value the
 * solve gets right (the spill graph keeps every minimax value between perimeter cells), so flooding the tile
 * from its perimeter at those values gives every inner cell its global value, whatever the tile size.
 *
 * <p>Epsilon filling ({@link PriorityFlood.Mode#EPSILON}) has no such compact summary (a flat's increments
 * grow with its length, so they do not compose by max). It is made exact by rounds instead, as shortest
 * paths are by Bellman-Ford: {@link #epsilonPerimeter} floods a tile seeded with its true outlets and, on its
 * perimeter, one ulp above the lowest neighbouring cell of the other tiles, whose values come from the
 * previous round ({@link PerimeterField#ring}; +infinity before the first). The perimeter values only fall,
 * never below the epsilon solution of the whole raster; after round k they are right for every cell whose
 * best path to an outlet crosses fewer than k tile edges, and when a round changes none they are the unique
 * solution. {@link #epsilonFill} then gives the tile.
 */
public final class TiledFill {
  private TiledFill() {}

  /**
   * Phase 1 of one tile.
   *
   * @param perimeterDem     the elevation of each perimeter cell, NaN for nodata
   * @param perimeterOutlet  whether each perimeter cell is a true outlet (raster edge or next to nodata)
   * @param spillFrom        labels of the spill pairs: 0..P-1 a perimeter cell, P the tile's inner outlets
   */
  public record TileSummary(int tile, float[] perimeterDem, boolean[] perimeterOutlet, int[] spillFrom,
      int[] spillTo, float[] spillZ) implements java.io.Serializable {}

  /** Phase 1: the spill graph of tile {@code tile} of {@code grid}, from its window with a halo of >= 1. */
  public static TileSummary summarize(TileGrid grid, int tile, HaloTile window) {
    requireWindow(grid, tile, window);
    Flood flood = new Flood(window, false);
    int w = window.width();
    int h = window.height();
    int perimeter = Perimeter.size(w, h);
    float[] dem = new float[perimeter];
    boolean[] outlet = new boolean[perimeter];
    int[] labels = new int[flood.z.length];
    for (int p = 0; p < perimeter; p++) {
      int i = flood.index(Perimeter.x(p, w, h), Perimeter.y(p, w, h));
      dem[p] = flood.z[i];
      if (flood.valid(i)) {
        outlet[p] = flood.isOutlet(i);
        labels[i] = p;
        flood.fix(i, flood.z[i]);
      }
    }
    for (int y = 1; y < h - 1; y++) {
      for (int x = 1; x < w - 1; x++) {
        int i = flood.index(x, y);
        if (flood.state[i] == Flood.OPEN && flood.isOutlet(i)) {
          labels[i] = perimeter;
          flood.fix(i, flood.z[i]);
        }
      }
    }
    SpillEdges spills = new SpillEdges();
    flood.label(labels, spills);
    flood.run();
    int[] from = new int[spills.size()];
    int[] to = new int[spills.size()];
    float[] z = new float[spills.size()];
    spills.export(from, to, z);
    return new TileSummary(tile, dem, outlet, from, to, z);
  }

  /**
   * The perimeter problem, solved once: the filled elevation of every perimeter cell of every tile (NaN for
   * nodata). Needs the summaries of all tiles.
   */
  public static PerimeterField solve(TileGrid grid, Collection<TileSummary> summaries) {
    int tiles = grid.tileCount();
    TileSummary[] byTile = TileSummaries.byTile(grid, summaries, TileSummary::tile, TileSummary[]::new);
    // One node per perimeter cell, and one for the tile's inner outlets.
    int[] base = TileSummaries.nodeBases(tiles, t -> byTile[t].perimeterDem().length + 1);
    int outletNode = base[tiles];
    EdgeList edges = new EdgeList(outletNode + 1);
    for (int t = 0; t < tiles; t++) {
      TileSummary s = byTile[t];
      int perimeter = s.perimeterDem().length;
      edges.add(base[t] + perimeter, outletNode, Float.NEGATIVE_INFINITY);
      for (int e = 0; e < s.spillFrom().length; e++) {
        edges.add(base[t] + s.spillFrom()[e], base[t] + s.spillTo()[e], s.spillZ()[e]);
      }
      int w = grid.width(t);
      int h = grid.height(t);
      for (int p = 0; p < perimeter; p++) {
        float zp = s.perimeterDem()[p];
        if (Float.isNaN(zp)) {
          continue;
        }
        if (s.perimeterOutlet()[p]) {
          edges.add(base[t] + p, outletNode, Float.NEGATIVE_INFINITY);
        }
        int col = grid.col0(t) + Perimeter.x(p, w, h);
        int row = grid.row0(t) + Perimeter.y(p, w, h);
        for (int d = 0; d < 8; d++) {
          int c = col + D8.DX[d];
          int r = row + D8.DY[d];
          if (!grid.inside(c, r) || grid.tileOf(c, r) == t) {
            continue;
          }
          int u = grid.tileOf(c, r);
          int q = grid.perimeterIndexOf(c, r);
          float zq = byTile[u].perimeterDem()[q];
          if (!Float.isNaN(zq)) {
            edges.addDirected(base[t] + p, base[u] + q, Math.max(zp, zq));
          }
        }
      }
    }
    float[] level = edges.minimaxFrom(outletNode);
    PerimeterField filled = new PerimeterField(grid, Double.NaN);
    for (int t = 0; t < tiles; t++) {
      float[] dem = byTile[t].perimeterDem();
      double[] values = filled.perimeter(t);
      for (int p = 0; p < dem.length; p++) {
        values[p] = Float.isNaN(dem[p]) ? Double.NaN : Math.max(dem[p], level[base[t] + p]);
      }
    }
    return filled;
  }

  /** Phase 2: the filled tile (width x height, NaN for nodata), from {@link #solve}'s perimeter values. */
  public static float[] fill(HaloTile window, double[] perimeterFilled) {
    Flood flood = new Flood(window, false);
    int w = window.width();
    int h = window.height();
    for (int p = 0; p < perimeterFilled.length; p++) {
      int i = flood.index(Perimeter.x(p, w, h), Perimeter.y(p, w, h));
      if (flood.valid(i)) {
        flood.fix(i, (float) perimeterFilled[p]);
      }
    }
    flood.seedOutlets();
    flood.run();
    return flood.window();
  }

  /**
   * One epsilon round of a tile: its perimeter values given the current values of the ring of cells around
   * it (the neighbouring tiles' perimeters, {@link PerimeterField#ring}).
   */
  public static double[] epsilonPerimeter(HaloTile window, double[] ring) {
    Flood flood = epsilonFlood(window, ring);
    int w = window.width();
    int h = window.height();
    double[] out = new double[Perimeter.size(w, h)];
    for (int p = 0; p < out.length; p++) {
      int i = flood.index(Perimeter.x(p, w, h), Perimeter.y(p, w, h));
      // A cell the flood never reached has no path to an outlet known yet: no bound for its neighbours.
      out[p] = flood.state[i] == Flood.OPEN ? Double.POSITIVE_INFINITY : flood.z[i];
    }
    return out;
  }

  /** The epsilon-filled tile, once the rounds have converged. */
  public static float[] epsilonFill(HaloTile window, double[] ring) {
    return epsilonFlood(window, ring).window();
  }

  private static Flood epsilonFlood(HaloTile window, double[] ring) {
    Flood flood = new Flood(window, true);
    flood.seedOutlets();
    int w = window.width();
    int h = window.height();
    for (int p = 0; p < Perimeter.size(w, h); p++) {
      int x = Perimeter.x(p, w, h);
      int y = Perimeter.y(p, w, h);
      int i = flood.index(x, y);
      if (flood.state[i] != Flood.OPEN) {
        continue;
      }
      float lowest = Float.POSITIVE_INFINITY;
      for (int d = 0; d < 8; d++) {
        int nx = x + D8.DX[d];
        int ny = y + D8.DY[d];
        if (nx < 0 || ny < 0 || nx >= w || ny >= h) {
          double outside = ring[Perimeter.ringIndex(nx, ny, w, h)];
          if (outside < lowest) {
            lowest = (float) outside;
          }
        }
      }
      if (lowest != Float.POSITIVE_INFINITY) {
        flood.bound(i, Math.max(flood.z[i], Math.nextUp(lowest)));
      }
    }
    flood.run();
    return flood;
  }

  private static void requireWindow(TileGrid grid, int tile, HaloTile window) {
    if (window.col0() != grid.col0(tile) || window.row0() != grid.row0(tile) || window.width() != grid.width(tile)
        || window.height() != grid.height(tile)) {
      throw new IllegalArgumentException("the window at column " + window.col0() + ", row " + window.row0()
          + " (" + window.width() + " x " + window.height() + ") is not tile " + tile + " of " + grid);
    }
  }
}
