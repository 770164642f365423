package io.geomill.terrain;

import io.geomill.raster.HaloTile;
import java.io.Serializable;
import java.util.Objects;

/**
 * One terrain product of a raster, computed tile by tile as gdaldem 3.6.2 computes it on the whole raster:
 * {@code TerrainKernel.of(SLOPE, grid, options).apply(tile)} gives the tile's own {@code width x height} cells
 * (row-major) from a {@link HaloTile} with a halo of at least 1, with {@link #outputNodata()} where the output
 * is nodata. A cell's value depends only on the raster (its values, the cell's position, the grid), never on
 * the tiling: any tiling gives the same output, bit for bit.
 *
 * <p>Input: NaN cells are nodata (see {@link TerrainOptions#nanIsNodata()} for a source without a nodata
 * value). Edge and nodata rules are gdaldem's, see {@link EdgeWindow}. Interior cells whose window holds no NaN
 * are read straight from the tile's array; a kernel allocates a few row buffers per call and nothing per cell.
 *
 * <p>The transcendental functions are {@link StrictMath}'s (the arc tangent through {@link StrictAtan}, the same
 * bits), whose results are specified to the bit, so tiles computed on different executors (different JVMs or
 * CPUs) still agree.
 */
public final class TerrainKernel implements Serializable {
  private final TerrainProduct product;
  private final TerrainGrid grid;
  private final TerrainOptions options;

  private TerrainKernel(TerrainProduct product, TerrainGrid grid, TerrainOptions options) {
    this.product = Objects.requireNonNull(product, "product");
    this.grid = Objects.requireNonNull(grid, "grid");
    this.options = Objects.requireNonNull(options, "options");
  }

  public static TerrainKernel of(TerrainProduct product, TerrainGrid grid, TerrainOptions options) {
    return new TerrainKernel(product, grid, options);
  }

  public TerrainProduct product() {
    return product;
  }

  /** The value written where the output is nodata: -9999, 0 for hillshade and for aspect with zeroForFlat. */
  public float outputNodata() {
    return switch (product) {
      case SLOPE -> Slope.NODATA;
      case ASPECT -> Aspect.nodataValue(options);
      case HILLSHADE -> Hillshade.NODATA;
      case TRI, TPI, ROUGHNESS -> Neighbourhood.NODATA;
    };
  }

  /** Whether the output file declares {@link #outputNodata()} as its nodata value (not aspect with zeroForFlat). */
  public boolean outputHasNodata() {
    return !(product == TerrainProduct.ASPECT && options.zeroForFlat());
  }

  /** Whether the output is grey levels to store as Byte (hillshade); the others are Float32. */
  public boolean outputIsByte() {
    return product == TerrainProduct.HILLSHADE;
  }

  /** The tile's own cells, row-major. */
  public float[] apply(HaloTile tile) {
    float[] out = new float[tile.width() * tile.height()];
    apply(tile, out);
    return out;
  }

  /** Writes the tile's own cells, row-major, into {@code out} (at least width x height long). */
  public void apply(HaloTile tile, float[] out) {
    check(tile);
    if (out.length < tile.width() * tile.height()) {
      throw new IllegalArgumentException("output array holds " + out.length + " floats, the tile has "
          + tile.width() * tile.height() + " cells");
    }
    EdgeWindow edges = new EdgeWindow(tile, options);
    switch (product) {
      case SLOPE -> gradientProduct(tile, new Slope(options), edges, out);
      case ASPECT -> gradientProduct(tile, new Aspect(options), edges, out);
      case HILLSHADE -> {
        byte[] levels = hillshade(tile, Hillshade.of(options), edges);
        for (int i = 0; i < levels.length; i++) {
          out[i] = levels[i] & 0xff;
        }
      }
      case TRI, TPI, ROUGHNESS -> windowProduct(tile, Neighbourhood.of(product, options), edges, out);
    }
  }

  /**
   * A product stored as Byte ({@link #outputIsByte()}: hillshade): the tile's own cells, row-major, as the bytes
   * of their grey levels 0-255, made row by row straight into bytes.
   */
  public byte[] applyAsBytes(HaloTile tile) {
    if (!outputIsByte()) {
      throw new IllegalStateException(product + " is not stored as bytes");
    }
    check(tile);
    return hillshade(tile, Hillshade.of(options), new EdgeWindow(tile, options));
  }

  /** Row by row into {@code out} (the whole tile). */
  private void gradientProduct(HaloTile tile, GradientProduct gradientProduct, EdgeWindow edges, float[] out) {
    float nodataValue = outputNodata();
    gradientRows(tile, edges, (gx, gy, width, cellWidth, cellHeight, offset, nodataColumns, nodataCount) -> {
      gradientProduct.row(gx, gy, width, cellWidth, cellHeight, out, offset);
      for (int q = 0; q < nodataCount; q++) {
        out[offset + nodataColumns[q]] = nodataValue;
      }
    });
  }

