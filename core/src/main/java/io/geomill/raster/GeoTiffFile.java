package io.geomill.raster;

import io.geomill.vector.LayerCrs;
import it.geosolutions.imageio.stream.input.FileImageInputStreamExtImpl;
import it.geosolutions.imageioimpl.plugins.tiff.TIFFImageReaderSpi;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.crs.EngineeringCRS;
import org.geotools.api.referencing.crs.GeographicCRS;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.coverage.grid.io.imageio.geotiff.GeoTiffIIOMetadataDecoder;
import org.geotools.coverage.grid.io.imageio.geotiff.GeoTiffMetadata2CRSAdapter;
import org.geotools.util.factory.Hints;

/**
 * A GeoTIFF read with the ImageIO-ext TIFF reader GeoTools itself uses, and georeferenced with GeoTools' GeoTIFF
 * metadata decoder: the same CRS, transform and nodata GeoTools' GeoTiffReader gives. Windows are decoded by
 * {@link TiffBlockReader} straight from the blocks they touch when the file's layout is one it decodes (one band,
 * uncompressed or DEFLATE: what GDAL and GeoMill write), else by the image reader with a source region, which
 * also decodes only the tiles or strips the region touches (GeoTiffReader would build a coverage, with its JAI
 * chain, around every read).
 */
final class GeoTiffFile extends RasterFile {
  private static final TIFFImageReaderSpi READERS = new TIFFImageReaderSpi();
  private static final Hints LONGITUDE_FIRST = new Hints(Hints.FORCE_LONGITUDE_FIRST_AXIS_ORDER, Boolean.TRUE);

  private final ImageInputStream in;
  private final ImageReader reader;
  /** Decodes the windows when the file's layout allows (most GeoTIFFs), else null: the image reader does. */
  private final TiffBlockReader blocks;

  private GeoTiffFile(RasterInfo info, String missingCrs, ImageInputStream in, ImageReader reader,
      TiffBlockReader.Layout layout, String identity) {
    super(info, missingCrs);
    this.in = in;
    this.reader = reader;
    this.blocks = layout != null && layout.type() == info.dataType() && layout.width() == info.width()
        && layout.height() == info.height() && info.bandCount() == 1
        ? new TiffBlockReader(layout, in, info.nodata(), identity) : null;
  }

  static GeoTiffFile open(File file, String name) throws IOException {
    if (!file.isFile()) {
      throw new RasterException(name + ": no such file");
    }
    if (file.length() == 0) {
      throw new RasterException(name + ": empty file (0 bytes)");
    }
    return open(new FileImageInputStreamExtImpl(file), name,
        identity(file.getAbsolutePath(), file.length(), file.lastModified()));
  }

  /** Takes {@code in} over: it is closed with the file, or at once if the file cannot be opened. */
  static GeoTiffFile open(ImageInputStream in, String name) throws IOException {
    return open(in, name, null);
  }

  /** What names a file and its version, for decoded cells shared between tasks ({@link SharedBlocks}). */
  static String identity(String path, long length, long modified) {
    return path + "|" + length + "|" + modified;
  }

  /**
   * Takes {@code in} over: it is closed with the file, or at once if the file cannot be opened.
   *
   * @param identity see {@link #identity}; null to share no decoded cells with other open files
   */
  static GeoTiffFile open(ImageInputStream in, String name, String identity) throws IOException {
    ImageReader reader = null;
    try {
      TiffStructure structure;
      try {
        structure = TiffStructure.check(in);
      } catch (RasterException e) {
        throw new RasterException(name + ": " + e.getMessage(), e);
      }
      in.seek(0);
      reader = READERS.createReaderInstance();
      reader.setInput(in);
      GeoTiffFile file = read(name, in, reader, structure.blocks(), identity);
      reader = null;
      return file;
    } catch (RasterException e) {
      throw e;
    } catch (Exception e) {
      throw new RasterException(name + ": cannot read the GeoTIFF", e);
    } finally {
      if (reader != null) {
        reader.dispose();
        in.close();
      }
    }
  }

  private static GeoTiffFile read(String name, ImageInputStream in, ImageReader reader,
      TiffBlockReader.Layout layout, String identity) throws Exception {
    int width = reader.getWidth(0);
    int height = reader.getHeight(0);
    SampleModel samples = reader.getRawImageType(0).getSampleModel();
    RasterDataType type = RasterDataType.ofDataBuffer(samples.getDataType(), name);
    GeoTiffIIOMetadataDecoder metadata = new GeoTiffIIOMetadataDecoder(reader.getImageMetadata(0));
    if (!metadata.hasModelTrasformation() && !(metadata.hasPixelScales() && metadata.hasTiePoints())) {
      throw new RasterException(name + ": not georeferenced: the TIFF has no ModelTiepoint and ModelPixelScale"
          + " or ModelTransformation tags");
    }
    // GeoTools maps cell centres; GDAL's geotransform (and ours) starts at the upper-left corner of a cell.
    MathTransform centres = GeoTiffMetadata2CRSAdapter.getRasterToModel(metadata);
    AffineTransform corners = new AffineTransform((AffineTransform) centres);
    corners.translate(-0.5, -0.5);
    LayerCrs crs = null;
    boolean geographic = false;
    String missingCrs = "(the GeoTIFF has no CRS keys)";
    if (metadata.hasGeoKey()) {
      try {
        CoordinateReferenceSystem decoded = new GeoTiffMetadata2CRSAdapter(LONGITUDE_FIRST)
            .createCoordinateSystem(metadata);
        if (decoded != null && !(decoded instanceof EngineeringCRS)) {
          crs = RasterCrs.of(decoded);
          geographic = decoded instanceof GeographicCRS;
        }
      } catch (Exception e) {
        missingCrs = "(GeoTools cannot read its CRS keys: " + e.getMessage() + ")";
      }
    }
    Double nodata = metadata.hasNoData() ? metadata.getNoData() : null;
    RasterInfo info = new RasterInfo(name, RasterFormat.GEOTIFF, width, height, samples.getNumBands(), type,
        GeoTransform.ofCornerTransform(corners), crs, geographic, nodata, reader.getTileWidth(0),
        reader.getTileHeight(0));
    return new GeoTiffFile(info, crs == null ? missingCrs : null, in, reader, layout, identity);
  }

  @Override
  protected boolean readFloats(Rectangle region, int band, float[] values, int offset, int stride)
      throws IOException {
    if (blocks == null) {
      return false;
    }
    blocks.read(region, values, offset, stride);
    return true;
  }

  /** Whether windows are decoded by {@link TiffBlockReader} (for tests). */
  boolean decodesBlocks() {
    return blocks != null;
  }

  @Override
  protected Raster readRegion(Rectangle region) throws IOException {
    ImageReadParam param = reader.getDefaultReadParam();
    param.setSourceRegion(region);
    return reader.read(0, param).getRaster();
  }

  @Override
  public void close() throws IOException {
    reader.dispose();
    in.close();
  }
}
