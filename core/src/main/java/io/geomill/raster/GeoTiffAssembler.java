package io.geomill.raster;

import io.geomill.raster.GeoTiffTags.Entry;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.geotools.coverage.grid.io.imageio.geotiff.GeoTiffException;

/**
 * Writes one tiled GeoTIFF from blocks encoded elsewhere (by {@link BlockEncoder}, in the Spark tasks that
 * computed the tiles), streaming: the header and the one image directory first (all block sizes are known, so
 * their offsets are too), then every block in row-major order, copied from the tiles' block files. Memory holds
 * the directory and a copy buffer, never the raster; the output is written front to back, as HDFS requires.
 * Classic TIFF while every offset fits 32 bits, BigTIFF beyond (or when asked).
 */
public final class GeoTiffAssembler {
  private GeoTiffAssembler() {}

  private static final long CLASSIC_LIMIT = 0xFFFF_FFFFL;
  private static final int COPY_BUFFER = 256 * 1024;

  /** The encoded blocks of a tile, in the order {@link BlockEncoder#encode} wrote them. */
  @FunctionalInterface
  public interface TileBlocks {
    InputStream open(int tile) throws IOException;
  }

  /**
   * @param blockSizes per tile, its blocks' byte counts as {@link BlockEncoder#encode} returned them
   * @return the bytes written
   */
  public static long write(OutputStream out, RasterTiling tiling, GeoTiffSpec spec, int[][] blockSizes,
      TileBlocks tiles)
      throws IOException {
    Directory directory = directory(tiling, spec, blockSizes);
    out.write(directory.bytes);
    copyBlocks(out, tiling, blockSizes, tiles);
    return directory.end;
  }

  /**
   * What {@link #write} writes before the blocks (the header, the image directory and its values), which
   * then follow it in row-major order.
   */
  static byte[] header(RasterTiling tiling, GeoTiffSpec spec, int[][] blockSizes) throws IOException {
    return directory(tiling, spec, blockSizes).bytes;
  }

  private static Directory directory(RasterTiling tiling, GeoTiffSpec spec, int[][] blockSizes)
      throws IOException {
    if (blockSizes.length != tiling.tileCount()) {
      throw new IllegalArgumentException(blockSizes.length + " tiles' block sizes for " + tiling.tileCount()
          + " tiles");
    }
    long[] sizes = rowMajorSizes(tiling, blockSizes);
    List<Entry> fixed = fixedEntries(tiling, spec);
    Directory directory = spec.options().bigTiff() ? null : Directory.layout(fixed, sizes, false);
    return directory != null ? directory : Directory.layout(fixed, sizes, true);
  }

  /** The block sizes in the file's order: row by row over the whole raster. */
  private static long[] rowMajorSizes(RasterTiling tiling, int[][] blockSizes) {
    long[] sizes = new long[tiling.blocksAcross() * tiling.blocksDown()];
    int blocksPerTile = tiling.tileSize() / tiling.blockSize();
    for (int t = 0; t < tiling.tileCount(); t++) {
      RasterTiling.Tile tile = tiling.tile(t);
      int across = tiling.blocksAcross(tile);
      if (blockSizes[t].length != across * tiling.blocksDown(tile)) {
        throw new IllegalArgumentException(tile + " has " + across * tiling.blocksDown(tile) + " blocks, not "
            + blockSizes[t].length);
      }
      int firstColumn = (t % tiling.tilesAcross()) * blocksPerTile;
      int firstRow = (t / tiling.tilesAcross()) * blocksPerTile;
      for (int i = 0; i < blockSizes[t].length; i++) {
        sizes[(firstRow + i / across) * tiling.blocksAcross() + firstColumn + i % across] = blockSizes[t][i];
      }
    }
    return sizes;
  }

  /** Every entry but the block offsets and byte counts, whose type depends on classic or BigTIFF. */
  private static List<Entry> fixedEntries(RasterTiling tiling, GeoTiffSpec spec) throws IOException {
    RasterDataType type = spec.type();
    GeoTiffOptions options = spec.options();
    List<Entry> entries = new ArrayList<>();
    entries.add(Entry.longs(256, tiling.width()));                 // ImageWidth
    entries.add(Entry.longs(257, tiling.height()));                // ImageLength
    entries.add(Entry.shorts(258, type.bits));                     // BitsPerSample
    entries.add(Entry.shorts(259, options.compressed() ? 8 : 1));  // Compression: Adobe Deflate or none
    entries.add(Entry.shorts(262, 1));                             // PhotometricInterpretation: BlackIsZero
    entries.add(Entry.shorts(277, 1));                             // SamplesPerPixel
    entries.add(Entry.shorts(284, 1));                             // PlanarConfiguration: contiguous
    if (options.compressed() && options.predictor()) {
      entries.add(Entry.shorts(317, type.isFloatingPoint() ? 3 : 2)); // Predictor
    }
    entries.add(Entry.longs(322, tiling.blockSize()));             // TileWidth
    entries.add(Entry.longs(323, tiling.blockSize()));             // TileLength
    entries.add(Entry.shorts(339, type.tiffSampleFormat));         // SampleFormat
    try {
      entries.addAll(GeoTiffTags.of(spec));
    } catch (GeoTiffException | IllegalArgumentException e) {
      throw new IOException("GeoTools cannot encode the CRS " + spec.crs().label() + " as GeoTIFF keys: "
          + e.getMessage(), e);
    }
    return entries;
  }

