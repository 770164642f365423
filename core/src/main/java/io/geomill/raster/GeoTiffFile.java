package io.geomill.raster;

import io.geomill.crs.Wgs84Crs;
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
import org.geotools.coverage.grid.io.imageio.geotiff.GeoKeyEntry;
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
  // GeoTIFF 1.0 key IDs
  private static final int GT_MODEL_TYPE = 1024;
  private static final int GT_RASTER_TYPE = 1025;
  private static final int GT_CITATION = 1026;
  private static final int GEOGRAPHIC_TYPE = 2048;
  private static final int GEOG_CITATION = 2049;
  private static final int GEOG_LINEAR_UNITS = 2052;
  private static final int GEOG_ANGULAR_UNITS = 2054;
  private static final int GEOG_SEMI_MAJOR_AXIS = 2057;
  private static final int GEOG_INV_FLATTENING = 2059;
  private static final int PROJECTED_CS_TYPE = 3072;
  private static final int PCS_CITATION = 3073;
  private static final int PROJ_LINEAR_UNITS = 3076;

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
        CoordinateReferenceSystem decoded = decodeCrs(metadata);
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

  /**
   * The CRS of the GeoTIFF keys, as GeoTools' decoder gives it. Keys that only name one of {@link Wgs84Crs}'s EPSG
   * codes (what GDAL writes for them) are taken as that code without the decoder, which would open GeoTools' EPSG
   * database for it.
   */
  static CoordinateReferenceSystem decodeCrs(GeoTiffIIOMetadataDecoder metadata) throws Exception {
    Integer code = wgs84Code(metadata);
    return code != null ? Wgs84Crs.decode(code).orElseThrow() : decodedByGeoTools(metadata);
  }

  static CoordinateReferenceSystem decodedByGeoTools(GeoTiffIIOMetadataDecoder metadata) throws Exception {
    return new GeoTiffMetadata2CRSAdapter(LONGITUDE_FIRST).createCoordinateSystem(metadata);
  }

  /**
   * The code when the keys are a model type, a raster type, citations, units in metres and degrees, the WGS 84
   * ellipsoid's axes, and one {@link Wgs84Crs} code (ProjectedCSTypeGeoKey of a projected model, or
   * GeographicTypeGeoKey 4326); else null.
   */
  static Integer wgs84Code(GeoTiffIIOMetadataDecoder metadata) {
    Integer code = null;
    String model = null;
    for (GeoKeyEntry key : metadata.getGeoKeys()) {
      int id = key.getKeyID();
      String value = metadata.getGeoKey(id);
      boolean known = switch (id) {
        case GT_MODEL_TYPE -> (model = value) != null;
        case GT_RASTER_TYPE, GT_CITATION, GEOG_CITATION, PCS_CITATION -> true;
        case GEOG_ANGULAR_UNITS -> "9102".equals(value);
        case GEOG_LINEAR_UNITS, PROJ_LINEAR_UNITS -> "9001".equals(value);
        case GEOG_SEMI_MAJOR_AXIS -> number(value) == 6378137.0;
        case GEOG_INV_FLATTENING -> number(value) == 298.257223563;
        case GEOGRAPHIC_TYPE -> String.valueOf(Wgs84Crs.LON_LAT).equals(value);
        case PROJECTED_CS_TYPE -> (code = wgs84Code(value)) != null;
        default -> false;
      };
      if (!known) {
        return null;
      }
    }
    if ("1".equals(model)) {
      return code;
    }
    return "2".equals(model) && code == null && metadata.getGeoKey(GEOGRAPHIC_TYPE) != null ? Wgs84Crs.LON_LAT
        : null;
  }

  private static Integer wgs84Code(String value) {
    try {
      int code = Integer.parseInt(value);
      return Wgs84Crs.decode(code).isPresent() ? code : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static double number(String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException | NullPointerException e) {
      return Double.NaN;
    }
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
