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
 * <p>The transcendental functions are {@link StrictMath}'s, whose results are specified to the bit, so tiles
 * computed on different executors (different JVMs or CPUs) still agree.
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
    check(tile, out);
    EdgeWindow edges = new EdgeWindow(tile, options);
    switch (product) {
      case SLOPE -> gradientProduct(tile, new Slope(options), edges, out);
      case ASPECT -> gradientProduct(tile, new Aspect(options), edges, out);
      case HILLSHADE -> gradientProduct(tile, Hillshade.of(options), edges, out);
      case TRI, TPI, ROUGHNESS -> windowProduct(tile, Neighbourhood.of(product, options), edges, out);
    }
  }

  private void gradientProduct(HaloTile tile, GradientProduct gradientProduct, EdgeWindow edges, float[] out) {
    int width = tile.width();
    float[] gx = new float[width];
    float[] gy = new float[width];
    boolean[] nodata = new boolean[width];
    boolean horn = options.gradient() == TerrainOptions.Gradient.HORN;
    for (int i = 0; i < tile.height(); i++) {
      int r = tile.row0() + i;
      gradientRow(tile, r, horn, edges, gx, gy, nodata);
      gradientProduct.row(gx, gy, nodata, width, grid.cellWidth(r), grid.cellHeight(r), out, i * width);
    }
  }

  /** The gradient sums of raster row r's cells in the tile, and which cells are nodata. */
  private void gradientRow(HaloTile tile, int r, boolean horn, EdgeWindow edges, float[] gx, float[] gy,
      boolean[] nodata) {
    float[] v = tile.values();
    int s = tile.stride();
    int rowStart = (r - tile.row0() + tile.halo()) * s + tile.halo();
    int firstInterior = interiorFrom(tile, r);
    int endInterior = interiorTo(tile, r);
    boolean checkNan = options.nanIsNodata();
    // Interior cells straight from the tile; nodata[j] first marks those whose window holds a NaN.
    if (horn) {
      hornInterior(v, s, rowStart, firstInterior, endInterior, checkNan, gx, gy, nodata);
    } else {
      for (int j = firstInterior; j < endInterior; j++) {
        int k = rowStart + j;
        gx[j] = Gradients.zevenbergenThorneX(v, k, s);
        gy[j] = Gradients.zevenbergenThorneY(v, k, s);
        // ZT's sums lack the corners, which gdaldem checks too.
        nodata[j] = checkNan && Float.isNaN(gx[j] + gy[j] + v[k] + v[k - s - 1] + v[k - s + 1] + v[k + s - 1]
            + v[k + s + 1]);
      }
    }
    // Edge cells and the interior ones with a NaN in their window (or a false alarm: infinities) go the exact way.
    for (int j = 0; j < tile.width(); j++) {
      boolean interior = j >= firstInterior && j < endInterior;
      if (interior && !nodata[j]) {
        continue;
      }
      boolean resolved = edges.resolve(tile.col0() + j, r);
      if (resolved) {
        float[] w = edges.cells;
        gx[j] = horn ? Gradients.hornX(w, 4, 3) : Gradients.zevenbergenThorneX(w, 4, 3);
        gy[j] = horn ? Gradients.hornY(w, 4, 3) : Gradients.zevenbergenThorneY(w, 4, 3);
      } else {
        gx[j] = 0;
        gy[j] = 0;
      }
      nodata[j] = !resolved;
    }
  }

  /**
   * Horn's sums of the interior cells [from, to) of a row starting at {@code rowStart}: the float operations of
   * {@link Gradients#hornX} and {@link Gradients#hornY} in their order, so the same bits, but each column's
   * weighted sum (top + 2 middle + bottom) computed once and used as the right column of one cell and the left
   * of the next. {@code nanWindow[j]}: the window holds a NaN (checked only with {@code checkNan}).
   */
  private static void hornInterior(float[] v, int s, int rowStart, int from, int to, boolean checkNan, float[] gx,
      float[] gy, boolean[] nanWindow) {
    if (from >= to) {
      return;
    }
    int first = rowStart + from;
    float left = v[first - 1 - s] + v[first - 1] + v[first - 1] + v[first - 1 + s];
    float centre = v[first - s] + v[first] + v[first] + v[first + s];
    for (int j = from; j < to; j++) {
      int k = rowStart + j;
      float right = v[k + 1 - s] + v[k + 1] + v[k + 1] + v[k + 1 + s];
      float x = left - right;
      float y = (v[k + s - 1] + v[k + s] + v[k + s] + v[k + s + 1]) - (v[k - s - 1] + v[k - s] + v[k - s]
          + v[k - s + 1]);
      gx[j] = x;
      gy[j] = y;
      nanWindow[j] = checkNan && Float.isNaN(x + y + v[k]);
      left = centre;
      centre = right;
    }
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

  private static void check(HaloTile tile, float[] out) {
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
    if (tile.values() == null || tile.values().length != expected) {
      throw new IllegalArgumentException("tile values: expected " + expected + " floats ("
          + tile.stride() + " x " + (tile.height() + 2 * tile.halo()) + "), got "
          + (tile.values() == null ? "none" : tile.values().length));
    }
    if (out.length < tile.width() * tile.height()) {
      throw new IllegalArgumentException("output array holds " + out.length + " floats, the tile has "
          + tile.width() * tile.height() + " cells");
    }
  }
}
