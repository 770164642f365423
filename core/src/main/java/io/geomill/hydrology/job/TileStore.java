package io.geomill.hydrology.job;

import io.geomill.batch.ItemContext;
import io.geomill.batch.PartsContext;
import io.geomill.hydrology.PerimeterField;
import io.geomill.hydrology.TileGrid;
import io.geomill.raster.HaloTile;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Arrays;

/**
 * The intermediate rasters of a tiled hydrology run, as part files of the tiles that computed them (on the
 * output's file system, under {@code OUT/_geomill/tmp/parts}: they outlive the executor that wrote them and go
 * when the item's finish has run): per tile, the levels and watershed labels of the exact fill's first flood
 * (read by the second phase, which only raises them), its filled DEM, the frame of its filled DEM (the two
 * outer rows and columns, which is all its neighbours read of it) and its flow directions. Raw little-endian values, no
 * compression: they are written once and read once or twice per round, and speed matters more than size.
 */
final class TileStore {
  static final int FRAME = 2;
  private static final String FILLED = "filled.f32";
  private static final String FILLED_FRAME = "filled-frame.f32";
  private static final String DIRECTIONS = "directions.d8";
  private static final String LEVELS = "flooded.f32";
  private static final String LABELS = "labels.i32";

  private TileStore() {}

  /** Stages the first flood of a tile's exact fill: its levels (NaN for nodata) and watershed labels. */
  static void writeFlooded(ItemContext context, float[] levels, int[] labels) throws IOException {
    write(context, LEVELS, levels);
    ByteBuffer bytes = ByteBuffer.allocate(labels.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asIntBuffer().put(labels);
    Files.write(context.stage(LABELS).toPath(), bytes.array());
  }

  static float[] readLevels(PartsContext context, int tile, int cells) throws IOException {
    return readFloats(context, tile, LEVELS, cells);
  }

  static int[] readLabels(PartsContext context, int tile, int cells) throws IOException {
    int[] labels = new int[cells];
    readValues(context, tile, LABELS, cells * Integer.BYTES).asIntBuffer().get(labels);
    return labels;
  }

  /** Stages a tile's filled DEM (width x height, NaN for nodata) and its frame. */
  static void writeFilled(ItemContext context, float[] filled, int width, int height) throws IOException {
    write(context, FILLED, filled);
    write(context, FILLED_FRAME, frame(filled, width, height));
  }

  static void writeDirections(ItemContext context, byte[] directions) throws IOException {
    Files.write(context.stage(DIRECTIONS).toPath(), directions);
  }

  static byte[] readDirections(PartsContext context, int tile, int cells) throws IOException {
    try (InputStream in = context.openPart(tile, DIRECTIONS)) {
      return readExactly(in, cells, "directions of tile " + tile);
    }
  }

  /**
   * Tile {@code tile}'s filled DEM with a halo of {@link #FRAME} cells, the halo from its neighbours' frames
   * (NaN outside the raster): what the flow directions of the tile need.
   */
  static HaloTile filledWindow(PartsContext context, TileGrid grid, int tile) throws IOException {
    int w = grid.width(tile);
    int h = grid.height(tile);
    int stride = w + 2 * FRAME;
    float[] values = new float[stride * (h + 2 * FRAME)];
    Arrays.fill(values, Float.NaN);
    float[] own = readFloats(context, tile, FILLED, w * h);
    for (int y = 0; y < h; y++) {
      System.arraycopy(own, y * w, values, (y + FRAME) * stride + FRAME, w);
    }
    int col0 = grid.col0(tile);
    int row0 = grid.row0(tile);
    for (int u : PerimeterField.neighbours(grid, tile)) {
      Frame frame = new Frame(grid.width(u), grid.height(u), readFloats(context, u, FILLED_FRAME,
          frameSize(grid.width(u), grid.height(u))));
      int uc = grid.col0(u);
      int ur = grid.row0(u);
      // The halo cells that lie in tile u: within FRAME cells of this tile, hence within FRAME of u's edge.
      int x0 = Math.max(-FRAME, uc - col0);
      int x1 = Math.min(w + FRAME, uc + grid.width(u) - col0);
      int y0 = Math.max(-FRAME, ur - row0);
      int y1 = Math.min(h + FRAME, ur + grid.height(u) - row0);
      for (int y = y0; y < y1; y++) {
        for (int x = x0; x < x1; x++) {
          values[(y + FRAME) * stride + x + FRAME] = frame.at(col0 + x - uc, row0 + y - ur);
        }
      }
    }
    return new HaloTile(col0, row0, w, h, FRAME, grid.rasterWidth(), grid.rasterHeight(), values);
  }

  /** The cells of a tile within FRAME of its edge: rows at the top and bottom, then columns left and right. */
  private static int frameSize(int w, int h) {
    int rows = Math.min(h, 2 * FRAME);
    int inner = h - rows;
    return rows * w + inner * Math.min(w, 2 * FRAME);
  }

  private static float[] frame(float[] tile, int w, int h) {
    float[] out = new float[frameSize(w, h)];
    int n = 0;
    for (int y = 0; y < h; y++) {
      boolean edgeRow = y < FRAME || y >= h - FRAME;
      for (int x = 0; x < w; x++) {
        if (edgeRow || x < FRAME || x >= w - FRAME) {
          out[n++] = tile[y * w + x];
        }
      }
    }
    return out;
  }

  /** A tile's frame, indexed by the tile's own coordinates (which must lie within FRAME of its edge). */
  private record Frame(int w, int h, float[] values) {
    float at(int x, int y) {
      int topRows = Math.min(FRAME, h);
      int bottomStart = Math.max(topRows, h - FRAME);
      int side = Math.min(w, 2 * FRAME);
      if (y < topRows) {
        return values[y * w + x];
      }
      if (y >= bottomStart) {
        return values[topRows * w + (bottomStart - topRows) * side + (y - bottomStart) * w + x];
      }
      int column = x < FRAME ? x : x - (w - side);
      return values[topRows * w + (y - topRows) * side + column];
    }
  }

  private static void write(ItemContext context, String name, float[] values) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    Files.write(context.stage(name).toPath(), bytes.array());
  }

  private static float[] readFloats(PartsContext context, int tile, String name, int count) throws IOException {
    float[] values = new float[count];
    readValues(context, tile, name, count * Float.BYTES).asFloatBuffer().get(values);
    return values;
  }

  /** The first {@code bytes} bytes of a part file of raw little-endian values (an error if it is shorter). */
  private static ByteBuffer readValues(PartsContext context, int tile, String name, int bytes) throws IOException {
    try (InputStream in = context.openPart(tile, name)) {
      return ByteBuffer.wrap(readExactly(in, bytes, name + " of tile " + tile)).order(ByteOrder.LITTLE_ENDIAN);
    }
  }

  private static byte[] readExactly(InputStream in, int count, String what) throws IOException {
    byte[] bytes = in.readNBytes(count);
    if (bytes.length != count) {
      throw new EOFException("the intermediate " + what + " ends after " + bytes.length + " of " + count
          + " bytes");
    }
    return bytes;
  }
}
