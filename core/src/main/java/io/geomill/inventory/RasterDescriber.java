package io.geomill.inventory;

import io.geomill.raster.Coverages;
import io.geomill.raster.RasterException;
import io.geomill.raster.TiffStructure;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.io.File;
import org.geotools.api.geometry.Bounds;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.operation.MathTransform2D;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.io.AbstractGridCoverage2DReader;
import org.geotools.gce.arcgrid.ArcGridReader;
import org.geotools.gce.geotiff.GeoTiffReader;
import org.geotools.referencing.crs.DefaultEngineeringCRS;
import org.geotools.util.factory.Hints;
import org.locationtech.jts.geom.Envelope;

/**
 * GeoTIFF and Esri ASCII grid, through GeoTools' readers.
 *
 * <p>The value range is computed from every pixel, one image tile (or strip) at a time: GeoTools reads a
 * GeoTIFF lazily through JAI, so memory holds a few tiles, not the raster. A GeoTIFF stored as a single huge
 * strip is the exception (its one "tile" is the whole image), and ASCII grids are parsed as text by the
 * ImageIO-ext reader.
 */
final class RasterDescriber implements Describer {

  /** GeoTools' message when GeoTIFF keys describe a user-defined or engineering CRS it cannot build. */
  private static final String UNSUPPORTED_KEYS = "Only Geographic & Projected Systems are supported";

  private final Format format;

  RasterDescriber(Format format) {
    if (format != Format.GEOTIFF && format != Format.ASCII_GRID) {
      throw new IllegalArgumentException("not a raster format: " + format);
    }
    this.format = format;
  }

  @Override
  public void describe(LocalDataset dataset, FileDescription.Builder out) throws Exception {
    out.format(FileDescription.RASTER, format.label);
    File file = dataset.primary();
    CoordinateReferenceSystem prjCrs = Crs.fromPrj(dataset, out);
    if (format == Format.GEOTIFF) {
      try {
        TiffStructure.check(file);
      } catch (RasterException e) {
        throw new InvalidDataException(e.getMessage(), e);
      }
    }
    String missingCrs = format == Format.GEOTIFF ? "(no GeoTIFF CRS keys and no .prj)" : "(.prj missing)";
    AbstractGridCoverage2DReader reader;
    try {
      reader = open(file, prjCrs);
    } catch (Exception e) {
      if (format != Format.GEOTIFF || !causedBy(e, UNSUPPORTED_KEYS)) {
        throw new InvalidDataException("cannot read " + format.label + ": " + InvalidDataException.reasonOf(e), e);
      }
      reader = new GeoTiffReader(file, defaultCrs(prjCrs != null ? prjCrs : DefaultEngineeringCRS.GENERIC_2D));
      missingCrs = "(the GeoTIFF keys define neither a geographic nor a projected CRS)";
    }
    try {
      GridCoverage2D coverage = reader.read(null);
      try {
        CoordinateReferenceSystem crs = prjCrs != null ? prjCrs : coverage.getCoordinateReferenceSystem2D();
        // Readers put a placeholder engineering CRS on data that has none: that is no CRS, not a local one.
        if (crs != prjCrs && Crs.isUnknown(crs)) {
          crs = null;
        }
        describeGrid(coverage, out);
        Bounds envelope = coverage.getEnvelope2D();
        Envelope bounds = new Envelope(envelope.getMinimum(0), envelope.getMaximum(0), envelope.getMinimum(1),
            envelope.getMaximum(1));
        Crs.describe(crs, bounds, missingCrs, out);
      } finally {
        coverage.dispose(true);
      }
    } finally {
      reader.dispose();
    }
  }

  private AbstractGridCoverage2DReader open(File file, CoordinateReferenceSystem prjCrs) throws Exception {
    if (format == Format.GEOTIFF) {
      // No CRS hint here: GeoTools would let it override the GeoTIFF's own keys.
      return new GeoTiffReader(file);
    }
    return prjCrs != null ? new ArcGridReader(file, defaultCrs(prjCrs)) : new ArcGridReader(file);
  }

  private static Hints defaultCrs(CoordinateReferenceSystem crs) {
    return new Hints(Hints.DEFAULT_COORDINATE_REFERENCE_SYSTEM, crs);
  }

