package io.geomill.raster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Turns a computed tile into the bytes of its GeoTIFF blocks, as libtiff would store them: each block a full
 * {@code blockSize} square (cells past the raster's edge hold the nodata value), little-endian, optionally
 * predicted (TIFF predictor 3, floating point, for Float32 and Float64: the bytes of each row split into planes,
 * most significant first, then differenced; predictor 2, horizontal differencing of samples, for the integer
 * types), then zlib-compressed (TIFF compression 8, "Adobe Deflate"). The same cells always give the same bytes,
 * whatever tile they came in.
 *
 * <p>A tile's cells come as the array of its type: {@code byte[]} (Byte), {@code short[]} (Int16, and UInt16 as
 * its 16 bits), {@code int[]} (Int32), {@code float[]} (Float32) or {@code double[]} (Float64).
 */
public final class BlockEncoder implements AutoCloseable {
  private final RasterDataType type;
  /** The predictor goes with compression: an uncompressed file has none (as GDAL writes it). */
  private final boolean predict;
  private final int blockSize;
  private final float floatPad;
  private final double doublePad;
  private final byte bytePad;
  /** The nodata value as the integer types' samples (fillSamples). */
  private final long padBits;
  private final byte[] raw;
  /** {@link #raw} as little-endian floats: unpredicted Float32 rows go in by bulk copies, not byte by byte. */
  private final FloatBuffer rawFloats;
  /** A block row of the nodata value, for the part of an edge block past the raster. */
  private final float[] floatPadRow;
  private final byte[] compressed;
  private final Deflater deflater;
  /** Huffman coding only: GeoMill's own coder, several times as fast as zlib's HUFFMAN_ONLY here. */
  private final HuffmanDeflater huffman;

  public BlockEncoder(RasterDataType type, GeoTiffOptions options, double nodata) {
    this.type = type;
    this.predict = options.compressed() && options.predictor();
    this.blockSize = options.blockSize();
    this.floatPad = (float) nodata;
    this.doublePad = nodata;
    this.bytePad = (byte) nodata;
    this.padBits = (long) nodata;
    this.raw = new byte[blockSize * blockSize * type.bytesPerSample()];
    this.rawFloats = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    this.floatPadRow = new float[blockSize];
    Arrays.fill(floatPadRow, floatPad);
    this.compressed = new byte[Math.max(raw.length + raw.length / 100 + 1024,
        HuffmanDeflater.maxCompressedLength(raw.length))];
    boolean huffmanOnly = options.compressed() && options.huffmanOnly();
    this.deflater = options.compressed() && !huffmanOnly ? new Deflater(options.deflateLevel()) : null;
    this.huffman = huffmanOnly ? new HuffmanDeflater() : null;
  }

  /**
   * Writes the blocks of {@code tile}, left to right and top to bottom, to {@code out}.
   *
   * @param values the tile's cells, row-major: a {@code float[]} for Float32, a {@code double[]} for Float64, a
   *               {@code byte[]} for Byte; it may be longer (a reused array), the cells past the tile's meaning
   *               nothing
   * @return each block's byte count, in the order written
   */
  public int[] encode(Object values, RasterTiling tiling, RasterTiling.Tile tile, OutputStream out)
      throws IOException {
    if (values == null || values.getClass() != arrayClass(type)) {
      throw new IllegalArgumentException("a " + type + " tile's cells must be a " + arrayClass(type).getSimpleName()
          + ", not " + (values == null ? "null" : values.getClass().getSimpleName()));
    }
    int length = java.lang.reflect.Array.getLength(values);
    if (length < tile.width() * tile.height()) {
      throw new IllegalArgumentException("a " + tile.width() + "x" + tile.height() + " tile has "
          + (long) tile.width() * tile.height() + " cells, the values " + length);
    }
    int across = tiling.blocksAcross(tile);
    int down = tiling.blocksDown(tile);
    int[] sizes = new int[across * down];
    for (int by = 0; by < down; by++) {
      for (int bx = 0; bx < across; bx++) {
        int x0 = bx * blockSize;
        int y0 = by * blockSize;
        int w = Math.min(blockSize, tile.width() - x0);
        int h = Math.min(blockSize, tile.height() - y0);
        if (type == RasterDataType.FLOAT32) {
          fill((float[]) values, tile.width(), x0, y0, w, h);
        } else if (type == RasterDataType.FLOAT64) {
          fill((double[]) values, tile.width(), x0, y0, w, h);
        } else if (type == RasterDataType.BYTE) {
          fill((byte[]) values, tile.width(), x0, y0, w, h);
        } else {
          fillSamples(values, tile.width(), x0, y0, w, h);
        }
        sizes[by * across + bx] = write(out);
      }
    }
    return sizes;
  }

  private void fill(float[] values, int stride, int x0, int y0, int w, int h) {
    int n = blockSize;
    for (int y = 0; y < n; y++) {
      int cells = y < h ? w : 0;
      int from = y < h ? (y0 + y) * stride + x0 : 0;
      if (!predict) {
        rawFloats.put(y * n, values, from, cells);
        rawFloats.put(y * n + cells, floatPadRow, 0, n - cells);
        continue;
      }
      // Planes of the bytes, most significant first, differenced in the same pass: each byte minus the one
      // before it in the row, where the first byte of a plane follows the last of the plane before.
      int row = y * n * 4;
      int last = planes(values, from, cells, row, 0, 0);
      last = planes(floatPadRow, 0, n - cells, row, cells, last);
      raw[row + n] -= (byte) (last >>> 24);
      raw[row + 2 * n] -= (byte) (last >>> 16);
      raw[row + 3 * n] -= (byte) (last >>> 8);
    }
  }

