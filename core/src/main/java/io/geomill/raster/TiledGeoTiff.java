package io.geomill.raster;

import io.geomill.batch.ItemContext;
import io.geomill.batch.PartsContext;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * How a raster job writes a product on a raster's {@link RasterTiling}: where a tile is computed, its blocks are
 * encoded into a part file ({@link #writeTile}); the item's finish streams them into one GeoTIFF
 * ({@link #assemble}), which no task ever holds whole. A raster of one tile is encoded and written in one go
 * ({@link #writeWhole}).
 */
public final class TiledGeoTiff {
  private static final int STREAM_BUFFER = 1 << 20;

  private TiledGeoTiff() {}

  /**
   * Encodes one tile's values (row-major: float[], double[] or byte[] as the spec's type) into the part file
   * {@code partFile}, staged in {@code context}.
   *
   * @return the byte counts of the tile's blocks, for {@link #assemble}
   */
  public static int[] writeTile(ItemContext context, String partFile, GeoTiffSpec spec, RasterTiling tiling,
      RasterTiling.Tile tile, Object values) throws IOException {
    try (BlockEncoder encoder = new BlockEncoder(spec.type(), spec.options(), spec.nodata());
         OutputStream out = new BufferedOutputStream(new FileOutputStream(context.stage(partFile)), STREAM_BUFFER)) {
      return encoder.encode(values, tiling, tile, out);
    }
  }

  /** Writes the output {@code outputName} (staged) from every tile's part file {@code partFile}. */
  public static void assemble(PartsContext context, String outputName, String partFile, RasterTiling tiling,
      GeoTiffSpec spec, int[][] blockSizes) throws IOException {
    try (OutputStream out = new BufferedOutputStream(new FileOutputStream(context.stage(outputName)),
        STREAM_BUFFER)) {
      GeoTiffAssembler.write(out, tiling, spec, blockSizes, tile -> context.openPart(tile, partFile));
    }
  }

  /** Writes the output {@code outputName} (staged) of a raster of one tile from its values. */
  public static void writeWhole(ItemContext context, String outputName, GeoTiffSpec spec, RasterTiling tiling,
      Object values) throws IOException {
    if (tiling.tileCount() != 1) {
      throw new IllegalArgumentException("a raster of " + tiling.tileCount() + " tiles is written in parts");
    }
    ByteArrayOutputStream blocks = new ByteArrayOutputStream();
    int[] sizes;
    try (BlockEncoder encoder = new BlockEncoder(spec.type(), spec.options(), spec.nodata())) {
      sizes = encoder.encode(values, tiling, tiling.tile(0), blocks);
    }
    try (OutputStream out = new BufferedOutputStream(new FileOutputStream(context.stage(outputName)),
        STREAM_BUFFER)) {
      GeoTiffAssembler.write(out, tiling, spec, new int[][] {sizes},
          tile -> new ByteArrayInputStream(blocks.toByteArray()));
    }
  }
}
