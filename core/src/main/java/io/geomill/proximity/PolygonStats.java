package io.geomill.proximity;

import io.geomill.vector.Reprojection;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.sedona.common.Functions;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * What the summary checks and reports about the polygons, gathered row by row: on the driver over polygons it
 * has collected anyway (few enough to broadcast), or per partition in Spark and merged. One definition for both,
 * so the figures do not depend on where they were counted. Validity and vertex counts are Sedona's own functions
 * ({@code ST_IsValid}, {@code ST_NPoints}).
 */
final class PolygonStats implements Serializable {
  private static final long serialVersionUID = 1L;

  private final boolean collectTypes;
  private long all;
  private long used;
  private long invalid;
  private long nullWeights;
  private String badWeight;
  private long vertices;
  private final Envelope lonLatExtent = new Envelope();
  private final TreeSet<String> types = new TreeSet<>();

  /** @param collectTypes whether to gather the distinct types (not when the options name them) */
  PolygonStats(boolean collectTypes) {
    this.collectTypes = collectTypes;
  }

  /** A polygon is used when it has a type and a non-empty geometry. */
  static boolean usable(String type, Geometry geometry) {
    return type != null && geometry != null && !geometry.isEmpty();
  }

  /**
   * A weight as a number: a numeric field's value, or a text that reads as a number (surrounding blanks
   * allowed); null for null.
   *
   * @throws NumberFormatException for a text that is not a number
   */
  static Double weight(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    return Double.valueOf(value.toString().strip());
  }

  /**
   * @param toLonLat from the layer's CRS to longitude/latitude; null when the layer is in longitude/latitude
   */
  void add(String type, Object weight, Geometry geometry, Reprojection toLonLat) throws Exception {
    all++;
    if (weight == null) {
      nullWeights++;
    } else if (badWeight == null) {
      try {
        weight(weight);
      } catch (NumberFormatException e) {
        badWeight = weight.toString();
      }
    }
    if (!usable(type, geometry)) {
      return;
    }
    used++;
    if (!Functions.isValid(geometry)) {
      invalid++;
    }
    vertices += Functions.nPoints(geometry);
    lonLatExtent.expandToInclude((toLonLat == null ? geometry : toLonLat.call(geometry)).getEnvelopeInternal());
    if (collectTypes) {
      types.add(type);
    }
  }

  PolygonStats merge(PolygonStats other) {
    all += other.all;
    used += other.used;
    invalid += other.invalid;
    nullWeights += other.nullWeights;
    badWeight = badWeight != null ? badWeight : other.badWeight;
    vertices += other.vertices;
    lonLatExtent.expandToInclude(other.lonLatExtent);
    types.addAll(other.types);
    return this;
  }

  /** Polygons in the layer. */
  long all() {
    return all;
  }

  /** Those with a non-empty geometry and a type. */
  long used() {
    return used;
  }

  /** Used ones that are invalid (repaired with ST_MakeValid). */
  long invalid() {
    return invalid;
  }

  /** Polygons whose weight is null (counted with 0). */
  long nullWeights() {
    return nullWeights;
  }

  /** A weight that is not a number, or null when all are. */
  String badWeight() {
    return badWeight;
  }

  /** The used polygons' vertices, all together. */
  long vertices() {
    return vertices;
  }

  /** The used polygons' extent in longitude/latitude (null extent when none is used). */
  Envelope lonLatExtent() {
    return new Envelope(lonLatExtent);
  }

  /** The used polygons' distinct types; null when the options name the types. */
  List<String> types() {
    return collectTypes ? new ArrayList<>(types) : null;
  }
}
