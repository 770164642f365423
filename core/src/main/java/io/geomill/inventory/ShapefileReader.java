package io.geomill.inventory;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.algorithm.PointLocation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Reads the main file (.shp) of an ESRI shapefile record by record, as laid out in the ESRI Shapefile
 * Technical Description (1998): a 100-byte header, then records of a big-endian record header and a
 * little-endian shape. Only x and y are read; Z and M values are skipped. One record is in memory at a time.
 */
public final class ShapefileReader implements Closeable {
  public static final int HEADER_BYTES = 100;
  private static final int FILE_CODE = 9994;
  private static final int VERSION = 1000;

  /**
   * The header shared by .shp and .shx.
   *
   * @param declaredBytes the file length the header states
   * @param shapeType     the shape type code (1 Point, 3 PolyLine, 5 Polygon, 8 MultiPoint, +10 Z, +20 M, 31)
   * @param bounds        the bounding box the header states
   */
  public record Header(long declaredBytes, int shapeType, Envelope bounds) {

    /** " Z" or " M" for shape types whose geometries carry those values (JTS objects here do not). */
    String dimensions() {
      if (shapeType > 10 && shapeType < 20 || shapeType == 31) {
        return " Z";
      }
      return shapeType > 20 && shapeType < 30 ? " M" : "";
    }
  }

  /**
   * One record.
   *
   * @param number   the record number the file states (1-based)
   * @param geometry the shape, null for a null shape or one that cannot be built
   * @param defect   why the shape cannot be built, else null
   */
  public record Shape(int number, Geometry geometry, String defect) {}

  /** Reads and checks the header of a .shp or .shx file: its stated length must be the file's length. */
  public static Header header(File file, String name) throws IOException, InvalidDataException {
    long size = file.length();
    if (size < HEADER_BYTES) {
      throw new InvalidDataException("truncated shapefile: " + name + " has " + size + " bytes, less than its "
          + HEADER_BYTES + "-byte header");
    }
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    try (RandomAccessFile in = new RandomAccessFile(file, "r")) {
      in.readFully(header.array());
    }
    header.order(ByteOrder.BIG_ENDIAN);
    int code = header.getInt(0);
    if (code != FILE_CODE) {
      throw new InvalidDataException("corrupt shapefile: " + name + " starts with file code " + code + ", not "
          + FILE_CODE);
    }
    long declared = Integer.toUnsignedLong(header.getInt(24)) * 2;
    header.order(ByteOrder.LITTLE_ENDIAN);
    int version = header.getInt(28);
    if (version != VERSION) {
      throw new InvalidDataException("corrupt shapefile: " + name + " has version " + version + ", not "
          + VERSION);
    }
    if (declared != size) {
      throw new InvalidDataException((declared > size ? "truncated" : "corrupt") + " shapefile: the header of "
          + name + " says " + declared + " bytes but the file has " + size);
    }
    int shapeType = header.getInt(32);
    Envelope bounds = new Envelope(header.getDouble(36), header.getDouble(52), header.getDouble(44),
        header.getDouble(60));
    return new Header(declared, shapeType, bounds);
  }

  private final DataInputStream in;
  private final String name;
  private final long length;
  private final GeometryFactory geometries;
  private long position = HEADER_BYTES;

  public ShapefileReader(File shp, String name, Header header, GeometryFactory geometries) throws IOException {
    this.in = new DataInputStream(new BufferedInputStream(new FileInputStream(shp), 1 << 16));
    this.name = name;
    this.length = header.declaredBytes();
    this.geometries = geometries;
    in.skipNBytes(HEADER_BYTES);
  }

