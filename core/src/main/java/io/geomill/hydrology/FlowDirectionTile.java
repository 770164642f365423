package io.geomill.hydrology;

import io.geomill.raster.HaloTile;
import java.util.Arrays;

/**
 * D8 flow directions of one window of a filled DEM, with flats resolved (Barnes, Lehman, Mulla 2014, "An
 * efficient assignment of drainage direction over flat surfaces in raster digital elevation models").
 *
 * <p>Rules, for a valid cell:
 * <ol>
 *   <li>the steepest descent {@code (z - z_n) / distance_n} over its valid neighbours with a positive drop
 *       ({@link CellGeometry} distances); equal slopes go to the first of E, SE, S, SW, W, NW, N, NE;</li>
 *   <li>otherwise, a cell on the raster's edge or next to nodata flows out of the raster: to its first
 *       missing neighbour of E, S, W, N, else of SE, SW, NW, NE (as ESRI and TauDEM point edge cells out);</li>
 *   <li>otherwise the cell is on a flat: a connected set of such cells, all at one elevation. Its drains are
 *       the cells of rules 1-2 at the flat's elevation next to it. Two breadth-first distances through the
 *       flat are measured: {@code low} from the drains (1 next to a drain) and {@code high} from the higher
 *       cells around the flat (1 next to one; 0 everywhere when the flat has no higher neighbour). A flat
 *       cell next to a drain flows to its nearest drain (by distance, then the order above); any other flat
 *       cell flows down the mask {@code 2 low - high} by steepest descent as in rule 1, among neighbours of
 *       its flat with a lower mask. That is Barnes et al.'s gradient towards lower terrain combined with the
 *       gradient away from higher terrain (their constant offset cancels, since only differences within a
 *       flat matter); the factor 2 makes the mask fall along every shortest path to a drain, so every flat
 *       cell drains and no cycle can form;</li>
 *   <li>a flat without any drain (only in a DEM that was not filled) is left without direction
 *       ({@link D8#SINK}).</li>
 * </ol>
 *
 * <p>Rules 1-2 are a focal operation (a halo of 1). Rule 3 is not: a flat can span tiles. The two distances
 * are breadth-first distances in the global flat, so a tile computes them from its own drains and higher
 * cells plus the distances of the ring of cells around it (its neighbours' perimeter cells, as
 * {@link PerimeterField}s), and the tiled run relaxes them in rounds ({@link #perimeterLow},
 * {@link #perimeterHigh}) until no perimeter distance changes; the distances then are the global ones, and
 * {@link #directions} gives exactly the untiled directions. Distances only fall from round to round, and a
 * round changes a tile only where a flat crosses its edge, so the number of rounds is about the number of
 * tiles a flat spans. The window needs a halo of at least 2 (to classify the ring around it).
 */
public final class FlowDirectionTile {
  /** A flat cell of the window. */
  static final byte FLAT = 9;
  /** A flat cell of the ring around the window (another tile's): its distances come from that tile. */
  static final byte RING_FLAT = 10;
  private static final int FAR = Integer.MAX_VALUE;

  private final HaloTile tile;
  private final int stride;
  private final int halo;
  private final float[] z;
  private final int[] offsets;
  private final CellGeometry geometry;
  /** Per padded cell of the window and its ring: a direction 0..7, FLAT, RING_FLAT, or NODATA. */
  private final byte[] kind;
  private final boolean flats;
  private int[] low;
  private int[] high;

  /**
   * Classifies the window (rules 1-2) and measures its flats with no knowledge of other tiles: the first
   * round, or the whole answer for a whole raster. {@link #resolveFlats} then brings in the ring's distances.
   *
   * @param filled  a window of the filled DEM with a halo of >= 2
   */
  public FlowDirectionTile(HaloTile filled, CellGeometry geometry) {
    if (filled.halo() < 2) {
      throw new IllegalArgumentException("flow directions need a halo of at least 2 cells, got " + filled.halo());
    }
    this.tile = filled;
    this.stride = filled.stride();
    this.halo = filled.halo();
    this.z = filled.values();
    this.geometry = geometry;
    this.offsets = D8.offsets(stride);
    this.kind = new byte[z.length];
    Arrays.fill(kind, D8.NODATA);
    flats = classify();
    resolveFlats(null, null);
  }

