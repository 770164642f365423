package io.geomill.proximity;

import org.locationtech.jts.algorithm.PointLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * "Is this point within D of this polygon?", answered as JTS's {@code polygon.isWithinDistance(point, D)} answers
 * it (the test of Sedona's {@code ST_DWithin}), at a fraction of its cost. For a (multi)polygon and a point, JTS's
 * answer is: the point is not in the exterior of one of the polygons ({@code PointLocator}), or the least of
 * its {@code Distance.pointToSegment} distances to the rings' segments is at most D. JTS computes the point's
 * location first, for every candidate, then the distances with {@code Math.hypot} and new objects for every
 * closer segment; most candidates of an index query are farther than D from every segment.
 *
 * <p>Here the segment distances come first, from the rings' coordinates in flat arrays, with the same formula
 * except {@code Math.sqrt(dx * dx + dy * dy)} for {@code Math.hypot(dx, dy)} (they differ by an ulp or two).
 * A segment nearer than D less a margin of 1e-9 (D + 1) answers yes at once; when every segment is farther than
 * D plus the margin, the answer is JTS's own {@code PointLocator} (inside, or on the boundary: yes). A least
 * distance within the margin of D, where the two formulas could disagree, or a coordinate that is not a
 * number, is decided by JTS's {@code isWithinDistance} itself. So the answer is JTS's; the margin is a band
 * a micrometre wide at D = 1 km, which few points fall in.
 */
final class PolygonDistance {
  private static final double MARGIN = 1e-9;

  private final Geometry geometry;
  private final Polygon[] polygons;
  /** Every ring of every polygon: x0, y0, x1, y1, ... (a ring's last vertex repeats its first). */
  private final double[][] rings;

  private PolygonDistance(Geometry geometry, Polygon[] polygons, double[][] rings) {
    this.geometry = geometry;
    this.polygons = polygons;
    this.rings = rings;
  }

  /** The test for a polygon or multipolygon; null for other geometries and empty ones (JTS decides those). */
  static PolygonDistance of(Geometry geometry) {
    if (!(geometry instanceof Polygon || geometry instanceof MultiPolygon) || geometry.isEmpty()) {
      return null;
    }
    Polygon[] polygons = new Polygon[geometry.getNumGeometries()];
    int ringCount = 0;
    for (int p = 0; p < polygons.length; p++) {
      polygons[p] = (Polygon) geometry.getGeometryN(p);
      ringCount += 1 + polygons[p].getNumInteriorRing();
    }
    double[][] rings = new double[ringCount][];
    int r = 0;
    for (Polygon polygon : polygons) {
      rings[r++] = xy(polygon.getExteriorRing());
      for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
        rings[r++] = xy(polygon.getInteriorRingN(h));
      }
    }
    return new PolygonDistance(geometry, polygons, rings);
  }

  /** {@code geometry.isWithinDistance(point, distance)} for this test's geometry and a non-empty point. */
  boolean isWithinDistance(Point point, double distance) {
    double x = point.getX();
    double y = point.getY();
    double margin = MARGIN * (distance + 1);
    double near = distance - margin;
    double least = Double.POSITIVE_INFINITY;
    for (double[] ring : rings) {
      for (int i = 0; i + 3 < ring.length; i += 2) {
        double d = pointToSegment(x, y, ring[i], ring[i + 1], ring[i + 2], ring[i + 3]);
        if (d < near) {
          return true;
        }
        least = Math.min(least, d);
      }
    }
    if (least > distance + margin) {
      Coordinate at = point.getCoordinate();
      PointLocator locator = new PointLocator();
      for (Polygon polygon : polygons) {
        if (locator.locate(at, polygon) != Location.EXTERIOR) {
          return true;
        }
      }
      return false;
    }
    return geometry.isWithinDistance(point, distance); // within the margin of D, or not a number
  }

  /** JTS's {@code Distance.pointToSegment}, on coordinates, with a square root for {@code Math.hypot}. */
  static double pointToSegment(double px, double py, double ax, double ay, double bx, double by) {
    if (ax == bx && ay == by) {
      return length(px - ax, py - ay);
    }
    double len2 = (bx - ax) * (bx - ax) + (by - ay) * (by - ay);
    double r = ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / len2;
    if (r <= 0.0) {
      return length(px - ax, py - ay);
    }
    if (r >= 1.0) {
      return length(px - bx, py - by);
    }
    double s = ((ay - py) * (bx - ax) - (ax - px) * (by - ay)) / len2;
    return Math.abs(s) * Math.sqrt(len2);
  }

  private static double length(double dx, double dy) {
    return Math.sqrt(dx * dx + dy * dy);
  }

  private static double[] xy(LinearRing ring) {
    ring.getEnvelopeInternal(); // cached now, before threads share the ring (PointLocator reads it)
    Coordinate[] coordinates = ring.getCoordinates();
    double[] xy = new double[2 * coordinates.length];
    for (int i = 0; i < coordinates.length; i++) {
      xy[2 * i] = coordinates[i].x;
      xy[2 * i + 1] = coordinates[i].y;
    }
    return xy;
  }
}
