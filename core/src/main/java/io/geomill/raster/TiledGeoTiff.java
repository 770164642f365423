package io.geomill.raster;

import io.geomill.batch.ItemContext;
import io.geomill.batch.PartsContext;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Arrays;

/**
 * How a raster job writes a product on a raster's {@link RasterTiling}: where a tile is computed, its blocks are
 * encoded into a part file ({@link #writeTile}); the item's finish streams them into one GeoTIFF
 * ({@link #assemble}), which no task ever holds whole. Uncompressed blocks, whose places in the file are known
 * beforehand, go instead straight into the output file the parts share where the output folder is on the local
 * disk ({@link PlacedGeoTiff}), and the finish only adds the header: no part files, and no copy of the whole
 * raster on one thread after the last tile. A raster of one tile is encoded and written in one go
 * ({@link #writeWhole}).
 */
public final class TiledGeoTiff {
  private static final int STREAM_BUFFER = 1 << 20;

  private TiledGeoTiff() {}

  /**
   * A tile's blocks as {@link #writeTile} wrote them.
   *
   * @param sizes   their byte counts
   * @param inPlace whether they went into the output file the parts share, not into a part file
   */
  public record TileBlocks(int[] sizes, boolean inPlace) implements Serializable {}

  /**
   * Encodes one tile's values (row-major: float[], double[] or byte[] as the spec's type) into the part file
   * {@code partFile}, staged in {@code context}, or into their places in the output the parts share.
   *
   * @return where the tile's blocks went, for {@link #assemble}
   */
  public static TileBlocks writeTile(ItemContext context, String partFile, GeoTiffSpec spec, RasterTiling tiling,
      RasterTiling.Tile tile, Object values) throws IOException {
    File shared = sharedOutput(context, partFile, spec);
    if (shared != null) {
      return new TileBlocks(PlacedGeoTiff.writeTile(shared, spec, tiling, tile, values), true);
    }
    try (BlockEncoder encoder = new BlockEncoder(spec.type(), spec.options(), spec.nodata());
         OutputStream out = new BufferedOutputStream(new FileOutputStream(context.stage(partFile)), STREAM_BUFFER)) {
      return new TileBlocks(encoder.encode(values, tiling, tile, out), false);
    }
  }

  /**
   * Writes the output {@code outputName} (staged) from every tile's blocks ({@code tiles}, in tile order): streams
   * their part files {@code partFile} into it, or adds the header to the file they were written into in place.
   */
  public static void assemble(PartsContext context, String outputName, String partFile, RasterTiling tiling,
      GeoTiffSpec spec, TileBlocks[] tiles) throws IOException {
    long inPlace = Arrays.stream(tiles).filter(TileBlocks::inPlace).count();
    if (inPlace == tiles.length) {
      PlacedGeoTiff.writeHeader(context.stageShared(partFile, outputName), tiling, spec);
      return;
    }
    if (inPlace > 0) {
      throw new IllegalStateException(outputName + ": " + inPlace + " of " + tiles.length
          + " tiles were written in place, the others into part files");
    }
    int[][] blockSizes = Arrays.stream(tiles).map(TileBlocks::sizes).toArray(int[][]::new);
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

  /**
   * The output file a part writes its blocks into in place, or null for a part file: uncompressed blocks where
   * the context has a file the parts share (an item in parts on a local output folder).
   */
  private static File sharedOutput(ItemContext context, String partFile, GeoTiffSpec spec) {
    return PlacedGeoTiff.applies(spec.options()) ? context.sharedFile(partFile) : null;
  }
}