  /**
   * The hillshade's grey levels, row by row: each row's sums shaded straight into bytes (no row of floats, no
   * second pass over it).
   */
  private byte[] hillshade(HaloTile tile, Hillshade.Light light, EdgeWindow edges) {
    byte[] levels = new byte[tile.width() * tile.height()];
    byte nodataLevel = Hillshade.greyLevel(Hillshade.NODATA);
    gradientRows(tile, edges, (gx, gy, width, cellWidth, cellHeight, offset, nodataColumns, nodataCount) -> {
      light.levels(gx, gy, width, cellWidth, cellHeight, levels, offset);
      for (int q = 0; q < nodataCount; q++) {
        levels[offset + nodataColumns[q]] = nodataLevel;
      }
    });
    return levels;
  }

  /** What a gradient product makes of one row of sums (see {@link #gradientRows}). */
  @FunctionalInterface
  private interface GradientRow {
    /**
     * The row's {@code width} sums in gx, gy, its cells' size, where its output starts ({@code offset}: row i
     * of the tile at {@code i * width}), and the first {@code nodataCount} of {@code nodataColumns}, the columns
     * whose output is nodata.
     */
    void accept(float[] gx, float[] gy, int width, double cellWidth, double cellHeight, int offset,
        int[] nodataColumns, int nodataCount);
  }

  /** Each row of the tile's gradient sums ({@link #gradientRow}) to {@code output}, top to bottom. */
  private void gradientRows(HaloTile tile, EdgeWindow edges, GradientRow output) {
    int width = tile.width();
    float[] gx = new float[width];
    float[] gy = new float[width];
    int[] nodataColumns = new int[width];
    boolean horn = options.gradient() == TerrainOptions.Gradient.HORN;
    for (int i = 0; i < tile.height(); i++) {
      int r = tile.row0() + i;
      int nodataCount = gradientRow(tile, r, horn, edges, gx, gy, nodataColumns);
      output.accept(gx, gy, width, grid.cellWidth(r), grid.cellHeight(r), i * width, nodataColumns, nodataCount);
    }
  }

  /**
   * The gradient sums of raster row r's cells in the tile into gx, gy; the columns whose output is nodata
   * (their sums 0) into {@code nodataColumns}, how many is returned.
   */
  private int gradientRow(HaloTile tile, int r, boolean horn, EdgeWindow edges, float[] gx, float[] gy,
      int[] nodataColumns) {
    float[] v = tile.values();
    int s = tile.stride();
    int width = tile.width();
    int rowStart = (r - tile.row0() + tile.halo()) * s + tile.halo();
    int firstInterior = interiorFrom(tile, r);
    int endInterior = interiorTo(tile, r);
    // Interior cells straight from the tile, with a sum that is NaN when any of their windows holds a NaN.
    float windows = horn ? hornInterior(v, s, rowStart, firstInterior, endInterior, gx, gy)
        : zevenbergenThorneInterior(v, s, rowStart, firstInterior, endInterior, gx, gy);
    int count = 0;
    for (int j = 0; j < Math.min(firstInterior, width); j++) {
      count = exactCell(tile, r, j, horn, edges, gx, gy, nodataColumns, count);
    }
    // Only a row with a NaN window (or a false alarm: infinities) looks for its cells, which go the exact way.
    if (options.nanIsNodata() && Float.isNaN(windows)) {
      for (int j = firstInterior; j < endInterior; j++) {
        int k = rowStart + j;
        if (Float.isNaN(horn ? gx[j] + gy[j] + v[k] : zevenbergenThorneWindow(v, k, s, gx[j], gy[j]))) {
          count = exactCell(tile, r, j, horn, edges, gx, gy, nodataColumns, count);
        }
      }
    }
    for (int j = Math.max(endInterior, firstInterior); j < width; j++) {
      count = exactCell(tile, r, j, horn, edges, gx, gy, nodataColumns, count);
    }
    return count;
  }

  /** Tile column j of row r through {@link EdgeWindow}: its sums, or 0 and its column noted as nodata. */
  private static int exactCell(HaloTile tile, int r, int j, boolean horn, EdgeWindow edges, float[] gx,
      float[] gy, int[] nodataColumns, int count) {
    if (edges.resolve(tile.col0() + j, r)) {
      float[] w = edges.cells;
      gx[j] = horn ? Gradients.hornX(w, 4, 3) : Gradients.zevenbergenThorneX(w, 4, 3);
      gy[j] = horn ? Gradients.hornY(w, 4, 3) : Gradients.zevenbergenThorneY(w, 4, 3);
      return count;
    }
    gx[j] = 0;
    gy[j] = 0;
    nodataColumns[count] = j;
    return count + 1;
  }

