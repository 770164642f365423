package io.geomill.hydrology;

import java.util.Collection;
import java.util.Locale;

/**
 * D8 flow accumulation: each valid cell's weight (1 when counting cells, so a cell counts itself) plus the
 * accumulation of every cell that drains into it. A cell whose direction leaves the raster, points to a
 * nodata cell, or is a {@link D8#SINK} is an outlet: the flow ends there. A nodata weight counts 0. Values
 * are doubles (exact for cell counts up to 2^53); nodata cells get NaN. Directions that form a cycle are an
 * {@link InvalidFlowDirectionsException} naming a cell of the cycle, never a hang.
 *
 * <p>Tiled, exactly (Barnes 2017, "Parallel non-divergent flow accumulation for trillion cell digital
 * elevation models on desktops or clusters"):
 * <ol>
 *   <li>{@link #summarize} (per tile): the tile's own accumulation, and for each perimeter cell its link,
 *       the next perimeter cell its flow reaches inside the tile (or that it leaves the tile, or ends);</li>
 *   <li>{@link #solve} (once): the perimeter cells of all tiles form a graph (links inside tiles, directions
 *       across tile edges); in topological order each perimeter cell's accumulation is its local one plus
 *       what enters its tile upstream of it, which gives the inflow each tile receives at each perimeter
 *       cell from its neighbours;</li>
 *   <li>{@link #accumulate} (per tile): the tile's accumulation with those inflows added where they enter.</li>
 * </ol>
 * Cell counts are sums of integers, so tiled and untiled agree bit for bit. Weighted sums are rounded
 * doubles whose result can depend on the order of additions: tiled and untiled agree bit for bit when every
 * partial sum is exact (integer weights, as counts), and otherwise to within double rounding.
 */
public final class FlowAccumulation {
  static final int TERMINAL = -1;
  static final int CROSSES = -2;
  /** Perimeter links: another perimeter cell's index, or these. */
  public static final int LINK_LEAVES_TILE = -1;
  public static final int LINK_ENDS = -2;

  private FlowAccumulation() {}

  /** The accumulation of a whole raster (row-major directions; weights null to count cells). */
  public static double[] accumulate(byte[] directions, int width, int height, float[] weights) {
    TileGrid grid = TileGrid.whole(width, height);
    return new TileRun(grid, 0, directions, weights, null).accumulation;
  }

  /**
   * Phase 1 of one tile.
   *
   * @param perimeterDirection the direction of each perimeter cell
   * @param perimeterLink      where each perimeter cell's flow goes next inside the tile: another perimeter
   *                           cell, {@link #LINK_LEAVES_TILE} or {@link #LINK_ENDS} (unused for nodata)
   * @param perimeterLocal     each perimeter cell's accumulation from its own tile only
   */
  public record TileSummary(int tile, byte[] perimeterDirection, int[] perimeterLink, double[] perimeterLocal)
      implements java.io.Serializable {}

  /** Phase 1: tile {@code tile}'s directions (its window, row-major) and weights (null to count cells). */
  public static TileSummary summarize(TileGrid grid, int tile, byte[] directions, float[] weights) {
    return new TileRun(grid, tile, directions, weights, null).summary();
  }

