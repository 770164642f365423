package io.geomill.raster;

import java.io.Serializable;

/**
 * A raster cut into tiles for processing: squares of {@code tileSize} cells (smaller at the right and bottom
 * edges), numbered row by row from the top left. The tile size is a multiple of the output's block size, so every
 * output block lies in exactly one tile and a tile's blocks can be encoded where the tile is computed.
 */
public record RasterTiling(int width, int height, int tileSize, int blockSize) implements Serializable {

  /** One tile: columns [col0, col0 + width), rows [row0, row0 + height). */
  public record Tile(int index, int col0, int row0, int width, int height) implements Serializable {
    public long cells() {
      return (long) width * height;
    }

    @Override
    public String toString() {
      return "tile " + index + " (columns " + col0 + "-" + (col0 + width - 1) + ", rows " + row0 + "-"
          + (row0 + height - 1) + ")";
    }
  }

  public RasterTiling {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("a raster of " + width + "x" + height + " cells cannot be tiled");
    }
    if (blockSize < 1 || tileSize < blockSize || tileSize % blockSize != 0) {
      throw new IllegalArgumentException("tile size " + tileSize + " is not a multiple of the block size "
          + blockSize);
    }
  }

  /**
   * Tiles of about {@code requestedTileSize} cells: rounded up to a multiple of the block size, and no larger than
   * the raster needs (a raster smaller than one tile is one tile).
   */
  public static RasterTiling of(int width, int height, int requestedTileSize, int blockSize) {
    if (requestedTileSize < 1) {
      throw new IllegalArgumentException("tile size must be >= 1, was " + requestedTileSize);
    }
    int aligned = ceilDiv(requestedTileSize, blockSize) * blockSize;
    int needed = ceilDiv(Math.max(width, height), blockSize) * blockSize;
    return new RasterTiling(width, height, Math.min(aligned, needed), blockSize);
  }

  public int tilesAcross() {
    return ceilDiv(width, tileSize);
  }

  public int tilesDown() {
    return ceilDiv(height, tileSize);
  }

  public int tileCount() {
    return tilesAcross() * tilesDown();
  }

  public Tile tile(int index) {
    if (index < 0 || index >= tileCount()) {
      throw new IndexOutOfBoundsException("tile " + index + " of " + tileCount());
    }
    int col0 = (index % tilesAcross()) * tileSize;
    int row0 = (index / tilesAcross()) * tileSize;
    return new Tile(index, col0, row0, Math.min(tileSize, width - col0), Math.min(tileSize, height - row0));
  }

  public int blocksAcross() {
    return ceilDiv(width, blockSize);
  }

  public int blocksDown() {
    return ceilDiv(height, blockSize);
  }

  /** Blocks across one tile (fewer in the last tile column). */
  public int blocksAcross(Tile tile) {
    return ceilDiv(tile.width(), blockSize);
  }

  public int blocksDown(Tile tile) {
    return ceilDiv(tile.height(), blockSize);
  }

  static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