  /**
   * Measures the window's flats again with the distances of the ring of cells around it (NaN or infinity
   * where none): a relaxation round, or the final one before {@link #directions}. Only the flat cells are
   * visited; the classification is kept, so a tile that stays in memory between rounds pays for it once.
   *
   * @param ringLow   the {@code low} distances of the ring ({@link PerimeterField#ring}), or null for none
   * @param ringHigh  likewise for {@code high}
   * @return this tile
   */
  public FlowDirectionTile resolveFlats(double[] ringLow, double[] ringHigh) {
    if (flats) {
      measureFlats(ringLow, ringHigh);
    }
    return this;
  }

  /** Whether the window has flat cells (rule 3): a tile without any never changes in the rounds. */
  public boolean hasFlats() {
    return flats;
  }

  /** Flow directions of a whole raster held in memory (row-major, NaN = nodata). */
  public static byte[] wholeRaster(float[] filled, int width, int height, CellGeometry geometry) {
    return new FlowDirectionTile(new InMemoryRaster(filled, width, height).whole(2), geometry).directions();
  }

  private int index(int x, int y) {
    return (y + halo) * stride + x + halo;
  }

  /** Rules 1-2 for the window and its ring; returns whether the window has flat cells. */
  private boolean classify() {
    double[] distance = new double[8];
    double[] inverse = new double[8];
    boolean flats = false;
    for (int y = -1; y <= tile.height(); y++) {
      geometry.distances(tile.row0() + y, distance);
      for (int d = 0; d < 8; d++) {
        inverse[d] = 1 / distance[d];
      }
      int i = index(-1, y);
      for (int x = -1; x <= tile.width(); x++, i++) {
        float zc = z[i];
        if (!Float.isFinite(zc)) {
          continue;
        }
        int best = -1;
        double steepest = 0;
        boolean outlet = false;
        for (int d = 0; d < 8; d++) {
          float zn = z[i + offsets[d]];
          if (!Float.isFinite(zn)) {
            outlet = true;
          } else if (zn < zc) {
            double slope = ((double) zc - zn) * inverse[d];
            if (slope > steepest) {
              steepest = slope;
              best = d;
            }
          }
        }
        if (best < 0 && outlet) {
          best = outward(i);
        }
        boolean window = x >= 0 && y >= 0 && x < tile.width() && y < tile.height();
        kind[i] = best >= 0 ? (byte) best : window ? FLAT : RING_FLAT;
        flats |= best < 0 && window;
      }
    }
    return flats;
  }

  private int outward(int i) {
    for (int d = 0; d < 8; d += 2) {
      if (!Float.isFinite(z[i + offsets[d]])) {
        return d;
      }
    }
    for (int d = 1; d < 8; d += 2) {
      if (!Float.isFinite(z[i + offsets[d]])) {
        return d;
      }
    }
    throw new IllegalStateException("no missing neighbour");
  }

  /** Rule 3: the two breadth-first distances over the window's flat cells. */
  private void measureFlats(double[] ringLow, double[] ringHigh) {
    if (low == null) {
      low = new int[z.length];
      high = new int[z.length];
    }
    Arrays.fill(low, FAR);
    Arrays.fill(high, FAR);
    int w = tile.width();
    int h = tile.height();
    for (int r = 0; r < Perimeter.size(w + 2, h + 2); r++) {
      int i = index(Perimeter.x(r, w + 2, h + 2) - 1, Perimeter.y(r, w + 2, h + 2) - 1);
      if (kind[i] == RING_FLAT) {
        low[i] = distance(ringLow, r);
        high[i] = distance(ringHigh, r);
      }
    }
    long[] lowSeeds = new long[64];
    long[] highSeeds = new long[64];
    int lowCount = 0;
    int highCount = 0;
    for (int y = 0; y < h; y++) {
      int i = index(0, y);
      for (int x = 0; x < w; x++, i++) {
        if (kind[i] != FLAT) {
          continue;
        }
        int l = FAR;
        int hi = FAR;
        float zc = z[i];
        for (int d = 0; d < 8; d++) {
          int n = i + offsets[d];
          byte k = kind[n];
          if (k >= 0 && k < 8 && z[n] == zc) {
            l = 1;
          } else if (k != D8.NODATA && z[n] > zc) {
            hi = 1;
          } else if (k == RING_FLAT) {
            l = Math.min(l, plusOne(low[n]));
            hi = Math.min(hi, plusOne(high[n]));
          }
        }
        if (l != FAR) {
          low[i] = l;
          lowSeeds = append(lowSeeds, lowCount++, l, i);
        }
        if (hi != FAR) {
          high[i] = hi;
          highSeeds = append(highSeeds, highCount++, hi, i);
        }
      }
    }
    spread(low, lowSeeds, lowCount);
    spread(high, highSeeds, highCount);
  }