  /** The perimeter problem, solved once: the inflow every perimeter cell receives from other tiles. */
  public static PerimeterField solve(TileGrid grid, Collection<TileSummary> summaries) {
    int tiles = grid.tileCount();
    TileSummary[] byTile = TileSummaries.byTile(grid, summaries, TileSummary::tile, TileSummary[]::new);
    int[] base = TileSummaries.nodeBases(tiles, t -> byTile[t].perimeterDirection().length);
    int nodes = base[tiles];
    int[] next = new int[nodes];
    boolean[] crosses = new boolean[nodes];
    boolean[] valid = new boolean[nodes];
    double[] local = new double[nodes];
    for (int t = 0; t < tiles; t++) {
      TileSummary s = byTile[t];
      int w = grid.width(t);
      int h = grid.height(t);
      for (int p = 0; p < s.perimeterDirection().length; p++) {
        int v = base[t] + p;
        byte d = s.perimeterDirection()[p];
        next[v] = -1;
        valid[v] = d != D8.NODATA;
        local[v] = s.perimeterLocal()[p];
        if (!valid[v]) {
          continue;
        }
        int link = s.perimeterLink()[p];
        if (link >= 0) {
          next[v] = base[t] + link;
        } else if (link == LINK_LEAVES_TILE) {
          int col = grid.col0(t) + Perimeter.x(p, w, h) + D8.DX[d];
          int row = grid.row0(t) + Perimeter.y(p, w, h) + D8.DY[d];
          int u = grid.tileOf(col, row);
          int q = grid.perimeterIndexOf(col, row);
          if (byTile[u].perimeterDirection()[q] != D8.NODATA) {
            next[v] = base[u] + q;
            crosses[v] = true;
          }
        }
      }
    }
    int[] donors = new int[nodes];
    for (int v = 0; v < nodes; v++) {
      if (next[v] >= 0) {
        donors[next[v]]++;
      }
    }
    int[] queue = new int[nodes];
    int tail = 0;
    int validCount = 0;
    for (int v = 0; v < nodes; v++) {
      if (valid[v]) {
        validCount++;
        if (donors[v] == 0) {
          queue[tail++] = v;
        }
      }
    }
    double[] offset = new double[nodes];
    double[] inflow = new double[nodes];
    for (int head = 0; head < tail; head++) {
      int v = queue[head];
      int s = next[v];
      if (s < 0) {
        continue;
      }
      if (crosses[v]) {
        double total = local[v] + offset[v];
        offset[s] += total;
        inflow[s] += total;
      } else {
        offset[s] += offset[v];
      }
      if (--donors[s] == 0) {
        queue[tail++] = s;
      }
    }
    if (tail < validCount) {
      int cell = cycleNode(next, v -> donors[v] != 0);
      int t = tileOfNode(base, cell);
      int p = cell - base[t];
      throw cycle(grid.col0(t) + Perimeter.x(p, grid.width(t), grid.height(t)),
          grid.row0(t) + Perimeter.y(p, grid.width(t), grid.height(t)));
    }
    PerimeterField field = new PerimeterField(grid, 0);
    for (int t = 0; t < tiles; t++) {
      System.arraycopy(inflow, base[t], field.perimeter(t), 0, base[t + 1] - base[t]);
    }
    return field;
  }

  /** Phase 2: the tile's accumulation (window, row-major) with the inflows {@link #solve} gave it. */
  public static double[] accumulate(TileGrid grid, int tile, byte[] directions, float[] weights, double[] inflow) {
    return new TileRun(grid, tile, directions, weights, inflow).accumulation;
  }

  private static int tileOfNode(int[] base, int node) {
    int t = java.util.Arrays.binarySearch(base, node);
    return t >= 0 ? t : -t - 2;
  }

  /** A node on a cycle, among the nodes a topological sort left with donors (each node has one successor). */
  static int cycleNode(int[] next, java.util.function.IntPredicate leftover) {
    int[] seen = new int[next.length];
    int stamp = 0;
    for (int start = 0; start < next.length; start++) {
      if (!leftover.test(start) || seen[start] != 0) {
        continue;
      }
      stamp++;
      int v = start;
      while (v >= 0 && seen[v] == 0) {
        seen[v] = stamp;
        v = next[v];
      }
      if (v >= 0 && seen[v] == stamp) {
        return v;
      }
    }
    throw new IllegalStateException("no cycle found among the unsorted cells");
  }

  static InvalidFlowDirectionsException cycle(int col, int row) {
    return new InvalidFlowDirectionsException(String.format(Locale.ROOT,
        "the flow directions form a cycle through column %d, row %d", col, row));
  }

  /** The topological accumulation of one window. */
  private static final class TileRun {
    /** Donor count of a cell already in the order. */
    private static final byte DONE = -1;
    final TileGrid grid;
    final int tile;
    final int width;
    final int height;
    final byte[] directions;
    /** Next cell of each valid cell in the window, or TERMINAL, or CROSSES (into another tile). */
    final int[] next;
    /** The valid cells in topological order (upstream first). */
    final int[] order;
    final double[] accumulation;

