package io.geomill.inventory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Counts, geometry types, bounds and defects of a stream of features: every vector describer feeds one
 * feature at a time, so nothing but these totals stays in memory.
 */
final class VectorStats {

  /** The order geometry types are listed in, simple before multi, whatever order the data has. */
  enum GeometryType {
    POINT("Point"),
    MULTI_POINT("MultiPoint"),
    LINE_STRING("LineString"),
    MULTI_LINE_STRING("MultiLineString"),
    POLYGON("Polygon"),
    MULTI_POLYGON("MultiPolygon"),
    GEOMETRY_COLLECTION("GeometryCollection"),
    OTHER("Geometry");

    final String label;

    GeometryType(String label) {
      this.label = label;
    }

    static GeometryType of(Geometry geometry) {
      for (GeometryType type : values()) {
        if (type.label.equals(geometry.getGeometryType())) {
          return type;
        }
      }
      return OTHER;
    }
  }

  private long features;
  private long nullGeometries;
  private long emptyGeometries;
  private final Defects invalid = new Defects("invalid geometry", "invalid geometries");
  private final Defects unreadable = new Defects("unreadable geometry", "unreadable geometries");
  private final Map<GeometryType, String> types = new EnumMap<>(GeometryType.class);
  private final Envelope envelope = new Envelope();

  /**
   * One feature. {@code dimensions} is "" or a suffix such as " Z" or " M" for formats that declare
   * dimensions the geometry object does not carry.
   */
  void add(String featureId, Geometry geometry, String dimensions) {
    features++;
    if (geometry == null) {
      nullGeometries++;
      return;
    }
    GeometryType type = GeometryType.of(geometry);
    types.putIfAbsent(type, (type == GeometryType.OTHER ? geometry.getGeometryType() : type.label) + dimensions);
    if (geometry.isEmpty()) {
      emptyGeometries++;
      return;
    }
    envelope.expandToInclude(geometry.getEnvelopeInternal());
    IsValidOp validity = new IsValidOp(geometry);
    if (!validity.isValid()) {
      TopologyValidationError error = validity.getValidationError();
      invalid.add(featureId + ": " + error.getMessage() + at(error.getCoordinate()));
    }
  }

  /** A feature whose geometry is there but cannot be built (a ring of two points, a truncated record). */
  void addUnreadable(String featureId, String reason) {
    features++;
    unreadable.add(featureId + ": " + reason);
  }

  long features() {
    return features;
  }

  /** The features' bounds; a null envelope when no feature has a non-empty geometry. */
  Envelope envelope() {
    return envelope;
  }

  void writeTo(FileDescription.Builder out) {
    out.features(features, types.isEmpty() ? null : String.join(",", types.values()));
    invalid.writeTo(out);
    unreadable.writeTo(out);
    if (nullGeometries > 0) {
      out.problem(count(nullGeometries, "null geometry", "null geometries"));
    }
    if (emptyGeometries > 0) {
      out.problem(count(emptyGeometries, "empty geometry", "empty geometries"));
    }
    if (features == 0) {
      out.problem("no features");
    }
  }

  private static String at(Coordinate coordinate) {
    return coordinate == null ? "" : " at (" + coordinate.x + " " + coordinate.y + ")";
  }

  static String count(long n, String singular, String plural) {
    return n + " " + (n == 1 ? singular : plural);
  }

  /** A count of one kind of defect, with the first few examples so the user can find them. */
  private static final class Defects {
    private static final int EXAMPLES = 3;
    private final String singular;
    private final String plural;
    private final List<String> examples = new ArrayList<>();
    private long count;

    Defects(String singular, String plural) {
      this.singular = singular;
      this.plural = plural;
    }

    void add(String example) {
      count++;
      if (examples.size() < EXAMPLES) {
        examples.add(example);
      }
    }

    void writeTo(FileDescription.Builder out) {
      if (count > 0) {
        out.problem(count(count, singular, plural) + " (" + (count > examples.size() ? "first: " : "")
            + String.join(", ", examples) + ")");
      }
    }
  }
}