  private void describeGrid(GridCoverage2D coverage, FileDescription.Builder out)
      throws InvalidDataException {
    RenderedImage image = coverage.getRenderedImage();
    int dataType = image.getSampleModel().getDataType();
    pixelSize(coverage, out);
    Double nodata = Coverages.nodata(coverage);
    out.nodata(nodata);
    if (nodata == null) {
      out.problem("no nodata value set");
    }
    boolean integral = valueRange(image, nodata, dataType, out);
    // ASCII grids have no sample type; GeoTools reads them as doubles. GDAL calls a grid of whole numbers
    // Int32, and so do we, so the two tools agree.
    String type = format == Format.ASCII_GRID ? (integral ? "Int32" : "Float32") : typeName(dataType);
    out.grid(image.getWidth(), image.getHeight(), image.getSampleModel().getNumBands(), type);
  }

  private static void pixelSize(GridCoverage2D coverage, FileDescription.Builder out) {
    MathTransform2D gridToCrs = coverage.getGridGeometry().getGridToCRS2D();
    if (!(gridToCrs instanceof AffineTransform affine)) {
      out.problem("the grid is not affine: no pixel size");
      return;
    }
    if (affine.getShearX() != 0 || affine.getShearY() != 0) {
      out.problem("rotated grid: pixel sizes are the lengths of a pixel's sides");
    }
    out.pixelSize(Math.hypot(affine.getScaleX(), affine.getShearY()),
        Math.hypot(affine.getShearX(), affine.getScaleY()));
  }

  /**
   * Min and max over all bands, tile by tile; NaN and no-data pixels are not values.
   *
   * @return whether every value (no-data included) is a whole number
   */
  private static boolean valueRange(RenderedImage image, Double nodata, int dataType, FileDescription.Builder out)
      throws InvalidDataException {
    // Float32 pixels are compared as floats: a no-data value written as "-3.4028235e+38" is not the double
    // nearest to it, but it is the same float.
    boolean asFloat = dataType == DataBuffer.TYPE_FLOAT;
    double nodataValue = nodata == null ? Double.NaN : asFloat ? (float) nodata.doubleValue() : nodata;
    Rectangle imageBounds = new Rectangle(image.getMinX(), image.getMinY(), image.getWidth(), image.getHeight());
    int bands = image.getSampleModel().getNumBands();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    long valid = 0;
    boolean integral = nodata == null || nodata == Math.rint(nodata);
    try {
      for (int ty = 0; ty < image.getNumYTiles(); ty++) {
        for (int tx = 0; tx < image.getNumXTiles(); tx++) {
          Raster tile = image.getTile(image.getMinTileX() + tx, image.getMinTileY() + ty);
          Rectangle area = tile.getBounds().intersection(imageBounds);
          double[] row = new double[area.width];
          for (int band = 0; band < bands; band++) {
            for (int y = area.y; y < area.y + area.height; y++) {
              tile.getSamples(area.x, y, area.width, 1, band, row);
              for (double value : row) {
                double v = asFloat ? (float) value : value;
                if (Double.isNaN(v) || v == nodataValue) {
                  continue;
                }
                valid++;
                integral &= v == Math.rint(v);
                min = Math.min(min, v);
                max = Math.max(max, v);
              }
            }
          }
        }
      }
    } catch (RuntimeException e) {
      throw new InvalidDataException("cannot read the pixels, the file is truncated or corrupt: "
          + InvalidDataException.reasonOf(e), e);
    }
    if (valid == 0) {
      out.problem("raster is all nodata");
    } else {
      out.valueRange(min, max);
    }
    return integral;
  }

  private static String typeName(int dataType) {
    return switch (dataType) {
      case DataBuffer.TYPE_BYTE -> "Byte";
      case DataBuffer.TYPE_USHORT -> "UInt16";
      case DataBuffer.TYPE_SHORT -> "Int16";
      case DataBuffer.TYPE_INT -> "Int32";
      case DataBuffer.TYPE_FLOAT -> "Float32";
      case DataBuffer.TYPE_DOUBLE -> "Float64";
      default -> "type " + dataType;
    };
  }

  private static boolean causedBy(Throwable error, String text) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(text)) {
        return true;
      }
    }
    return false;
  }
}
