package io.geomill.raster;

import java.awt.Rectangle;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.util.Map;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes windows of a TIFF's first image straight from its blocks into floats, for the layouts GDAL and GeoMill
 * write: one sample per pixel of Byte, UInt16, Int16, Int32, Float32 or Float64, in tiles or strips, uncompressed
 * or DEFLATE, with TIFF predictor 2 (integers) or 3 (floating point), either byte order. The image reader
 * (ImageIO-ext's, through {@link GeoTiffFile}) decodes everything else, and gives the same cells: this path only
 * saves its copies (a decoded tile, the destination image, then a row of samples) and its per-sample calls.
 *
 * <p>A block is decompressed ({@link BlockInflater}) only as far as the window's last row in it when that is
 * cheaper than the whole: the halo row a tile needs from the blocks below it costs one row of them, not the whole
 * block. Not thread-safe: one per open file.
 */
final class TiffBlockReader {
  private static final int COMPRESSION_NONE = 1;
  private static final int COMPRESSION_DEFLATE = 8;
  private static final int COMPRESSION_OLD_DEFLATE = 32946;
  private static final int PREDICTOR_HORIZONTAL = 2;
  private static final int PREDICTOR_FLOATING_POINT = 3;
  /** Blocks larger than this (a whole big image in one strip) are left to the image reader. */
  private static final long MAX_BLOCK_BYTES = 1L << 30;

  /**
   * Where the blocks of a TIFF's first image are and how they are coded.
   *
   * @param blockWidth  a tile's width, or the image's for strips
   * @param blockHeight a tile's height, or the rows per strip (the last strip may have fewer)
   * @param tiled       tiles (every block full size, padded at the edges) or strips
   * @param predictor   1 (none), 2 or 3; always 1 for uncompressed data, which readers leave unpredicted
   */
  record Layout(ByteOrder order, int width, int height, int blockWidth, int blockHeight, boolean tiled,
      RasterDataType type, int compression, int predictor, long[] offsets, long[] byteCounts) {
    /** The tags besides the size and data offsets and counts that {@link #of} reads. */
    static final Integer[] TAGS = {258, 259, 278, 284, 317, 322, 323, 339};

    /**
     * The layout given by the first directory's {@code tags} (SHORT, LONG or LONG8 values by tag), or null when
     * it is not one this class decodes.
     */
    static Layout of(ByteOrder order, int width, int height, int samplesPerPixel, Map<Integer, long[]> tags) {
      if (samplesPerPixel != 1 || width < 1 || height < 1) {
        return null;
      }
      RasterDataType type = type((int) first(tags, 258, 1), (int) first(tags, 339, 1));
      int compression = (int) first(tags, 259, COMPRESSION_NONE);
      if (type == null || (compression != COMPRESSION_NONE && compression != COMPRESSION_DEFLATE
          && compression != COMPRESSION_OLD_DEFLATE)) {
        return null;
      }
      int predictor = compression == COMPRESSION_NONE ? 1 : (int) first(tags, 317, 1);
      if (predictor != 1 && predictor != (type.isFloatingPoint() ? PREDICTOR_FLOATING_POINT
          : PREDICTOR_HORIZONTAL)) {
        return null;
      }
      boolean tiled = tags.containsKey(322) && tags.containsKey(323);
      long blockWidth = tiled ? first(tags, 322, 0) : width;
      long blockHeight = tiled ? first(tags, 323, 0) : Math.min(first(tags, 278, height), height);
      long[] offsets = tags.get(tiled ? 324 : 273);
      long[] byteCounts = tags.get(tiled ? 325 : 279);
      if (blockWidth < 1 || blockHeight < 1 || offsets == null || byteCounts == null
          || blockWidth * blockHeight * type.bytesPerSample() > MAX_BLOCK_BYTES) {
        return null;
      }
      long blocks = ceilDiv(width, blockWidth) * ceilDiv(height, blockHeight);
      if (offsets.length < blocks || byteCounts.length < blocks) {
        return null;
      }
      for (int i = 0; i < blocks; i++) {
        if (byteCounts[i] <= 0 || byteCounts[i] > Integer.MAX_VALUE) {
          return null; // a sparse block (GDAL leaves empty blocks out), left to the image reader
        }
      }
      return new Layout(order, width, height, (int) blockWidth, (int) blockHeight, tiled, type, compression,
          predictor, offsets, byteCounts);
    }

    private static long first(Map<Integer, long[]> tags, int tag, long absent) {
      long[] values = tags.get(tag);
      return values == null || values.length == 0 ? absent : values[0];
    }

    /** The type of TIFF BitsPerSample and SampleFormat, or null when it is not one this class decodes. */
    private static RasterDataType type(int bits, int sampleFormat) {
      for (RasterDataType type : RasterDataType.values()) {
        if (type.bits == bits && type.tiffSampleFormat == sampleFormat) {
          return type;
        }
      }
      return null;
    }

    int blocksAcross() {
      return (int) ceilDiv(width, blockWidth);
    }

    private static long ceilDiv(long a, long b) {
      return (a + b - 1) / b;
    }
  }

  private final Layout layout;
  private final ImageInputStream in;
  /** The file's identity for {@link SharedBlocks}, or null to share nothing. */
  private final String identity;
  private final NodataValue nodata;
  private final int bytes;
  private final int rowBytes;
  private final BlockInflater inflater;
  private byte[] compressed = new byte[0];
  /** One block as decoded (as far as needed), row r at r * rowBytes. */
  private final byte[] raw;
  private final FloatBuffer floatSamples;
  private final DoubleBuffer doubleSamples;
  private final ShortBuffer shortSamples;
  private final IntBuffer intSamples;
  /** Integer samples of a row, or a Float64 row, before conversion. */
  private final int[] ints;
  private final double[] doubles;

  /**
   * @param identity names the file and its version (path, length, modification time) for {@link SharedBlocks},
   *                 or null to share no decoded cells with other readers
   */
  TiffBlockReader(Layout layout, ImageInputStream in, Double nodata, String identity) {
    this.layout = layout;
    this.in = in;
    this.identity = identity;
    this.nodata = new NodataValue(nodata);
    this.bytes = layout.type().bytesPerSample();
    this.rowBytes = layout.blockWidth() * bytes;
    this.inflater = layout.compression() == COMPRESSION_NONE ? null : BlockInflater.create();
    this.raw = new byte[rowBytes * layout.blockHeight()];
    ByteBuffer rawBuffer = ByteBuffer.wrap(raw).order(layout.order());
    this.floatSamples = rawBuffer.asFloatBuffer();
    this.doubleSamples = rawBuffer.asDoubleBuffer();
    this.shortSamples = rawBuffer.asShortBuffer();
    this.intSamples = rawBuffer.asIntBuffer();
    this.ints = layout.type().isFloatingPoint() ? null : new int[layout.blockWidth()];
    this.doubles = layout.type() == RasterDataType.FLOAT64 ? new double[layout.blockWidth()] : null;
  }

  /**
   * Writes the cells of {@code region} (inside the image) to {@code into} as floats, nodata as NaN, region row y
   * from {@code offset + y * stride}.
   */
  void read(Rectangle region, float[] into, int offset, int stride) throws IOException {
    int bw = layout.blockWidth();
    int bh = layout.blockHeight();
    int right = region.x + region.width;
    int bottom = region.y + region.height;
    // A window of the whole image (a raster of one tile) leaves nothing for other tiles.
    boolean share = identity != null && (region.width < layout.width() || region.height < layout.height());
    for (int by = region.y / bh; by * bh < bottom; by++) {
      int blockY = by * bh;
      int rows = Math.min(bh, layout.height() - blockY); // inside the image
      int firstRow = Math.max(region.y, blockY) - blockY;
      int endRow = Math.min(bottom, blockY + rows) - blockY;
      for (int bx = region.x / bw; bx * bw < right; bx++) {
        int blockX = bx * bw;
        int columns = Math.min(bw, layout.width() - blockX);
        Part part = new Part(by * layout.blocksAcross() + bx, rows, columns, firstRow, endRow,
            Math.max(region.x, blockX) - blockX, Math.min(right, blockX + bw) - blockX);
        int at = offset + (blockY + firstRow - region.y) * stride + (blockX + part.firstColumn - region.x);
        if (share && readShared(part, into, at, stride)) {
          continue;
        }
        decode(part.block, firstRow, endRow, layout.tiled() ? bh : rows);
        convert(part, into, at, stride);
        if (share && part.isWhole()) {
          SharedBlocks.put(new SharedBlocks.Key(identity, part.block, true), edges(part, into, at, stride));
        }
      }
    }
  }

  /**
   * Rows [firstRow, endRow) and columns [firstColumn, endColumn) of a block of {@code rows x columns} cells
   * inside the image.
   */
  private record Part(int block, int rows, int columns, int firstRow, int endRow, int firstColumn,
      int endColumn) {
    boolean isWhole() {
      return firstRow == 0 && endRow == rows && firstColumn == 0 && endColumn == columns;
    }

    /** One of the block's first or last row or column (what a 1-cell halo takes from it). */
    boolean isEdge() {
      return endRow - firstRow == 1 && (firstRow == 0 || firstRow == rows - 1)
          || endColumn - firstColumn == 1 && (firstColumn == 0 || firstColumn == columns - 1);
    }
  }

  /**
   * Serves {@code part} from {@link SharedBlocks}, or decodes its whole block into it for the window that reads the
   * rest of the block after (the tile that block belongs to, below a halo; the neighbouring target tile of a
   * reprojection, whose source windows are not aligned to the blocks); false when the part is left to an ordinary
   * decode: a whole block, or an edge row ending early (a halo row from the block below, one row of it to
   * decompress, which that tile's own read decodes anyway).
   */
  private boolean readShared(Part part, float[] into, int at, int stride) throws IOException {
    float[] cells = SharedBlocks.get(new SharedBlocks.Key(identity, part.block, false));
    if (cells != null) {
      copy(cells, part.columns, part, into, at, stride);
      return true;
    }
    if (part.isWhole()) {
      return false;
    }
    float[] edges = part.isEdge() ? SharedBlocks.get(new SharedBlocks.Key(identity, part.block, true)) : null;
    if (edges != null) {
      copyEdge(edges, part, into, at, stride);
      return true;
    }
    if (part.endRow < part.rows && part.isEdge()) {
      return false;
    }
    Part whole = new Part(part.block, part.rows, part.columns, 0, part.rows, 0, part.columns);
    cells = new float[part.rows * part.columns];
    decode(part.block, 0, part.rows, layout.tiled() ? layout.blockHeight() : part.rows);
    convert(whole, cells, 0, part.columns);
    SharedBlocks.put(new SharedBlocks.Key(identity, part.block, false), cells);
    copy(cells, part.columns, part, into, at, stride);
    return true;
  }

  /** The part's cells out of a whole block's ({@code width} columns a row). */
  private static void copy(float[] cells, int width, Part part, float[] into, int at, int stride) {
    int n = part.endColumn - part.firstColumn;
    for (int r = part.firstRow; r < part.endRow; r++) {
      System.arraycopy(cells, r * width + part.firstColumn, into, at + (r - part.firstRow) * stride, n);
    }
  }

  /** A whole block's edges as {@link #copyEdge} reads them: first row, last row, first column, last column. */
  private static float[] edges(Part part, float[] from, int at, int stride) {
    int w = part.columns;
    int h = part.rows;
    float[] edges = new float[2 * w + 2 * h];
    System.arraycopy(from, at, edges, 0, w);
    System.arraycopy(from, at + (h - 1) * stride, edges, w, w);
    for (int r = 0; r < h; r++) {
      edges[2 * w + r] = from[at + r * stride];
      edges[2 * w + h + r] = from[at + r * stride + w - 1];
    }
    return edges;
  }

  private static void copyEdge(float[] edges, Part part, float[] into, int at, int stride) {
    int w = part.columns;
    int h = part.rows;
    if (part.endRow - part.firstRow == 1 && (part.firstRow == 0 || part.firstRow == h - 1)) {
      System.arraycopy(edges, (part.firstRow == 0 ? 0 : w) + part.firstColumn, into, at,
          part.endColumn - part.firstColumn);
      return;
    }
    int column = 2 * w + (part.firstColumn == 0 ? 0 : h);
    for (int r = part.firstRow; r < part.endRow; r++) {
      into[at + (r - part.firstRow) * stride] = edges[column + r];
    }
  }

  /** The part's rows of the decoded block into {@code into}. */
  private void convert(Part part, float[] into, int at, int stride) {
    for (int r = part.firstRow; r < part.endRow; r++) {
      convertRow(r * rowBytes, part.firstColumn, part.endColumn, into, at + (r - part.firstRow) * stride);
    }
  }

  /**
   * Rows [firstRow, endRow) of block {@code block} into {@link #raw} (compressed data: rows from 0); the block
   * holds {@code rowsInBlock} rows (a tile always its full height, padded).
   */
  private void decode(int block, int firstRow, int endRow, int rowsInBlock) throws IOException {
    long offset = layout.offsets()[block];
    int count = (int) layout.byteCounts()[block];
    if (inflater == null) {
      if ((long) rowsInBlock * rowBytes > count) {
        throw new IOException("block " + block + " has " + count + " bytes, not the " + (long) rowsInBlock
            * rowBytes + " of its cells");
      }
      readFully(offset + (long) firstRow * rowBytes, raw, firstRow * rowBytes, (endRow - firstRow) * rowBytes);
      return;
    }
    if (compressed.length < count) {
      compressed = new byte[count];
    }
    readFully(offset, compressed, 0, count);
    inflater.inflate(compressed, count, raw, endRow * rowBytes, rowsInBlock * rowBytes, block);
  }

  private void readFully(long position, byte[] into, int at, int length) throws IOException {
    in.seek(position);
    try {
      in.readFully(into, at, length);
    } catch (EOFException e) {
      throw new IOException("the file ends within the data at byte " + position, e);
    }
  }

  /** Columns [from, to) of the decoded row at {@code start} in {@link #raw}, undoing the predictor. */
  private void convertRow(int start, int from, int to, float[] into, int at) {
    int predictor = layout.predictor();
    if (predictor == PREDICTOR_FLOATING_POINT) {
      // Bytes differenced along the row, most significant byte planes first, then one plane after the other.
      int end = start + (bytes - 1) * layout.blockWidth() + to;
      for (int i = start + 1; i < end; i++) {
        raw[i] += raw[i - 1];
      }
    }
    switch (layout.type()) {
      case FLOAT32 -> floats(start, from, to, into, at, predictor == PREDICTOR_FLOATING_POINT);
      case FLOAT64 -> doubles(start, from, to, into, at, predictor == PREDICTOR_FLOATING_POINT);
      default -> integers(start, from, to, into, at, predictor == PREDICTOR_HORIZONTAL);
    }
  }

  private void floats(int start, int from, int to, float[] into, int at, boolean planes) {
    int n = to - from;
    if (planes) {
      int w = layout.blockWidth();
      for (int i = 0; i < n; i++) {
        int k = start + from + i;
        int bits = (raw[k] & 0xff) << 24 | (raw[k + w] & 0xff) << 16 | (raw[k + 2 * w] & 0xff) << 8
            | (raw[k + 3 * w] & 0xff);
        into[at + i] = nodata.of(Float.intBitsToFloat(bits));
      }
      return;
    }
    floatSamples.get(start / 4 + from, into, at, n);
    float nodataValue = nodata.asFloat; // NaN when there is none, which matches no cell (NaN stays NaN)
    for (int i = at; i < at + n; i++) {
      if (into[i] == nodataValue) {
        into[i] = Float.NaN;
      }
    }
  }

  private void doubles(int start, int from, int to, float[] into, int at, boolean planes) {
    int n = to - from;
    if (planes) {
      int w = layout.blockWidth();
      for (int i = 0; i < n; i++) {
        int k = start + from + i;
        long bits = 0;
        for (int p = 0; p < 8; p++) {
          bits = bits << 8 | (raw[k + p * w] & 0xff);
        }
        into[at + i] = nodata.of(Double.longBitsToDouble(bits));
      }
      return;
    }
    doubleSamples.get(start / 8 + from, doubles, 0, n);
    for (int i = 0; i < n; i++) {
      into[at + i] = nodata.of(doubles[i]);
    }
  }

  /** Integer samples; with horizontal differencing each is summed from the row's first, in its own width. */
  private void integers(int start, int from, int to, float[] into, int at, boolean differenced) {
    int first = differenced ? 0 : from;
    int n = to - first;
    switch (layout.type()) {
      case BYTE -> {
        for (int i = 0; i < n; i++) {
          ints[i] = raw[start + first + i] & 0xff;
        }
      }
      case UINT16, INT16 -> {
        boolean unsigned = layout.type() == RasterDataType.UINT16;
        for (int i = 0; i < n; i++) {
          short v = shortSamples.get(start / 2 + first + i);
          ints[i] = unsigned ? v & 0xffff : v;
        }
      }
      default -> {
        intSamples.get(start / 4 + first, ints, 0, n);
      }
    }
    if (differenced) {
      for (int i = 1; i < n; i++) {
        int sum = ints[i] + ints[i - 1];
        ints[i] = switch (layout.type()) {
          case BYTE -> sum & 0xff;
          case UINT16 -> sum & 0xffff;
          case INT16 -> (short) sum;
          default -> sum;
        };
      }
    }
    for (int i = from - first; i < n; i++) {
      into[at + i - (from - first)] = nodata.of(ints[i]);
    }
  }
}
