package io.geomill.proximity;

import java.util.Locale;

/** How the points meet the polygons in the distance join. */
public enum JoinStrategy {
  /** Broadcast when the polygons are small, else partition: see {@link JoinChoice#choose}. */
  AUTO,
  /**
   * The polygons are sent to every executor as an R-tree and each point's summary is made where the point is
   * read ({@link NearbyPolygons}): the points are never shuffled and each task reads an equal share of them.
   */
  BROADCAST,
  /**
   * Both sides spatially partitioned and joined partition by partition (Sedona's DistanceJoin): the grid is a
   * KDB-tree built from a sample of the points, so a dense downtown is split over as many partitions as it
   * needs; each polygon goes to every partition its envelope meets and Sedona reports each pair once.
   */
  PARTITIONED;

  public static JoinStrategy parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown join \"" + text + "\"; use auto, broadcast or partitioned", e);
    }
  }
}
