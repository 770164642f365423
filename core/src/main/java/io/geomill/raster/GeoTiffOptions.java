package io.geomill.raster;

import java.io.Serializable;

/**
 * How GeoMill writes a GeoTIFF: tiled in square blocks, DEFLATE-compressed (with the predictor that suits the
 * sample type, which GDAL and GeoTools both decode) or not compressed, and BigTIFF when the file would not fit a
 * classic TIFF's 32-bit offsets (or always, if asked).
 *
 * @param blockSize    width and height of a storage block (a TIFF tile), a multiple of 16 as TIFF requires
 * @param deflateLevel 1 (fastest, the default) to 9 (smallest), or 0 for no compression. GDAL's default is 6; on
 *                     tiles of the 10k x 10k DEM level 1 compressed 2 to 3 times as fast, 4 to 7 % larger
 * @param predictor    difference neighbouring values before compressing (the floating-point predictor for Float32,
 *                     horizontal differencing for Byte): smaller files for smooth data such as DEMs
 * @param bigTiff      always write BigTIFF (true), or only when a classic TIFF cannot hold the data (false)
 * @param huffmanOnly  DEFLATE with Huffman coding only (as zlib's HUFFMAN_ONLY strategy: no search for repeated
 *                     strings; coded by {@link HuffmanDeflater}), the default: still DEFLATE, read by every reader. On the slope of a 2048 x 2048 tile
 *                     of the benchmark DEM encoding (predictor included) took 33 % less CPU than level 1 for a
 *                     file 6 % larger; its hillshade compressed 28 % faster into a file 17 % smaller (predicted
 *                     data holds few repeated strings to find)
 */
public record GeoTiffOptions(int blockSize, int deflateLevel, boolean predictor, boolean bigTiff,
    boolean huffmanOnly) implements Serializable {
  public static final GeoTiffOptions DEFAULTS = new GeoTiffOptions(256, 1, true, false, true);

  public GeoTiffOptions {
    if (blockSize < 16 || blockSize % 16 != 0) {
      throw new IllegalArgumentException("block size must be a positive multiple of 16, was " + blockSize);
    }
    if (deflateLevel < 0 || deflateLevel > 9) {
      throw new IllegalArgumentException("deflate level must be 0 (none) to 9, was " + deflateLevel);
    }
  }

  public boolean compressed() {
    return deflateLevel > 0;
  }

  /** DEFLATE at {@code level} 1-9 with zlib's full search for repeated strings, or 0 for no compression. */
  public GeoTiffOptions withDeflateLevel(int level) {
    return new GeoTiffOptions(blockSize, level, predictor, bigTiff, false);
  }

  /** DEFLATE with Huffman coding only (see the record's comment). */
  public GeoTiffOptions withHuffmanOnly() {
    return new GeoTiffOptions(blockSize, 1, predictor, bigTiff, true);
  }

  public GeoTiffOptions withBlockSize(int size) {
    return new GeoTiffOptions(size, deflateLevel, predictor, bigTiff, huffmanOnly);
  }

  public GeoTiffOptions withBigTiff(boolean always) {
    return new GeoTiffOptions(blockSize, deflateLevel, predictor, always, huffmanOnly);
  }
}
