package io.geomill.vector.write;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.algorithm.Area;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequences;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes the geometry files of a shapefile, the main file (.shp) and its index (.shx), as the ESRI Shapefile
 * Technical Description (1998) lays them out: a 100-byte header (big-endian file code and length, little-endian
 * version, shape type and bounding box), then per record a big-endian record header (number, content length in
 * 16-bit words) and a little-endian shape with its own bounding box. The headers need the totals, so they are
 * written last, over the space kept for them: the files must be local and seekable.
 *
 * <p>Polygon rings are written as the format wants them whatever their orientation in JTS: outer rings
 * clockwise, holes counter-clockwise. Null and empty geometries become null shapes.
 */
final class ShpWriter implements Closeable {
  static final int HEADER_BYTES = 100;
  /** ESRI's limit for each file of a shapefile (offsets are signed 32-bit). */
  static final long MAX_FILE_BYTES = Integer.MAX_VALUE;
  private static final int FILE_CODE = 9994;
  private static final int VERSION = 1000;
  private static final int RECORD_HEADER_BYTES = 8;
  private static final int BUFFER_BYTES = 1 << 20;

  private final ShapeType type;
  private final String name;
  private final long maxFileBytes;
  private final FileChannel shp;
  private final FileChannel shx;
  private final ByteBuffer shpBuffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
  private final ByteBuffer shxBuffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.BIG_ENDIAN);
  private final Envelope bounds = new Envelope();
  private long shpBytes = HEADER_BYTES;
  private int records;

  /**
   * @param shpFile      the .shp to create; the .shx goes beside it
   * @param maxFileBytes the size no file may pass ({@link #MAX_FILE_BYTES}; smaller in tests)
   */
  ShpWriter(File shpFile, ShapeType type, long maxFileBytes) throws IOException {
    this.type = type;
    this.name = shpFile.getName();
    this.maxFileBytes = maxFileBytes;
    this.shp = open(shpFile);
    this.shx = open(new File(shpFile.getParentFile(), shpFile.getName().replaceFirst("(?i)\\.shp$", "") + ".shx"));
    shp.position(HEADER_BYTES);
    shx.position(HEADER_BYTES);
  }

  /** Appends one record. */
  void write(Geometry geometry) throws IOException {
    List<CoordinateSequence> parts = geometry == null || geometry.isEmpty() ? List.of() : parts(geometry);
    ShapeType written = parts.isEmpty() ? ShapeType.NULL : type;
    int points = 0;
    for (CoordinateSequence part : parts) {
      points += part.size();
    }
    int contentBytes = switch (written) {
      case NULL -> 4;
      case POINT -> 20;
      case MULTIPOINT -> 40 + 16 * points;
      case POLYLINE, POLYGON -> 44 + 4 * parts.size() + 16 * points;
    };
    long recordBytes = RECORD_HEADER_BYTES + (long) contentBytes;
    if (shpBytes + recordBytes > maxFileBytes) {
      throw new ShapefileLimitException(name + ": record " + (records + 1) + " would take the file past the "
          + limitText(maxFileBytes) + " shapefile limit; write GeoPackage or GeoParquet instead");
    }
    ensure(shxBuffer, shx, RECORD_HEADER_BYTES);
    shxBuffer.putInt((int) (shpBytes / 2)).putInt(contentBytes / 2);
    // A record larger than the buffer (a polygon of millions of points) goes through one of its own.
    boolean fits = recordBytes <= BUFFER_BYTES;
    if (fits) {
      ensure(shpBuffer, shp, (int) recordBytes);
    }
    ByteBuffer out = fits ? shpBuffer : ByteBuffer.allocate((int) recordBytes).order(ByteOrder.LITTLE_ENDIAN);
    out.order(ByteOrder.BIG_ENDIAN).putInt(++records).putInt(contentBytes / 2).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(written.code);
    if (written == ShapeType.POINT) {
      Point point = pointOf(geometry);
      out.putDouble(point.getX()).putDouble(point.getY());
      bounds.expandToInclude(point.getX(), point.getY());
    } else if (written != ShapeType.NULL) {
      Envelope box = geometry.getEnvelopeInternal();
      bounds.expandToInclude(box);
      out.putDouble(box.getMinX()).putDouble(box.getMinY()).putDouble(box.getMaxX()).putDouble(box.getMaxY());
      if (written == ShapeType.MULTIPOINT) {
        out.putInt(points);
      } else {
        out.putInt(parts.size()).putInt(points);
        int start = 0;
        for (CoordinateSequence part : parts) {
          out.putInt(start);
          start += part.size();
        }
      }
      for (CoordinateSequence part : parts) {
        for (int i = 0; i < part.size(); i++) {
          out.putDouble(part.getX(i)).putDouble(part.getY(i));
        }
      }
    }
    if (!fits) {
      flush(shpBuffer, shp); // what came before it
      flush(out, shp);
    }
    shpBytes += recordBytes;
  }

  int records() {
    return records;
  }

  /** Writes what is buffered and the two headers. */
  @Override
  public void close() throws IOException {
    try {
      flush(shpBuffer, shp);
      flush(shxBuffer, shx);
      shp.write(header(shpBytes), 0);
      shx.write(header(HEADER_BYTES + (long) RECORD_HEADER_BYTES * records), 0);
    } finally {
      try {
        shp.close();
      } finally {
        shx.close();
      }
    }
  }

  private ByteBuffer header(long fileBytes) {
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.BIG_ENDIAN);
    header.putInt(FILE_CODE).position(24);
    header.putInt((int) (fileBytes / 2)).order(ByteOrder.LITTLE_ENDIAN).putInt(VERSION).putInt(type.code);
    boolean none = bounds.isNull();
    header.putDouble(none ? 0 : bounds.getMinX()).putDouble(none ? 0 : bounds.getMinY())
        .putDouble(none ? 0 : bounds.getMaxX()).putDouble(none ? 0 : bounds.getMaxY());
    // Z and M ranges stay 0: GeoMill writes 2D shapes.
    return header.position(0);
  }

  /** The point sequences of a shape's parts, polygon rings oriented as the format wants. */
  private List<CoordinateSequence> parts(Geometry geometry) {
    List<CoordinateSequence> parts = new ArrayList<>();
    for (int i = 0; i < geometry.getNumGeometries(); i++) {
      Geometry part = geometry.getGeometryN(i);
      if (part.isEmpty()) {
        continue;
      }
      switch (type) {
        case POINT, MULTIPOINT -> parts.add(((Point) part).getCoordinateSequence());
        case POLYLINE -> parts.add(((LineString) part).getCoordinateSequence());
        case POLYGON -> {
          Polygon polygon = (Polygon) part;
          parts.add(oriented(polygon.getExteriorRing().getCoordinateSequence(), true));
          for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
            parts.add(oriented(polygon.getInteriorRingN(h).getCoordinateSequence(), false));
          }
        }
        case NULL -> throw new IllegalStateException("a null-shape file holds no geometries");
      }
    }
    return parts;
  }

  /** JTS's signed ring area is positive for clockwise rings. */
  private static CoordinateSequence oriented(CoordinateSequence ring, boolean clockwise) {
    boolean isClockwise = Area.ofRingSigned(ring) >= 0;
    if (isClockwise == clockwise) {
      return ring;
    }
    CoordinateSequence reversed = ring.copy();
    CoordinateSequences.reverse(reversed);
    return reversed;
  }

  private static Point pointOf(Geometry geometry) {
    return (Point) (geometry instanceof Point ? geometry : geometry.getGeometryN(0));
  }

  private static void ensure(ByteBuffer buffer, FileChannel channel, int bytes) throws IOException {
    if (buffer.remaining() < bytes) {
      flush(buffer, channel);
    }
  }

  private static void flush(ByteBuffer buffer, FileChannel channel) throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    buffer.clear();
  }

  private static FileChannel open(File file) throws IOException {
    RandomAccessFile raf = new RandomAccessFile(file, "rw");
    raf.setLength(0);
    return raf.getChannel();
  }

  static String limitText(long bytes) {
    return bytes == MAX_FILE_BYTES ? "2 GB" : bytes + "-byte";
  }
}