  private static void copyBlocks(OutputStream out, RasterTiling tiling, int[][] blockSizes, TileBlocks tiles)
      throws IOException {
    byte[] buffer = new byte[COPY_BUFFER];
    for (int tileRow = 0; tileRow < tiling.tilesDown(); tileRow++) {
      List<InputStream> streams = new ArrayList<>();
      try {
        int first = tileRow * tiling.tilesAcross();
        for (int t = first; t < first + tiling.tilesAcross(); t++) {
          streams.add(tiles.open(t));
        }
        int rows = tiling.blocksDown(tiling.tile(first));
        for (int row = 0; row < rows; row++) {
          for (int t = first; t < first + tiling.tilesAcross(); t++) {
            int across = tiling.blocksAcross(tiling.tile(t));
            long bytes = 0;
            for (int i = row * across; i < (row + 1) * across; i++) {
              bytes += blockSizes[t][i];
            }
            copy(streams.get(t - first), out, bytes, buffer, t);
          }
        }
      } finally {
        for (InputStream stream : streams) {
          stream.close();
        }
      }
    }
  }

  private static void copy(InputStream in, OutputStream out, long bytes, byte[] buffer, int tile)
      throws IOException {
    long left = bytes;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new EOFException("the encoded blocks of tile " + tile + " end " + left + " bytes early");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  /**
   * The header, the image directory and its out-of-line values, laid out for one kind of TIFF; {@code end} is
   * where the file ends after the blocks.
   */
  private record Directory(byte[] bytes, long end) {
    /** Null when a classic TIFF cannot hold the data. */
    static Directory layout(List<Entry> fixed, long[] sizes, boolean big) {
      int headerBytes = big ? 16 : 8;
      int entryBytes = big ? 20 : 12;
      int inline = big ? 8 : 4;
      List<Entry> entries = new ArrayList<>(fixed);
      // Placeholders of the right size: the offsets are known once the directory's own size is.
      entries.add(offsets(325, sizes, big));
      entries.add(offsets(324, new long[sizes.length], big));
      entries.sort(Comparator.comparingInt(Entry::tag));
      long directoryBytes = (big ? 8 : 2) + (long) entryBytes * entries.size() + (big ? 8 : 4);
      long extra = 0;
      for (Entry entry : entries) {
        if (entry.bytes().length > inline) {
          extra += even(entry.bytes().length);
        }
      }
      long dataStart = headerBytes + directoryBytes + extra;
      long[] offsets = new long[sizes.length];
      long next = dataStart;
      for (int i = 0; i < sizes.length; i++) {
        offsets[i] = next;
        next += sizes[i];
      }
      entries.replaceAll(entry -> entry.tag() == 324 ? offsets(324, offsets, big) : entry);
      if (!big && next > CLASSIC_LIMIT) {
        return null;
      }
      ByteBuffer file = ByteBuffer.allocate(Math.toIntExact(dataStart)).order(ByteOrder.LITTLE_ENDIAN);
      file.put((byte) 'I').put((byte) 'I');
      if (big) {
        file.putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(headerBytes);
        file.putLong(entries.size());
      } else {
        file.putShort((short) 42).putInt(headerBytes);
        file.putShort((short) entries.size());
      }
      long valuesAt = headerBytes + directoryBytes;
      List<Entry> outOfLine = new ArrayList<>();
      for (Entry entry : entries) {
        file.putShort((short) entry.tag()).putShort((short) entry.type());
        if (big) {
          file.putLong(entry.count());
        } else {
          file.putInt((int) entry.count());
        }
        byte[] value = new byte[inline];
        if (entry.bytes().length <= inline) {
          System.arraycopy(entry.bytes(), 0, value, 0, entry.bytes().length);
        } else {
          if (big) {
            ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).putLong(valuesAt);
          } else {
            ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).putInt((int) valuesAt);
          }
          valuesAt += even(entry.bytes().length);
          outOfLine.add(entry);
        }
        file.put(value);
      }
      if (big) {
        file.putLong(0); // no next directory
      } else {
        file.putInt(0);
      }
      for (Entry entry : outOfLine) {
        file.put(entry.bytes());
        if (entry.bytes().length % 2 != 0) {
          file.put((byte) 0); // TIFF values start on a word boundary
        }
      }
      return new Directory(file.array(), next);
    }

    private static Entry offsets(int tag, long[] values, boolean big) {
      return big ? Entry.long8s(tag, values) : Entry.longs(tag, values);
    }

    private static long even(long n) {
      return n + (n & 1);
    }
  }
}
