package io.geomill.hydrology;

import java.util.Arrays;

/**
 * One double per perimeter cell of every tile of a {@link TileGrid} ({@link Perimeter} numbering): what a
 * tiled algorithm's driver solves and broadcasts, about as large as the number of tile-edge cells. A tile
 * reads its own perimeter, or the ring of cells around it, which are its neighbours' perimeter cells.
 */
public final class PerimeterField implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final TileGrid grid;
  private final double[][] values;

  /** A field of {@code initial} everywhere. */
  public PerimeterField(TileGrid grid, double initial) {
    this.grid = grid;
    values = new double[grid.tileCount()][];
    for (int t = 0; t < values.length; t++) {
      values[t] = new double[grid.perimeterSize(t)];
      Arrays.fill(values[t], initial);
    }
  }

  private PerimeterField(TileGrid grid, double[][] values) {
    this.grid = grid;
    this.values = values;
  }

  public TileGrid grid() {
    return grid;
  }

  /** Tile {@code tile}'s values, in {@link Perimeter} order (the array itself, not a copy). */
  public double[] perimeter(int tile) {
    return values[tile];
  }

  public void set(int tile, double[] perimeterValues) {
    if (perimeterValues.length != values[tile].length) {
      throw new IllegalArgumentException("tile " + tile + " has " + values[tile].length
          + " perimeter cells, got " + perimeterValues.length + " values");
    }
    values[tile] = perimeterValues;
  }

  /** A copy whose tiles can be {@link #set} without changing this field. */
  public PerimeterField copy() {
    return new PerimeterField(grid, values.clone());
  }

  /**
   * The values of the ring of cells just outside tile {@code tile} ({@link Perimeter} numbering of the
   * (width + 2) x (height + 2) window around it), NaN where the ring leaves the raster.
   */
  public double[] ring(int tile) {
    int w = grid.width(tile) + 2;
    int h = grid.height(tile) + 2;
    int col0 = grid.col0(tile) - 1;
    int row0 = grid.row0(tile) - 1;
    double[] ring = new double[Perimeter.size(w, h)];
    for (int i = 0; i < ring.length; i++) {
      int col = col0 + Perimeter.x(i, w, h);
      int row = row0 + Perimeter.y(i, w, h);
      ring[i] = grid.inside(col, row) ? values[grid.tileOf(col, row)][grid.perimeterIndexOf(col, row)] : Double.NaN;
    }
    return ring;
  }

  /** The value at raster cell (col, row), which must be on its tile's perimeter. */
  public double at(int col, int row) {
    return values[grid.tileOf(col, row)][grid.perimeterIndexOf(col, row)];
  }

  /** The tiles whose ring touches tile {@code tile}'s perimeter (its up to 8 neighbours). */
  public static int[] neighbours(TileGrid grid, int tile) {
    int tx = tile % grid.tilesX();
    int ty = tile / grid.tilesX();
    int[] out = new int[8];
    int n = 0;
    for (int d = 0; d < 8; d++) {
      int x = tx + D8.DX[d];
      int y = ty + D8.DY[d];
      if (x >= 0 && y >= 0 && x < grid.tilesX() && y < grid.tilesY()) {
        out[n++] = y * grid.tilesX() + x;
      }
    }
    return Arrays.copyOf(out, n);
  }
}
