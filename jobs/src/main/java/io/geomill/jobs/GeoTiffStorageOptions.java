package io.geomill.jobs;

import io.geomill.raster.GeoTiffOptions;
import java.util.Locale;
import picocli.CommandLine.Option;

/** How a raster job stores its GeoTIFFs (compression, DEFLATE level, block size): the same options in every job. */
public final class GeoTiffStorageOptions {
  @Option(names = "--compress", paramLabel = "deflate|none", defaultValue = "deflate",
      description = "Output compression: deflate (default, see --deflate-level) or none.")
  String compress;

  @Option(names = "--deflate-level", paramLabel = "fast|L", defaultValue = "fast",
      description = "DEFLATE with Huffman coding only (fast, the default: the quickest, files about the size"
          + " level 1 gives) or at level 1 (fastest full DEFLATE) to 9 (smallest).")
  String deflateLevel;

  @Option(names = "--block-size", paramLabel = "N", defaultValue = "256",
      description = "Side of the output GeoTIFFs' square blocks (TIFF tiles), a multiple of 16 (default 256).")
  int blockSize;

  /**
   * @throws IllegalArgumentException naming the option whose value is wrong
   */
  GeoTiffOptions options() {
    GeoTiffOptions blocks = GeoTiffOptions.DEFAULTS.withBlockSize(blockSize);
    return switch (compress.strip().toLowerCase(Locale.ROOT)) {
      case "deflate" -> deflateLevel.strip().equalsIgnoreCase("fast") ? blocks.withHuffmanOnly()
          : blocks.withDeflateLevel(deflateLevel());
      case "none" -> blocks.withDeflateLevel(0);
      default -> throw new IllegalArgumentException("--compress " + compress + ": deflate or none");
    };
  }

  private int deflateLevel() {
    String why = "--deflate-level " + deflateLevel + ": fast, or 1 (fastest) to 9 (smallest); --compress none"
        + " writes uncompressed files";
    try {
      int level = Integer.parseInt(deflateLevel.strip());
      if (level < 1 || level > 9) {
        throw new IllegalArgumentException(why);
      }
      return level;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(why, e);
    }
  }
}