  /**
   * Cells [x, x + count) of the predicted block row at {@code row} from {@code from[at...]}: byte p of each
   * cell's bits (most significant first) minus that of the cell before ({@code previous}, the bits of the cell
   * before x), into plane p. Returns the bits of the last cell.
   */
  private int planes(float[] from, int at, int count, int row, int x, int previous) {
    byte[] raw = this.raw; // C1 would read the field at every store
    int plane0 = row + x;
    int plane1 = plane0 + blockSize;
    int plane2 = plane1 + blockSize;
    int plane3 = plane2 + blockSize;
    int before = previous;
    for (int i = 0; i < count; i++) {
      int bits = Float.floatToRawIntBits(from[at + i]);
      // A byte's difference modulo 256 depends on the low 8 bits of both operands only.
      raw[plane0 + i] = (byte) ((bits >>> 24) - (before >>> 24));
      raw[plane1 + i] = (byte) ((bits >>> 16) - (before >>> 16));
      raw[plane2 + i] = (byte) ((bits >>> 8) - (before >>> 8));
      raw[plane3 + i] = (byte) (bits - before);
      before = bits;
    }
    return before;
  }

  private void fill(double[] values, int stride, int x0, int y0, int w, int h) {
    int rowBytes = blockSize * 8;
    for (int y = 0; y < blockSize; y++) {
      int row = y * rowBytes;
      for (int x = 0; x < blockSize; x++) {
        double v = x < w && y < h ? values[(y0 + y) * stride + x0 + x] : doublePad;
        long bits = Double.doubleToRawLongBits(v);
        for (int b = 0; b < 8; b++) {
          // predicted: plane b holds byte b from the most significant; plain: little-endian
          raw[predict ? row + b * blockSize + x : row + 8 * x + 7 - b] = (byte) (bits >>> (56 - 8 * b));
        }
      }
      if (predict) {
        difference(row, rowBytes);
      }
    }
  }

  private void fill(byte[] values, int stride, int x0, int y0, int w, int h) {
    for (int y = 0; y < blockSize; y++) {
      int row = y * blockSize;
      if (y < h) {
        System.arraycopy(values, (y0 + y) * stride + x0, raw, row, w);
        Arrays.fill(raw, row + w, row + blockSize, bytePad);
      } else {
        Arrays.fill(raw, row, row + blockSize, bytePad);
      }
      if (predict) {
        difference(row, blockSize);
      }
    }
  }

  /**
   * Int16, UInt16 and Int32: each sample's bits, little-endian; with the predictor, differenced sample by sample
   * (modulo their width, as libtiff's horizontal differencing).
   */
  private void fillSamples(Object values, int stride, int x0, int y0, int w, int h) {
    int bytes = type.bytesPerSample();
    int rowBytes = blockSize * bytes;
    for (int y = 0; y < blockSize; y++) {
      int row = y * rowBytes;
      long previous = 0;
      for (int x = 0; x < blockSize; x++) {
        long bits = x < w && y < h ? bits(values, (y0 + y) * stride + x0 + x) : padBits;
        long stored = predict ? bits - previous : bits;
        previous = bits;
        int at = row + bytes * x;
        for (int b = 0; b < bytes; b++) {
          raw[at + b] = (byte) (stored >>> (8 * b));
        }
      }
    }
  }

  private long bits(Object values, int index) {
    return switch (type) {
      case INT16, UINT16 -> ((short[]) values)[index] & 0xFFFFL;
      case INT32 -> ((int[]) values)[index] & 0xFFFF_FFFFL;
      default -> throw new IllegalStateException("no sample loop for " + type);
    };
  }

  /** The array a tile of {@code type} comes in. */
  public static Class<?> arrayClass(RasterDataType type) {
    return switch (type) {
      case BYTE -> byte[].class;
      case INT16, UINT16 -> short[].class;
      case INT32 -> int[].class;
      case FLOAT32 -> float[].class;
      case FLOAT64 -> double[].class;
    };
  }

  /** Each byte of a row minus the one before it (libtiff's order: from the end). */
  private void difference(int from, int length) {
    for (int i = from + length - 1; i > from; i--) {
      raw[i] -= raw[i - 1];
    }
  }

  private int write(OutputStream out) throws IOException {
    if (huffman != null) {
      int n = huffman.compress(raw, raw.length, compressed);
      out.write(compressed, 0, n);
      return n;
    }
    if (deflater == null) {
      out.write(raw);
      return raw.length;
    }
    deflater.reset();
    deflater.setInput(raw);
    deflater.finish();
    int total = 0;
    while (!deflater.finished()) {
      int n = deflater.deflate(compressed);
      out.write(compressed, 0, n);
      total += n;
    }
    return total;
  }

  @Override
  public void close() {
    if (deflater != null) {
      deflater.end();
    }
  }
}
