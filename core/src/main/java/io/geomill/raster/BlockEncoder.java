package io.geomill.raster;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Turns a computed tile into the bytes of its GeoTIFF blocks, as libtiff would store them: each block a full
 * {@code blockSize} square (cells past the raster's edge hold the nodata value), little-endian, optionally
 * predicted (TIFF predictor 3, floating point, for Float32: the bytes of each row split into planes, most
 * significant first, then differenced; predictor 2, horizontal differencing, for Byte), then zlib-compressed
 * (TIFF compression 8, "Adobe Deflate"). The same cells always give the same bytes, whatever tile they came in.
 */
final class BlockEncoder implements AutoCloseable {
  private final RasterDataType type;
  /** The predictor goes with compression: an uncompressed file has none (as GDAL writes it). */
  private final boolean predict;
  private final int blockSize;
  private final float floatPad;
  private final byte bytePad;
  private final byte[] raw;
  private final byte[] compressed;
  private final Deflater deflater;

  BlockEncoder(RasterDataType type, GeoTiffOptions options, double nodata) {
    if (type != RasterDataType.FLOAT32 && type != RasterDataType.BYTE) {
      throw new IllegalArgumentException("GeoMill writes Float32 or Byte rasters, not " + type);
    }
    this.type = type;
    this.predict = options.compressed() && options.predictor();
    this.blockSize = options.blockSize();
    this.floatPad = (float) nodata;
    this.bytePad = (byte) nodata;
    this.raw = new byte[blockSize * blockSize * type.bytesPerSample()];
    this.compressed = new byte[raw.length + raw.length / 100 + 1024];
    this.deflater = options.compressed() ? new Deflater(options.deflateLevel()) : null;
  }

  /**
   * Writes the blocks of {@code tile}, left to right and top to bottom, to {@code out}.
   *
   * @param values the tile's cells, row-major: a {@code float[]} for Float32, a {@code byte[]} for Byte
   * @return each block's byte count, in the order written
   */
  int[] encode(Object values, RasterTiling tiling, RasterTiling.Tile tile, OutputStream out) throws IOException {
    int length = type == RasterDataType.FLOAT32 ? ((float[]) values).length : ((byte[]) values).length;
    if (length != tile.width() * tile.height()) {
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
        } else {
          fill((byte[]) values, tile.width(), x0, y0, w, h);
        }
        sizes[by * across + bx] = write(out);
      }
    }
    return sizes;
  }

  private void fill(float[] values, int stride, int x0, int y0, int w, int h) {
    int rowBytes = blockSize * 4;
    for (int y = 0; y < blockSize; y++) {
      int row = y * rowBytes;
      for (int x = 0; x < blockSize; x++) {
        float v = x < w && y < h ? values[(y0 + y) * stride + x0 + x] : floatPad;
        int bits = Float.floatToRawIntBits(v);
        if (predict) {
          raw[row + x] = (byte) (bits >>> 24);
          raw[row + blockSize + x] = (byte) (bits >>> 16);
          raw[row + 2 * blockSize + x] = (byte) (bits >>> 8);
          raw[row + 3 * blockSize + x] = (byte) bits;
        } else {
          int at = row + 4 * x;
          raw[at] = (byte) bits;
          raw[at + 1] = (byte) (bits >>> 8);
          raw[at + 2] = (byte) (bits >>> 16);
          raw[at + 3] = (byte) (bits >>> 24);
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

  /** Each byte of a row minus the one before it (libtiff's order: from the end). */
  private void difference(int from, int length) {
    for (int i = from + length - 1; i > from; i--) {
      raw[i] -= raw[i - 1];
    }
  }

  private int write(OutputStream out) throws IOException {
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
