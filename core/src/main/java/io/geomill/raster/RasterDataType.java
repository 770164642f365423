package io.geomill.raster;

import java.awt.image.DataBuffer;

/** The sample types GeoMill reads, by GDAL's names; {@link #FLOAT32} and {@link #BYTE} are also written. */
public enum RasterDataType {
  BYTE("Byte", DataBuffer.TYPE_BYTE, 8, 1),
  UINT16("UInt16", DataBuffer.TYPE_USHORT, 16, 1),
  INT16("Int16", DataBuffer.TYPE_SHORT, 16, 2),
  INT32("Int32", DataBuffer.TYPE_INT, 32, 2),
  FLOAT32("Float32", DataBuffer.TYPE_FLOAT, 32, 3),
  FLOAT64("Float64", DataBuffer.TYPE_DOUBLE, 64, 3);

  /** GDAL's name of the type, as gdalinfo prints it. */
  public final String gdalName;
  /** The java.awt.image.DataBuffer type ImageIO decodes it into. */
  final int dataBufferType;
  /** TIFF BitsPerSample. */
  final int bits;
  /** TIFF SampleFormat: 1 unsigned integer, 2 signed integer, 3 IEEE float. */
  final int tiffSampleFormat;

  RasterDataType(String gdalName, int dataBufferType, int bits, int tiffSampleFormat) {
    this.gdalName = gdalName;
    this.dataBufferType = dataBufferType;
    this.bits = bits;
    this.tiffSampleFormat = tiffSampleFormat;
  }

  public int bytesPerSample() {
    return bits / 8;
  }

  public boolean isFloatingPoint() {
    return tiffSampleFormat == 3;
  }

  static RasterDataType ofDataBuffer(int dataBufferType, String what) throws RasterException {
    for (RasterDataType type : values()) {
      if (type.dataBufferType == dataBufferType) {
        return type;
      }
    }
    throw new RasterException(what + ": unsupported sample type (java.awt.image.DataBuffer type "
        + dataBufferType + "); GeoMill reads Byte, UInt16, Int16, Int32, Float32 and Float64");
  }

  @Override
  public String toString() {
    return gdalName;
  }
}
