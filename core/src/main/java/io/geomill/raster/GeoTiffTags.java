package io.geomill.raster;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.geotools.coverage.grid.io.imageio.geotiff.CRS2GeoTiffMetadataAdapter;
import org.geotools.coverage.grid.io.imageio.geotiff.GeoTiffException;
import org.geotools.coverage.grid.io.imageio.geotiff.GeoTiffIIOMetadataEncoder;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The GeoTIFF tags of an output (GeoKeyDirectory, GeoDoubleParams, GeoAsciiParams, the model tie point and pixel
 * scale or the model transformation) exactly as GeoTools' GeoTiffWriter would write them: GeoTools' own encoder
 * builds them, and they are taken from the ImageIO metadata tree it produces. Plus GDAL_NODATA, if declared.
 */
final class GeoTiffTags {
  private GeoTiffTags() {}

  static final int GDAL_NODATA = 42113;
  private static final int GT_RASTER_TYPE_GEO_KEY = 1025;
  private static final int RASTER_PIXEL_IS_AREA = 1;

  /** One TIFF directory entry: its values as little-endian bytes. */
  record Entry(int tag, int type, long count, byte[] bytes) {
    static final int ASCII = 2;
    static final int SHORT = 3;
    static final int LONG = 4;
    static final int DOUBLE = 12;
    static final int LONG8 = 16;

    static Entry shorts(int tag, int... values) {
      ByteBuffer bytes = buffer(values.length * 2);
      for (int v : values) {
        bytes.putShort((short) v);
      }
      return new Entry(tag, SHORT, values.length, bytes.array());
    }

    static Entry longs(int tag, long... values) {
      ByteBuffer bytes = buffer(values.length * 4);
      for (long v : values) {
        bytes.putInt((int) v);
      }
      return new Entry(tag, LONG, values.length, bytes.array());
    }

    static Entry long8s(int tag, long... values) {
      ByteBuffer bytes = buffer(values.length * 8);
      for (long v : values) {
        bytes.putLong(v);
      }
      return new Entry(tag, LONG8, values.length, bytes.array());
    }

    static Entry doubles(int tag, double... values) {
      ByteBuffer bytes = buffer(values.length * 8);
      for (double v : values) {
        bytes.putDouble(v);
      }
      return new Entry(tag, DOUBLE, values.length, bytes.array());
    }

    static Entry ascii(int tag, String text) {
      byte[] chars = (text + '\0').getBytes(StandardCharsets.US_ASCII);
      return new Entry(tag, ASCII, chars.length, chars);
    }

    private static ByteBuffer buffer(int size) {
      return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
  }

  static List<Entry> of(GeoTiffSpec spec) throws GeoTiffException {
    GeoTiffIIOMetadataEncoder encoder = spec.crs() == null ? new GeoTiffIIOMetadataEncoder()
        : new CRS2GeoTiffMetadataAdapter(spec.crs().toGeoTools()).parseCoordinateReferenceSystem();
    encoder.addGeoShortParam(GT_RASTER_TYPE_GEO_KEY, RASTER_PIXEL_IS_AREA);
    GeoTransform grid = spec.geoTransform();
    if (grid.isRotated()) {
      encoder.setModelTransformation(grid.toCornerTransform());
    } else {
      encoder.setModelTiePoint(0, 0, 0, grid.originX(), grid.originY(), 0);
      encoder.setModelPixelScale(grid.pixelWidth(), -grid.pixelHeight(), 0);
    }
    List<Entry> entries = new ArrayList<>();
    NodeList fields = encoder.createRootTree().getElementsByTagName("TIFFField");
    for (int i = 0; i < fields.getLength(); i++) {
      Element field = (Element) fields.item(i);
      int tag = Integer.parseInt(field.getAttribute("number"));
      if (tag != GDAL_NODATA) {
        entries.add(entry(tag, field));
      }
    }
    if (spec.declaresNodata()) {
      entries.add(Entry.ascii(GDAL_NODATA, nodataText(spec.nodata())));
    }
    return entries;
  }

  private static Entry entry(int tag, Element field) {
    Element values = firstElement(field);
    List<String> texts = new ArrayList<>();
    for (Node child = values.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element value) {
        texts.add(value.getAttribute("value"));
      }
    }
    return switch (values.getTagName()) {
      case "TIFFShorts" -> Entry.shorts(tag, texts.stream().mapToInt(Integer::parseInt).toArray());
      case "TIFFDoubles" -> Entry.doubles(tag, texts.stream().mapToDouble(Double::parseDouble).toArray());
      case "TIFFAsciis" -> Entry.ascii(tag, String.join("", texts));
      default -> throw new IllegalStateException("GeoTools encoded tag " + tag + " as " + values.getTagName()
          + ", which GeoMill does not write");
    };
  }

  private static Element firstElement(Element parent) {
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element) {
        return element;
      }
    }
    throw new IllegalStateException("GeoTools encoded an empty TIFF field");
  }

  /** As GDAL writes it: "nan", a whole number without decimals, else Java's shortest exact form. */
  static String nodataText(double nodata) {
    if (Double.isNaN(nodata)) {
      return "nan";
    }
    if (nodata == Math.rint(nodata) && Math.abs(nodata) < 1e15) {
      return Long.toString((long) nodata);
    }
    return Double.toString(nodata);
  }
}
