package io.geomill.proximity;

import java.io.Serializable;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * The polygons of a broadcast summary, small enough for every executor to hold: their geometries in the working
 * CRS, each with its type (an index into the summary's types) and weight, and, built once per JVM that uses it,
 * a JTS STRtree of their envelopes.
 *
 * <p>"Within D" is decided by JTS's {@code Geometry.isWithinDistance}, the test Sedona's {@code ST_DWithin}
 * makes, so both join strategies count the same pairs.
 */
final class PolygonIndex implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Geometry[] polygons;
  private final int[] types;
  private final double[] weights;
  private transient volatile STRtree tree;

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
    tree().query(search, item -> {
      int i = (Integer) item;
      if (polygons[i].isWithinDistance(geometry, distance)) {
        counts[types[i]]++;
        sums[types[i]] += weights[i];
      }
    });
  }

  private STRtree tree() {
    STRtree built = tree;
    if (built == null) {
      synchronized (this) {
        built = tree;
        if (built == null) {
          built = new STRtree();
          for (int i = 0; i < polygons.length; i++) {
            built.insert(polygons[i].getEnvelopeInternal(), i); // also caches the envelope before threads share it
          }
          built.build();
          tree = built;
        }
      }
    }
    return built;
  }
}