  /** The next record, or null after the last. */
  public Shape next() throws IOException, InvalidDataException {
    if (position >= length) {
      return null;
    }
    if (position + 8 > length) {
      throw corrupt("a record header at byte " + position + " is cut off by the end of the file");
    }
    int number = in.readInt();
    long contentBytes = Integer.toUnsignedLong(in.readInt()) * 2;
    if (position + 8 + contentBytes > length || contentBytes > Integer.MAX_VALUE) {
      throw corrupt("record " + number + " at byte " + position + " claims " + contentBytes
          + " bytes, past the end of the file at byte " + length);
    }
    byte[] content = new byte[(int) contentBytes];
    try {
      in.readFully(content);
    } catch (EOFException e) {
      throw corrupt("record " + number + " is cut off by the end of the file");
    }
    position += 8 + contentBytes;
    try {
      return new Shape(number, parse(ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN)), null);
    } catch (BadShape | IllegalArgumentException | IndexOutOfBoundsException e) {
      // JTS refuses unclosed rings and one-point lines with IllegalArgumentException; short content overruns.
      return new Shape(number, null, e instanceof IndexOutOfBoundsException
          ? "the record is shorter than its shape needs" : e.getMessage());
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private InvalidDataException corrupt(String what) {
    return new InvalidDataException("corrupt shapefile: " + name + ": " + what);
  }

  private Geometry parse(ByteBuffer shape) throws BadShape {
    if (shape.remaining() < 4) {
      throw new BadShape("the record has no shape type");
    }
    int type = shape.getInt();
    return switch (type) {
      case 0 -> null;
      case 1, 11, 21 -> geometries.createPoint(new Coordinate(shape.getDouble(), shape.getDouble()));
      case 8, 18, 28 -> geometries.createMultiPointFromCoords(points(shape, skipBox(shape).getInt()));
      case 3, 13, 23 -> lines(shape);
      case 5, 15, 25, 31 -> polygons(shape, type == 31);
      default -> throw new BadShape("unknown shape type " + type);
    };
  }

  private Geometry lines(ByteBuffer shape) throws BadShape {
    List<Coordinate[]> parts = parts(shape, false);
    LineString[] lines = new LineString[parts.size()];
    for (int i = 0; i < lines.length; i++) {
      lines[i] = geometries.createLineString(parts.get(i));
    }
    return lines.length == 1 ? lines[0] : geometries.createMultiLineString(lines);
  }

  /**
   * Rings become polygons by the specification's rule: clockwise rings are shells, counter-clockwise ones holes,
   * each hole inside the smallest shell that contains it. A hole inside no shell, or a file whose rings all run
   * counter-clockwise (some writers get the winding wrong), is kept as a shell rather than dropped.
   */
  private Geometry polygons(ByteBuffer shape, boolean multiPatch) throws BadShape {
    List<LinearRing> shells = new ArrayList<>();
    List<LinearRing> holes = new ArrayList<>();
    for (Coordinate[] part : parts(shape, multiPatch)) {
      LinearRing ring = geometries.createLinearRing(part);
      (Orientation.isCCW(ring.getCoordinateSequence()) ? holes : shells).add(ring);
    }
    if (shells.isEmpty()) {
      shells.addAll(holes);
      holes.clear();
    }
    shells.sort(Comparator.comparingDouble(r -> r.getEnvelopeInternal().getArea()));
    List<List<LinearRing>> holesOf = new ArrayList<>();
    shells.forEach(s -> holesOf.add(new ArrayList<>()));
    List<LinearRing> strayHoles = new ArrayList<>();
    for (LinearRing hole : holes) {
      int owner = -1;
      for (int i = 0; i < shells.size() && owner < 0; i++) {
        LinearRing shell = shells.get(i);
        if (shell.getEnvelopeInternal().covers(hole.getEnvelopeInternal())
            && PointLocation.isInRing(hole.getCoordinateN(0), shell.getCoordinates())) {
          owner = i;
        }
      }
      if (owner >= 0) {
        holesOf.get(owner).add(hole);
      } else {
        strayHoles.add(hole);
      }
    }
    List<Polygon> polygons = new ArrayList<>();
    for (int i = 0; i < shells.size(); i++) {
      polygons.add(geometries.createPolygon(shells.get(i), holesOf.get(i).toArray(LinearRing[]::new)));
    }
    strayHoles.forEach(hole -> polygons.add(geometries.createPolygon(hole)));
    return polygons.size() == 1 ? polygons.get(0) : geometries.createMultiPolygon(polygons.toArray(Polygon[]::new));
  }

  /** The parts of a PolyLine, Polygon or MultiPatch: box, counts, part starts, (part types), points. */
  private static List<Coordinate[]> parts(ByteBuffer shape, boolean withPartTypes) throws BadShape {
    skipBox(shape);
    int partCount = shape.getInt();
    int pointCount = shape.getInt();
    if (partCount < 0 || pointCount < 0 || (long) partCount * 4 + (long) pointCount * 16 > shape.remaining()) {
      throw new BadShape("the record declares " + partCount + " parts and " + pointCount
          + " points, more than it holds");
    }
    int[] starts = new int[partCount];
    for (int i = 0; i < partCount; i++) {
      starts[i] = shape.getInt();
    }
    if (withPartTypes) {
      shape.position(shape.position() + 4 * partCount);
    }
    Coordinate[] points = points(shape, pointCount);
    List<Coordinate[]> parts = new ArrayList<>(partCount);
    for (int i = 0; i < partCount; i++) {
      int end = i + 1 < partCount ? starts[i + 1] : pointCount;
      if (starts[i] < 0 || starts[i] > end || end > pointCount) {
        throw new BadShape("part " + (i + 1) + " starts at point " + starts[i] + " of " + pointCount);
      }
      parts.add(Arrays.copyOfRange(points, starts[i], end));
    }
    return parts;
  }

  private static Coordinate[] points(ByteBuffer shape, int count) throws BadShape {
    if (count < 0 || (long) count * 16 > shape.remaining()) {
      throw new BadShape("the record declares " + count + " points, more than it holds");
    }
    Coordinate[] points = new Coordinate[count];
    for (int i = 0; i < count; i++) {
      points[i] = new Coordinate(shape.getDouble(), shape.getDouble());
    }
    return points;
  }

  private static ByteBuffer skipBox(ByteBuffer shape) {
    return shape.position(shape.position() + 32);
  }

  /** A record whose shape cannot be built; the file itself is still readable. */
  private static final class BadShape extends Exception {
    BadShape(String reason) {
      super(reason);
    }
  }
}
