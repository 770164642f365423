package io.geomill.hydrology.job;

import io.geomill.hydrology.FlowDirectionTile;
import java.lang.ref.SoftReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Flow-direction tiles with flats, kept in the executor's memory between relaxation rounds: a round then only
 * re-measures the tile's flats instead of reading its filled window again and classifying every cell. Only a
 * shortcut: a tile that is not here (another executor ran the last round, or the garbage collector took it, as
 * soft references let it under memory pressure) is rebuilt from the intermediate files, with the same result.
 * Keys hold a token unique to one run of one input, so no other run ever sees a tile.
 */
final class DirectionTileCache {
  private static final Map<String, SoftReference<FlowDirectionTile>> TILES = new ConcurrentHashMap<>();

  private DirectionTileCache() {}

  /** The tile kept under {@code key}, or null. */
  static FlowDirectionTile get(String key) {
    SoftReference<FlowDirectionTile> kept = TILES.get(key);
    FlowDirectionTile tile = kept == null ? null : kept.get();
    if (kept != null && tile == null) {
      TILES.remove(key, kept);
    }
    return tile;
  }

  static void put(String key, FlowDirectionTile tile) {
    TILES.put(key, new SoftReference<>(tile));
  }

  static void remove(String key) {
    TILES.remove(key);
  }
}
