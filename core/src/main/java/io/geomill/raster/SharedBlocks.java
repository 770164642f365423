package io.geomill.raster;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decoded source blocks shared by the tasks of one JVM, so that the halo of a tile does not decode its
 * neighbours' blocks again: a tile read with a 1-cell halo needs one row or column of each block around it
 * (36 blocks around a 2048-cell tile of 256-cell blocks, which has 64 of its own). Nor do the overlapping source
 * windows of neighbouring target tiles in a reprojection decode the blocks their edges cut twice. Two kinds of
 * entries, least recently used dropped first beyond {@link #MAX_BYTES}:
 * <ul>
 *   <li>the four edges of every block a window decoded whole (its first and last row and column: 4 KB for a
 *       256 x 256 block), which serve the halos of the tiles read after it;</li>
 *   <li>whole blocks of which a window needed only a part (more than an edge row ending early), decoded whole,
 *       which serve the tile they belong to (or the next window that cuts them) when it is read after.</li>
 * </ul>
 * Cells are as the reader gives them (floats, nodata NaN), keyed by the file's identity (path, length and
 * modification time), so a changed file is never served from an old entry.
 */
final class SharedBlocks {
  static final long MAX_BYTES = 96L << 20;

  /** A block of a file, its edges or all its cells. */
  record Key(String file, int block, boolean edges) {}

  private static final LinkedHashMap<Key, float[]> ENTRIES = new LinkedHashMap<>(256, 0.75f, true);
  private static long bytes;

  private SharedBlocks() {}

  static synchronized float[] get(Key key) {
    return ENTRIES.get(key);
  }

  static synchronized void put(Key key, float[] cells) {
    float[] old = ENTRIES.put(key, cells);
    bytes += 4L * cells.length - (old == null ? 0 : 4L * old.length);
    Iterator<Map.Entry<Key, float[]>> eldest = ENTRIES.entrySet().iterator();
    while (bytes > MAX_BYTES && eldest.hasNext()) {
      bytes -= 4L * eldest.next().getValue().length;
      eldest.remove();
    }
  }

  /** Drops every entry (for tests). */
  static synchronized void clear() {
    ENTRIES.clear();
    bytes = 0;
  }
}