    TileRun(TileGrid grid, int tile, byte[] directions, float[] weights, double[] inflow) {
      this.grid = grid;
      this.tile = tile;
      this.width = grid.width(tile);
      this.height = grid.height(tile);
      this.directions = directions;
      int cells = width * height;
      if (directions.length != cells || (weights != null && weights.length != cells)) {
        throw new IllegalArgumentException("tile " + tile + " has " + cells + " cells, got " + directions.length
            + " directions" + (weights == null ? "" : " and " + weights.length + " weights"));
      }
      next = new int[cells];
      accumulation = new double[cells];
      byte[] donors = new byte[cells];
      int col0 = grid.col0(tile);
      int row0 = grid.row0(tile);
      int validCount = 0;
      for (int y = 0, i = 0; y < height; y++) {
        for (int x = 0; x < width; x++, i++) {
          byte d = directions[i];
          if (d == D8.NODATA) {
            accumulation[i] = Double.NaN;
            continue;
          }
          validCount++;
          float weight = weights == null ? 1f : weights[i];
          accumulation[i] = Float.isNaN(weight) ? 0 : weight;
          int target = TERMINAL;
          if (d != D8.SINK) {
            int tx = x + D8.DX[d];
            int ty = y + D8.DY[d];
            if (tx >= 0 && ty >= 0 && tx < width && ty < height) {
              int t = ty * width + tx;
              if (directions[t] != D8.NODATA) {
                target = t;
                donors[t]++;
              }
            } else if (grid.inside(col0 + tx, row0 + ty)) {
              target = CROSSES;
            }
          }
          next[i] = target;
        }
      }
      if (inflow != null) {
        for (int p = 0; p < inflow.length; p++) {
          int i = Perimeter.y(p, width, height) * width + Perimeter.x(p, width, height);
          if (directions[i] != D8.NODATA) {
            accumulation[i] += inflow[p];
          }
        }
      }
      // Topological order by walks: from each cell without donors, down its flow path as far as every donor
      // of the next cell is done. A walk follows the flow, so memory access stays near the path; a queue of
      // all sources would jump across the raster.
      order = new int[validCount];
      int tail = 0;
      for (int i = 0; i < cells; i++) {
        if (donors[i] != 0 || directions[i] == D8.NODATA) {
          continue;
        }
        int c = i;
        while (true) {
          order[tail++] = c;
          donors[c] = DONE;
          int t = next[c];
          if (t < 0) {
            break;
          }
          accumulation[t] += accumulation[c];
          if (--donors[t] != 0) {
            break;
          }
          c = t;
        }
      }
      if (tail < validCount) {
        for (int i = 0; i < cells; i++) {
          if (directions[i] == D8.NODATA) {
            next[i] = TERMINAL;
          }
        }
        int c = cycleNode(next, i -> donors[i] > 0);
        throw cycle(col0 + c % width, row0 + c / width);
      }
    }

    TileSummary summary() {
      int perimeter = Perimeter.size(width, height);
      int[] firstPerimeter = new int[next.length];
      for (int k = order.length - 1; k >= 0; k--) {
        int c = order[k];
        int p = Perimeter.index(c % width, c / width, width, height);
        if (p >= 0) {
          firstPerimeter[c] = p;
        } else {
          int t = next[c];
          firstPerimeter[c] = t >= 0 ? firstPerimeter[t] : LINK_ENDS;
        }
      }
      byte[] direction = new byte[perimeter];
      int[] link = new int[perimeter];
      double[] local = new double[perimeter];
      for (int p = 0; p < perimeter; p++) {
        int i = Perimeter.y(p, width, height) * width + Perimeter.x(p, width, height);
        direction[p] = directions[i];
        local[p] = accumulation[i];
        if (directions[i] == D8.NODATA) {
          continue;
        }
        int t = next[i];
        link[p] = t >= 0 ? firstPerimeter[t] : t == CROSSES ? LINK_LEAVES_TILE : LINK_ENDS;
      }
      return new TileSummary(tile, direction, link, local);
    }
  }
}
