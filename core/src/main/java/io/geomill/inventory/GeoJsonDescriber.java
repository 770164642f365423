package io.geomill.inventory;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.geotools.api.referencing.FactoryException;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * GeoJSON (RFC 7946, and the 2008 draft's {@code crs} member), parsed as a stream with Jackson: a
 * FeatureCollection's features are read one at a time, so a large file is never held whole.
 */
final class GeoJsonDescriber implements Describer {

  private static final Set<String> GEOMETRY_TYPES = Set.of("Point", "MultiPoint", "LineString",
      "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection");
  /** The members a root object may need besides features; others (bbox, foreign members) are skipped. */
  private static final Set<String> ROOT_MEMBERS =
      Set.of("type", "crs", "geometry", "properties", "coordinates", "geometries");
  private static final Pattern EPSG_NAME = Pattern.compile("EPSG:(?:[\\d.]*:)?(\\d+)$");
  private static final Pattern CRS84_NAME = Pattern.compile("(?i).*CRS:?84$");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int RFC7946_EPSG = 4326;

  private final GeometryFactory geometries = new GeometryFactory();

  @Override
  public void describe(LocalDataset dataset, FileDescription.Builder out) throws Exception {
    out.format(FileDescription.VECTOR, Format.GEOJSON.label);
    VectorStats stats = new VectorStats();
    Set<String> fields = new LinkedHashSet<>();
    ObjectNode root = JSON.createObjectNode();
    boolean sawFeatures = false;
    try (JsonParser parser = JSON.getFactory().createParser(dataset.primary())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new NotGeodataException("JSON text that is not GeoJSON (not an object)");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String member = parser.currentName();
        JsonToken value = parser.nextToken();
        if (member.equals("features") && value == JsonToken.START_ARRAY) {
          sawFeatures = true;
          long index = 0;
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            addFeature(parser.readValueAsTree(), ++index, stats, fields);
          }
        } else if (ROOT_MEMBERS.contains(member)) {
          root.set(member, parser.readValueAsTree());
        } else {
          parser.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      if (!sawFeatures && !isGeoJsonType(root.path("type").asText())) {
        throw new NotGeodataException("text that is not valid JSON");
      }
      JsonLocation at = e.getLocation();
      throw new InvalidDataException("corrupt GeoJSON: " + e.getOriginalMessage()
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"), e);
    }
    String type = root.path("type").asText();
    switch (type) {
      case "FeatureCollection" -> { }
      case "Feature" -> addFeature(root, 1, stats, fields);
      default -> {
        if (!GEOMETRY_TYPES.contains(type)) {
          throw new NotGeodataException("JSON text that is not GeoJSON (no GeoJSON \"type\" member)");
        }
        addGeometry(root, "the geometry", stats);
      }
    }
    stats.writeTo(out);
    out.fields(fields.stream().toList());
    Crs.describe(crs(root.get("crs"), out), stats.envelope(), "", out);
  }

  private static boolean isGeoJsonType(String type) {
    return type.equals("FeatureCollection") || type.equals("Feature") || GEOMETRY_TYPES.contains(type);
  }

  private void addFeature(JsonNode feature, long index, VectorStats stats, Set<String> fields) {
    String id = "feature " + index;
    JsonNode properties = feature.path("properties");
    for (Iterator<String> names = properties.fieldNames(); names.hasNext(); ) {
      fields.add(names.next());
    }
    addGeometry(feature.get("geometry"), id, stats);
  }

  private void addGeometry(JsonNode geometry, String id, VectorStats stats) {
    if (geometry == null || geometry.isNull()) {
      stats.add(id, null, "");
      return;
    }
    try {
      Geometry built = geometry(geometry);
      stats.add(id, built, hasZ(built) ? " Z" : "");
    } catch (IllegalArgumentException e) {
      stats.addUnreadable(id, e.getMessage());
    }
  }

  /** A GeoJSON geometry as JTS; malformed ones (a ring of three positions, a number for a position) throw. */
  private Geometry geometry(JsonNode node) {
    String type = node.path("type").asText();
    JsonNode coordinates = node.path("coordinates");
    return switch (type) {
      case "Point" -> coordinates.isEmpty() ? geometries.createPoint() : geometries.createPoint(position(coordinates));
      case "MultiPoint" -> geometries.createMultiPoint(map(coordinates, c -> geometries.createPoint(position(c)),
          Point[]::new));
      case "LineString" -> line(coordinates);
      case "MultiLineString" -> geometries.createMultiLineString(map(coordinates, this::line, LineString[]::new));
      case "Polygon" -> polygon(coordinates);
      case "MultiPolygon" -> geometries.createMultiPolygon(map(coordinates, this::polygon, Polygon[]::new));
      case "GeometryCollection" -> geometries.createGeometryCollection(
          map(node.path("geometries"), this::geometry, Geometry[]::new));
      default -> throw new IllegalArgumentException("unknown geometry type \"" + type + "\"");
    };
  }

  private LineString line(JsonNode positions) {
    return geometries.createLineString(positions(positions));
  }

  private Polygon polygon(JsonNode rings) {
    if (rings.isEmpty()) {
      return geometries.createPolygon();
    }
    LinearRing[] all = map(rings, r -> geometries.createLinearRing(positions(r)), LinearRing[]::new);
    LinearRing[] holes = new LinearRing[all.length - 1];
    System.arraycopy(all, 1, holes, 0, holes.length);
    return geometries.createPolygon(all[0], holes);
  }

  private static Coordinate[] positions(JsonNode positions) {
    return map(positions, GeoJsonDescriber::position, Coordinate[]::new);
  }

  private static Coordinate position(JsonNode position) {
    if (!position.isArray() || position.size() < 2 || !position.get(0).isNumber() || !position.get(1).isNumber()) {
      throw new IllegalArgumentException("a position is not an array of numbers: " + position);
    }
    return position.size() > 2 && position.get(2).isNumber()
        ? new Coordinate(position.get(0).asDouble(), position.get(1).asDouble(), position.get(2).asDouble())
        : new Coordinate(position.get(0).asDouble(), position.get(1).asDouble());
  }

  private static <T> T[] map(JsonNode array, Function<JsonNode, T> convert,
      IntFunction<T[]> newArray) {
    if (!array.isArray()) {
      throw new IllegalArgumentException("an array was expected, found: " + array);
    }
    T[] items = newArray.apply(array.size());
    for (int i = 0; i < items.length; i++) {
      items[i] = convert.apply(array.get(i));
    }
    return items;
  }

  private static boolean hasZ(Geometry geometry) {
    Coordinate first = geometry.getCoordinate();
    return first != null && !Double.isNaN(first.getZ());
  }

  /** RFC 7946 fixes WGS 84 lon/lat; the 2008 draft's named CRS may say otherwise. */
  private static CoordinateReferenceSystem crs(JsonNode member, FileDescription.Builder out) {
    int code = RFC7946_EPSG;
    if (member != null && !member.isNull()) {
      String name = member.path("properties").path("name").asText("");
      Matcher epsg = EPSG_NAME.matcher(name);
      if (epsg.find()) {
        code = Integer.parseInt(epsg.group(1));
      } else if (!CRS84_NAME.matcher(name).matches()) {
        out.problem("unrecognised \"crs\" member " + member + ": WGS 84 assumed, as RFC 7946 requires");
      }
    }
    try {
      return Crs.decodeLonLat(code);
    } catch (FactoryException e) {
      out.problem("unknown CRS EPSG:" + code + " in the \"crs\" member");
      return null;
    }
  }
}
