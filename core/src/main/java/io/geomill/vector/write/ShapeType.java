package io.geomill.vector.write;

import java.util.Set;
import java.util.TreeSet;

/**
 * The shape types GeoMill writes (ESRI Shapefile Technical Description, 1998): 2D only. One per file, so a layer
 * must hold one geometry family; single and multi geometries of a family share a type.
 */
enum ShapeType {
  NULL(0), POINT(1), POLYLINE(3), POLYGON(5), MULTIPOINT(8);

  final int code;

  ShapeType(int code) {
    this.code = code;
  }

  /**
   * The type for a layer's geometry types (JTS names: "Point", "MultiPolygon", ...; nulls and empties left out).
   *
   * @throws IllegalArgumentException when they are of more than one family, or a collection
   */
  static ShapeType of(Set<String> geometryTypes) {
    Set<ShapeType> types = new TreeSet<>();
    for (String type : geometryTypes) {
      types.add(switch (type) {
        case "Point" -> POINT;
        case "MultiPoint" -> MULTIPOINT;
        case "LineString", "LinearRing", "MultiLineString" -> POLYLINE;
        case "Polygon", "MultiPolygon" -> POLYGON;
        default -> throw new IllegalArgumentException("a shapefile cannot hold " + type + " geometries");
      });
    }
    if (types.equals(Set.of(POINT, MULTIPOINT))) {
      return MULTIPOINT; // single points are written as one-point multipoints
    }
    if (types.size() > 1) {
      throw new IllegalArgumentException("a shapefile holds one geometry type, and this layer mixes "
          + String.join(", ", new TreeSet<>(geometryTypes)));
    }
    return types.isEmpty() ? NULL : types.iterator().next();
  }
}
