package io.geomill.raster;

import java.io.IOException;

/**
 * Inflates the DEFLATE (zlib-wrapped) blocks of a TIFF, one instance per {@link TiffBlockReader}: not thread-safe.
 */
interface BlockInflater {
  /**
   * Inflates the zlib stream {@code compressed[0, count)} of block {@code block} into {@code raw[0, needed)}: the
   * block's first rows, or all of it when {@code needed == whole}, its size decoded; {@code raw} holds at least
   * {@code whole} bytes and what lies past {@code needed} afterwards is unspecified.
   *
   * @throws IOException when the data is corrupt or decompresses to fewer than {@code needed} bytes
   */
  void inflate(byte[] compressed, int count, byte[] raw, int needed, int whole, int block) throws IOException;

  /**
   * As system property {@code geomill.libdeflate} says: {@code false}, zlib alone; {@code true}, libdeflate from
   * the first block; otherwise libdeflate once enough has been inflated to be worth loading it (see
   * {@link LibdeflateInflater}). zlib wherever libdeflate is missing.
   */
  static BlockInflater create() {
    return switch (System.getProperty("geomill.libdeflate", "")) {
      case "false" -> new ZlibInflater();
      case "true" -> new LibdeflateInflater(new ZlibInflater(), LibdeflateInflater.LIBRARY, 0);
      default -> new LibdeflateInflater(new ZlibInflater());
    };
  }
}
