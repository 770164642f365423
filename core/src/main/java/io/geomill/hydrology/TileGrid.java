package io.geomill.hydrology;

/**
 * A raster cut into a regular grid of tiles of {@code tileWidth} x {@code tileHeight} cells (the last column
 * and row of tiles may be smaller). Tiles are numbered row by row from the top left; tile t covers columns
 * [col0(t), col0(t) + width(t)) and rows [row0(t), row0(t) + height(t)).
 */
public record TileGrid(int rasterWidth, int rasterHeight, int tileWidth, int tileHeight)
    implements java.io.Serializable {

  public TileGrid {
    if (rasterWidth <= 0 || rasterHeight <= 0 || tileWidth <= 0 || tileHeight <= 0) {
      throw new IllegalArgumentException("raster and tile sizes must be positive: raster " + rasterWidth + " x "
          + rasterHeight + ", tiles " + tileWidth + " x " + tileHeight);
    }
  }

  /** One tile covering the whole raster. */
  public static TileGrid whole(int rasterWidth, int rasterHeight) {
    return new TileGrid(rasterWidth, rasterHeight, rasterWidth, rasterHeight);
  }

  public int tilesX() {
    return (rasterWidth + tileWidth - 1) / tileWidth;
  }

  public int tilesY() {
    return (rasterHeight + tileHeight - 1) / tileHeight;
  }

  public int tileCount() {
    return tilesX() * tilesY();
  }

  public int col0(int tile) {
    return (tile % tilesX()) * tileWidth;
  }

  public int row0(int tile) {
    return (tile / tilesX()) * tileHeight;
  }

  public int width(int tile) {
    return Math.min(tileWidth, rasterWidth - col0(tile));
  }

  public int height(int tile) {
    return Math.min(tileHeight, rasterHeight - row0(tile));
  }

  /** The tile holding raster cell (col, row). */
  public int tileOf(int col, int row) {
    return (row / tileHeight) * tilesX() + col / tileWidth;
  }

  public boolean inside(int col, int row) {
    return col >= 0 && row >= 0 && col < rasterWidth && row < rasterHeight;
  }

  /** The index of raster cell (col, row) on the perimeter of its tile, or -1 when it is inside its tile. */
  public int perimeterIndexOf(int col, int row) {
    int tile = tileOf(col, row);
    return Perimeter.index(col - col0(tile), row - row0(tile), width(tile), height(tile));
  }

  public int perimeterSize(int tile) {
    return Perimeter.size(width(tile), height(tile));
  }
}
