package io.geomill.proximity;

import java.io.Serializable;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * The polygons of a broadcast summary, small enough for every executor to hold: their geometries in the working
 * CRS, each with its type (an index into the summary's types) and weight, and, built once per JVM that uses it,
 * a JTS STRtree of their envelopes and each polygon's {@link PolygonDistance} test.
 *
 * <p>"Within D" is decided by JTS's {@code Geometry.isWithinDistance}, the test Sedona's {@code ST_DWithin}
 * makes, so both join strategies count the same pairs ({@link PolygonDistance} gives its answers, faster, for
 * a point and a polygon).
 */
final class PolygonIndex implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Geometry[] polygons;
  private final int[] types;
  private final double[] weights;
  private transient volatile Built built;

  /** What is built once per JVM: the tree, and per polygon its distance test (null: JTS's own test). */
  private record Built(STRtree tree, PolygonDistance[] tests) {}

  PolygonIndex(Geometry[] polygons, int[] types, double[] weights) {
    this.polygons = polygons;
    this.types = types;
    this.weights = weights;
  }

  /**
   * Adds to {@code counts[t]} and {@code sums[t]} the polygons of type t within {@code distance} of
   * {@code geometry} (same CRS).
   */
  void accumulate(Geometry geometry, double distance, long[] counts, double[] sums) {
    Envelope search = new Envelope(geometry.getEnvelopeInternal());
    search.expandBy(distance);
    Built index = built();
    Point point = geometry instanceof Point p && !p.isEmpty() ? p : null;
    index.tree().query(search, item -> {
      int i = (Integer) item;
      PolygonDistance test = index.tests()[i];
      if (point != null && test != null ? test.isWithinDistance(point, distance)
          : polygons[i].isWithinDistance(geometry, distance)) {
        counts[types[i]]++;
        sums[types[i]] += weights[i];
      }
    });
  }

  private Built built() {
    Built made = built;
    if (made == null) {
      synchronized (this) {
        made = built;
        if (made == null) {
          STRtree tree = new STRtree();
          PolygonDistance[] tests = new PolygonDistance[polygons.length];
          for (int i = 0; i < polygons.length; i++) {
            tree.insert(polygons[i].getEnvelopeInternal(), i); // also caches the envelope before threads share it
            tests[i] = PolygonDistance.of(polygons[i]);
          }
          tree.build();
          made = new Built(tree, tests);
          built = made;
        }
      }
    }
    return made;
  }
}