  private static int distance(double[] ring, int r) {
    if (ring == null) {
      return FAR;
    }
    double v = ring[r];
    return v >= 0 && v < FAR ? (int) v : FAR;
  }

  private static int plusOne(int distance) {
    return distance == FAR ? FAR : distance + 1;
  }

  private static long[] append(long[] seeds, int at, int distance, int index) {
    long[] out = at == seeds.length ? Arrays.copyOf(seeds, at * 2) : seeds;
    out[at] = ((long) distance << 32) | index;
    return out;
  }

  /** Breadth-first distances over the window's flat cells from seeds of different start distances. */
  private void spread(int[] dist, long[] seeds, int count) {
    Arrays.sort(seeds, 0, count);
    IntQueue queue = new IntQueue(Math.max(16, count));
    int next = 0;
    while (next < count || !queue.isEmpty()) {
      int c;
      if (!queue.isEmpty() && (next == count || dist[queue.peek()] <= (int) (seeds[next] >>> 32))) {
        c = queue.poll();
      } else {
        long seed = seeds[next++];
        c = (int) seed;
        if ((int) (seed >>> 32) != dist[c]) {
          continue; // reached sooner from another seed
        }
      }
      int further = dist[c] + 1;
      for (int d = 0; d < 8; d++) {
        int n = c + offsets[d];
        if (kind[n] == FLAT && further < dist[n]) {
          dist[n] = further;
          queue.add(n);
        }
      }
    }
  }

  /** The {@code low} distance of each perimeter cell of the window (+infinity where not on a flat). */
  public double[] perimeterLow() {
    return perimeterValues(low);
  }

  /** The {@code high} distance of each perimeter cell of the window (+infinity where none). */
  public double[] perimeterHigh() {
    return perimeterValues(high);
  }

  private double[] perimeterValues(int[] dist) {
    int w = tile.width();
    int h = tile.height();
    double[] out = new double[Perimeter.size(w, h)];
    for (int p = 0; p < out.length; p++) {
      int i = index(Perimeter.x(p, w, h), Perimeter.y(p, w, h));
      out[p] = dist == null || dist[i] == FAR ? Double.POSITIVE_INFINITY : dist[i];
    }
    return out;
  }

  /** The window's directions (width x height, row-major): 0..7, {@link D8#SINK} or {@link D8#NODATA}. */
  public byte[] directions() {
    int w = tile.width();
    byte[] out = new byte[w * tile.height()];
    double[] distance = new double[8];
    for (int y = 0; y < tile.height(); y++) {
      geometry.distances(tile.row0() + y, distance);
      int i = index(0, y);
      for (int x = 0; x < w; x++, i++) {
        byte k = kind[i];
        out[y * w + x] = k == FLAT ? flatDirection(i, distance) : k;
      }
    }
    return out;
  }

  private byte flatDirection(int i, double[] distance) {
    if (low[i] == FAR) {
      return D8.SINK;
    }
    float zc = z[i];
    int best = -1;
    if (low[i] == 1) {
      for (int d = 0; d < 8; d++) {
        int n = i + offsets[d];
        byte k = kind[n];
        if (k >= 0 && k < 8 && z[n] == zc && (best < 0 || distance[d] < distance[best])) {
          best = d;
        }
      }
      return (byte) best;
    }
    long mask = mask(i);
    double steepest = 0;
    for (int d = 0; d < 8; d++) {
      int n = i + offsets[d];
      if ((kind[n] == FLAT || kind[n] == RING_FLAT) && low[n] != FAR) {
        double slope = (mask - mask(n)) / distance[d];
        if (slope > steepest) {
          steepest = slope;
          best = d;
        }
      }
    }
    if (best < 0) {
      throw new IllegalStateException("flat cell without a lower neighbour on the mask: the ring's distances"
          + " are not the converged ones");
    }
    return (byte) best;
  }

  private long mask(int i) {
    return 2L * low[i] - (high[i] == FAR ? 0 : high[i]);
  }
}
