package io.geomill.raster;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * An uncompressed tiled GeoTIFF written in place by the tasks that compute its tiles, into one local file they
 * share: every block has the same byte count, so the file's layout (the header, then the blocks in row-major
 * order, as {@link GeoTiffAssembler} writes them) is known before any tile is computed, and each tile's blocks
 * go straight to their places ({@link #writeTile}); the finish adds the header ({@link #writeHeader}). So no part
 * files, and no copy of the whole raster into the output after the last tile, on one thread while the other
 * cores wait (400 MB for a 10k x 10k Float32 raster). The bytes are those {@link GeoTiffAssembler} writes from
 * the same blocks. Compressed blocks have sizes known only once encoded: those files are assembled.
 */
final class PlacedGeoTiff {
  /** The header of the last file laid out, which every tile of it needs (GeoTools encodes its CRS keys). */
  private static volatile Header last;

  private record Header(RasterTiling tiling, GeoTiffSpec spec, byte[] bytes) {}

  private PlacedGeoTiff() {}

  /** Whether a file of {@code options} can be written in place: uncompressed. */
  public static boolean applies(GeoTiffOptions options) {
    return !options.compressed();
  }

  /**
   * Encodes one tile's values (as {@link BlockEncoder#encode} takes them) into their places in {@code file},
   * created if it is not there yet; other tiles may be writing theirs at the same time.
   *
   * @return the byte counts of the tile's blocks (all the same)
   */
  public static int[] writeTile(File file, GeoTiffSpec spec, RasterTiling tiling, RasterTiling.Tile tile,
      Object values) throws IOException {
    requireUncompressed(spec);
    long dataStart = header(tiling, spec).length;
    int blockBytes = blockBytes(tiling, spec);
    int across = tiling.blocksAcross(tile);
    long[] places = new long[across * tiling.blocksDown(tile)];
    int blocksPerTile = tiling.tileSize() / tiling.blockSize();
    int firstColumn = (tile.index() % tiling.tilesAcross()) * blocksPerTile;
    int firstRow = (tile.index() / tiling.tilesAcross()) * blocksPerTile;
    for (int i = 0; i < places.length; i++) {
      long block = (long) (firstRow + i / across) * tiling.blocksAcross() + firstColumn + i % across;
      places[i] = dataStart + block * blockBytes;
    }
    try (BlockEncoder encoder = new BlockEncoder(spec.type(), spec.options(), spec.nodata());
         FileChannel channel = FileChannel.open(file.toPath(), StandardOpenOption.CREATE,
             StandardOpenOption.WRITE)) {
      return encoder.encode(values, tiling, tile, new PlacedBlocks(channel, places, blockBytes));
    }
  }

  /** Writes the header and directory at the start of {@code file}, whose every tile {@link #writeTile} wrote. */
  public static void writeHeader(File file, RasterTiling tiling, GeoTiffSpec spec) throws IOException {
    requireUncompressed(spec);
    try (FileChannel channel = FileChannel.open(file.toPath(), StandardOpenOption.WRITE)) {
      writeFully(channel, ByteBuffer.wrap(header(tiling, spec)), 0);
    }
  }

  private static byte[] header(RasterTiling tiling, GeoTiffSpec spec) throws IOException {
    Header known = last;
    if (known == null || !known.tiling.equals(tiling) || !known.spec.equals(spec)) {
      int[][] sizes = new int[tiling.tileCount()][];
      for (int t = 0; t < sizes.length; t++) {
        RasterTiling.Tile tile = tiling.tile(t);
        sizes[t] = new int[tiling.blocksAcross(tile) * tiling.blocksDown(tile)];
        Arrays.fill(sizes[t], blockBytes(tiling, spec));
      }
      known = new Header(tiling, spec, GeoTiffAssembler.header(tiling, spec, sizes));
      last = known;
    }
    return known.bytes;
  }

  private static int blockBytes(RasterTiling tiling, GeoTiffSpec spec) {
    return tiling.blockSize() * tiling.blockSize() * spec.type().bytesPerSample();
  }

  private static void requireUncompressed(GeoTiffSpec spec) {
    if (!applies(spec.options())) {
      throw new IllegalArgumentException("compressed blocks have no fixed places: the file is assembled");
    }
  }

  private static void writeFully(FileChannel channel, ByteBuffer bytes, long position) throws IOException {
    long at = position;
    while (bytes.hasRemaining()) {
      at += channel.write(bytes, at);
    }
  }

  /** The encoder's stream of a tile's blocks, one after the other, put at each block's place in the file. */
  private static final class PlacedBlocks extends OutputStream {
    private final FileChannel channel;
    private final long[] places;
    private final int blockBytes;
    private long written;

    PlacedBlocks(FileChannel channel, long[] places, int blockBytes) {
      this.channel = channel;
      this.places = places;
      this.blockBytes = blockBytes;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      int at = offset;
      int left = length;
      while (left > 0) {
        int block = (int) (written / blockBytes);
        int within = (int) (written % blockBytes);
        if (block >= places.length) {
          throw new IOException("the tile's blocks are longer than its " + places.length + " blocks");
        }
        int n = Math.min(left, blockBytes - within);
        writeFully(channel, ByteBuffer.wrap(bytes, at, n), places[block] + within);
        written += n;
        at += n;
        left -= n;
      }
    }
  }
}