  /**
   * Horn's sums of the interior cells [from, to) of a row starting at {@code rowStart}: the float operations of
   * {@link Gradients#hornX} and {@link Gradients#hornY} in their order, so the same bits, but each column's
   * weighted sum (top + 2 middle + bottom) computed once and used as the right column of one cell and the left
   * of the next, and each cell read once (C1, the terrain job's JIT, keeps no array value in a register).
   *
   * @return the sum of every cell's {@code x + y + centre}: NaN when a window holds a NaN (x or y is NaN then,
   *     or the centre is), and otherwise only when infinities meet
   */
  private static float hornInterior(float[] v, int s, int rowStart, int from, int to, float[] gx, float[] gy) {
    if (from >= to) {
      return 0;
    }
    int k = rowStart + from;
    float topLeft = v[k - s - 1];
    float top = v[k - s];
    float bottomLeft = v[k + s - 1];
    float bottom = v[k + s];
    float middle = v[k];
    float left = topLeft + v[k - 1] + v[k - 1] + bottomLeft;
    float centre = top + middle + middle + bottom;
    float windows = 0;
    for (int j = from; j < to; j++, k++) {
      float topRight = v[k - s + 1];
      float middleRight = v[k + 1];
      float bottomRight = v[k + s + 1];
      float right = topRight + middleRight + middleRight + bottomRight;
      float x = left - right;
      float y = (bottomLeft + bottom + bottom + bottomRight) - (topLeft + top + top + topRight);
      gx[j] = x;
      gy[j] = y;
      windows += x + y + middle;
      left = centre;
      centre = right;
      topLeft = top;
      top = topRight;
      bottomLeft = bottom;
      bottom = bottomRight;
      middle = middleRight;
    }
    return windows;
  }

  /** Zevenbergen-Thorne's sums of the interior cells [from, to); returns as {@link #hornInterior} does. */
  private static float zevenbergenThorneInterior(float[] v, int s, int rowStart, int from, int to, float[] gx,
      float[] gy) {
    float windows = 0;
    for (int j = from; j < to; j++) {
      int k = rowStart + j;
      gx[j] = Gradients.zevenbergenThorneX(v, k, s);
      gy[j] = Gradients.zevenbergenThorneY(v, k, s);
      windows += zevenbergenThorneWindow(v, k, s, gx[j], gy[j]);
    }
    return windows;
  }

  /** NaN when the window at k holds a NaN: ZT's sums lack the corners, which gdaldem checks too. */
  private static float zevenbergenThorneWindow(float[] v, int k, int s, float x, float y) {
    return x + y + v[k] + v[k - s - 1] + v[k - s + 1] + v[k + s - 1] + v[k + s + 1];
  }

  private void windowProduct(HaloTile tile, WindowProduct formula, EdgeWindow edges, float[] out) {
    float[] v = tile.values();
    int s = tile.stride();
    float nodataValue = outputNodata();
    boolean checkNan = options.nanIsNodata();
    for (int i = 0; i < tile.height(); i++) {
      int r = tile.row0() + i;
      int rowStart = (i + tile.halo()) * s + tile.halo();
      int firstInterior = interiorFrom(tile, r);
      int endInterior = interiorTo(tile, r);
      for (int j = 0; j < tile.width(); j++) {
        int k = rowStart + j;
        boolean direct = j >= firstInterior && j < endInterior && (!checkNan || !Float.isNaN(
            v[k - s - 1] + v[k - s] + v[k - s + 1] + v[k - 1] + v[k] + v[k + 1] + v[k + s - 1] + v[k + s]
                + v[k + s + 1]));
        float value;
        if (direct) {
          value = formula.of(v, k, s);
        } else if (edges.resolve(tile.col0() + j, r)) {
          value = formula.of(edges.cells, 4, 3);
        } else {
          value = nodataValue;
        }
        out[i * tile.width() + j] = value;
      }
    }
  }

  /** The first tile column j of raster row r that is not on the raster's edge. */
  private static int interiorFrom(HaloTile tile, int r) {
    if (r == 0 || r == tile.rasterHeight() - 1) {
      return tile.width(); // a first or last row is all edge
    }
    return tile.col0() == 0 ? 1 : 0;
  }

  /** One past the last tile column j of raster row r that is not on the raster's edge. */
  private static int interiorTo(HaloTile tile, int r) {
    if (r == 0 || r == tile.rasterHeight() - 1) {
      return 0;
    }
    return tile.col0() + tile.width() == tile.rasterWidth() ? tile.width() - 1 : tile.width();
  }

  private static void check(HaloTile tile) {
    Objects.requireNonNull(tile, "tile");
    if (tile.halo() < 1) {
      throw new IllegalArgumentException("a 3x3 kernel needs a halo of at least 1 cell, the tile has " + tile.halo());
    }
    if (tile.width() < 1 || tile.height() < 1 || tile.col0() < 0 || tile.row0() < 0
        || tile.col0() + tile.width() > tile.rasterWidth() || tile.row0() + tile.height() > tile.rasterHeight()) {
      throw new IllegalArgumentException("tile columns [" + tile.col0() + ", " + (tile.col0() + tile.width())
          + ") x rows [" + tile.row0() + ", " + (tile.row0() + tile.height()) + ") do not lie within the "
          + tile.rasterWidth() + " x " + tile.rasterHeight() + " raster");
    }
    long expected = (long) tile.stride() * (tile.height() + 2L * tile.halo());
    if (tile.values() == null || tile.values().length < expected) {
      throw new IllegalArgumentException("tile values: expected " + expected + " floats ("
          + tile.stride() + " x " + (tile.height() + 2 * tile.halo()) + "), got "
          + (tile.values() == null ? "none" : tile.values().length));
    }
  }
}
