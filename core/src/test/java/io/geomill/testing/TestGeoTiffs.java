package io.geomill.testing;

import it.geosolutions.jaiext.range.NoDataContainer;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.File;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import javax.media.jai.PlanarImage;
import javax.media.jai.RasterFactory;
import org.geotools.api.parameter.GeneralParameterValue;
import org.geotools.api.parameter.ParameterValue;
import org.geotools.api.referencing.FactoryException;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridCoverageFactory;
import org.geotools.coverage.grid.io.AbstractGridFormat;
import org.geotools.coverage.grid.io.imageio.GeoToolsWriteParams;
import org.geotools.coverage.util.CoverageUtilities;
import org.geotools.gce.geotiff.GeoTiffWriteParams;
import org.geotools.gce.geotiff.GeoTiffWriter;
import org.geotools.geometry.jts.ReferencedEnvelope;
import org.geotools.referencing.CRS;

/**
 * GeoTIFFs written by GeoTools' GeoTiffWriter for tests: any sample type, band count, compression and layout
 * (strips or tiles), with values from a function, so a test knows every cell it reads back.
 */
public final class TestGeoTiffs {
  private TestGeoTiffs() {}

  /** The value of a cell. */
  @FunctionalInterface
  public interface Cells {
    double value(int band, int column, int row);
  }

  /**
   * How to write it.
   *
   * @param dataType    a java.awt.image.DataBuffer type
   * @param compression null (none), "Deflate", "LZW" or "PackBits"
   * @param tileSize    0 for strips, else square tiles of this size (a multiple of 16)
   * @param nodata      written as GDAL_NODATA, or null
   * @param epsg        the CRS, EPSG:epsg
   */
  public record Layout(int dataType, int width, int height, int bands, String compression, int tileSize,
      Double nodata, int epsg, double west, double north, double cellSize) {

    /** Float32, one band, uncompressed strips, UTM 33N with 30 m cells. */
    public static Layout float32(int width, int height) {
      return new Layout(DataBuffer.TYPE_FLOAT, width, height, 1, null, 0, null, 32633, 500_000, 4_001_440, 30);
    }

    public Layout type(int type) {
      return new Layout(type, width, height, bands, compression, tileSize, nodata, epsg, west, north, cellSize);
    }

    public Layout bands(int count) {
      return new Layout(dataType, width, height, count, compression, tileSize, nodata, epsg, west, north, cellSize);
    }

    public Layout compression(String name) {
      return new Layout(dataType, width, height, bands, name, tileSize, nodata, epsg, west, north, cellSize);
    }

    public Layout tiles(int size) {
      return new Layout(dataType, width, height, bands, compression, size, nodata, epsg, west, north, cellSize);
    }

    public Layout nodata(Double value) {
      return new Layout(dataType, width, height, bands, compression, tileSize, value, epsg, west, north, cellSize);
    }

    public Layout crs(int code, double westEdge, double northEdge, double cell) {
      return new Layout(dataType, width, height, bands, compression, tileSize, nodata, code, westEdge, northEdge,
          cell);
    }
  }

  public static void write(File file, Layout layout, Cells cells) throws IOException {
    WritableRaster raster = RasterFactory.createBandedRaster(layout.dataType(), layout.width(), layout.height(),
        layout.bands(), null);
    for (int band = 0; band < layout.bands(); band++) {
      for (int row = 0; row < layout.height(); row++) {
        for (int column = 0; column < layout.width(); column++) {
          raster.setSample(column, row, band, cells.value(band, column, row));
        }
      }
    }
    ReferencedEnvelope envelope;
    try {
      envelope = new ReferencedEnvelope(layout.west(), layout.west() + layout.width() * layout.cellSize(),
          layout.north() - layout.height() * layout.cellSize(), layout.north(),
          CRS.decode("EPSG:" + layout.epsg(), true));
    } catch (FactoryException e) {
      throw new IllegalArgumentException("EPSG:" + layout.epsg() + " is not in GeoTools' EPSG database", e);
    }
    Map<String, Object> properties = new HashMap<>();
    if (layout.nodata() != null) {
      CoverageUtilities.setNoDataProperty(properties, new NoDataContainer(layout.nodata()));
    }
    ColorModel colors = PlanarImage.createColorModel(raster.getSampleModel());
    if (colors == null) { // JAI has none for signed 16-bit samples; a grey one does
      colors = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), false, false,
          Transparency.OPAQUE, layout.dataType());
    }
    BufferedImage image = new BufferedImage(colors, raster, false, null);
    GridCoverage2D coverage = new GridCoverageFactory().create(file.getName(), image, envelope, null, null,
        properties);
    GeoTiffWriter writer = new GeoTiffWriter(file);
    try {
      writer.write(coverage, new GeneralParameterValue[] {params(layout)});
    } finally {
      writer.dispose();
      coverage.dispose(true);
    }
  }

  private static ParameterValue<GeoToolsWriteParams> params(Layout layout) {
    GeoTiffWriteParams params = new GeoTiffWriteParams();
    if (layout.compression() != null) {
      params.setCompressionMode(GeoTiffWriteParams.MODE_EXPLICIT);
      params.setCompressionType(layout.compression());
    }
    if (layout.tileSize() > 0) {
      params.setTilingMode(GeoTiffWriteParams.MODE_EXPLICIT);
      params.setTiling(layout.tileSize(), layout.tileSize());
    }
    ParameterValue<GeoToolsWriteParams> value = AbstractGridFormat.GEOTOOLS_WRITE_PARAMS.createValue();
    value.setValue(params);
    return value;
  }
}
