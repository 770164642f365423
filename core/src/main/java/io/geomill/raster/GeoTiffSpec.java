package io.geomill.raster;

import io.geomill.vector.LayerCrs;
import java.io.Serializable;

/**
 * What an output GeoTIFF holds: its sample type, nodata value and georeferencing, and how it is stored.
 *
 * @param type         {@link RasterDataType#FLOAT32} or {@link RasterDataType#BYTE}
 * @param nodata       written as GDAL_NODATA (see declaresNodata); also fills the parts of edge blocks that lie
 *                     outside the raster
 * @param geoTransform the grid's position
 * @param crs          the CRS (GeoTIFF keys as GeoTools encodes it), or null for none
 * @param options      block size, compression, BigTIFF
 * @param declaresNodata whether GDAL_NODATA is written (else {@code nodata} only fills the edge blocks)
 */
public record GeoTiffSpec(RasterDataType type, double nodata, GeoTransform geoTransform, LayerCrs crs,
    GeoTiffOptions options, boolean declaresNodata) implements Serializable {

  public GeoTiffSpec {
    if (type != RasterDataType.FLOAT32 && type != RasterDataType.BYTE) {
      throw new IllegalArgumentException("GeoMill writes Float32 or Byte GeoTIFFs, not " + type);
    }
    if (type == RasterDataType.BYTE && (nodata != Math.rint(nodata) || nodata < 0 || nodata > 255)) {
      throw new IllegalArgumentException("a Byte raster's nodata must be a whole number 0-255, was " + nodata);
    }
  }

  /** A GeoTIFF that declares its nodata value. */
  public GeoTiffSpec(RasterDataType type, double nodata, GeoTransform geoTransform, LayerCrs crs,
      GeoTiffOptions options) {
    this(type, nodata, geoTransform, crs, options, true);
  }
}
