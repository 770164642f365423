package io.geomill.terrain;

import io.geomill.raster.HaloTile;

/**
 * The 3x3 window gdaldem 3.6.2 (GDALGeneric3x3Processing and ComputeVal) uses for a cell on the raster's edge
 * or next to nodata, or that the cell's output is nodata. Only such cells come here; the others read their
 * window straight from the tile. Everything depends on the cell's raster position and values only, never on
 * the tile it is computed in.
 *
 * <ul>
 *   <li>Nodata centre: nodata.</li>
 *   <li>Edge cell (first/last row or column) without computeEdges, or in a raster narrower or lower than 2
 *       cells: nodata.</li>
 *   <li>Edge cell with computeEdges: the missing row (first or last row) or column (first or last column of
 *       the other rows) is extrapolated linearly, {@code 2 * edge - inner} (nodata if either is); on the first
 *       and last rows the missing column of a corner is not extrapolated but repeats the centre column.</li>
 *   <li>Then any nodata value left in the window: nodata without computeEdges; with computeEdges it is
 *       replaced by the centre value.</li>
 * </ul>
 * With {@code nanIsNodata} false there are no nodata checks at all (gdaldem on a source without a nodata
 * value): only the edge rules apply and NaN goes into the arithmetic.
 */
final class EdgeWindow {
  /** The resolved window, row-major: read it with {@code k = 4, s = 3}. */
  final float[] cells = new float[9];

  private final HaloTile tile;
  private final boolean computeEdges;
  private final boolean nanIsNodata;

  EdgeWindow(HaloTile tile, TerrainOptions options) {
    this.tile = tile;
    this.computeEdges = options.computeEdges();
    this.nanIsNodata = options.nanIsNodata();
  }

  /** Fills {@link #cells} for raster cell (c, r); false when the cell's output is nodata. */
  boolean resolve(int c, int r) {
    int lastCol = tile.rasterWidth() - 1;
    int lastRow = tile.rasterHeight() - 1;
    float centre = tile.at(c, r);
    if (nanIsNodata && Float.isNaN(centre)) {
      return false;
    }
    if (r == 0 || r == lastRow) {
      if (!computeEdges || lastCol < 1 || lastRow < 1) {
        return false;
      }
      int inner = r == 0 ? 1 : lastRow - 1;
      int top = r == 0 ? 0 : 6;
      int bottom = 6 - top;
      for (int i = 0; i < 3; i++) {
        int col = Math.max(0, Math.min(lastCol, c - 1 + i));
        float edge = tile.at(col, r);
        float in = tile.at(col, inner);
        cells[top + i] = extrapolate(edge, in);
        cells[3 + i] = edge;
        cells[bottom + i] = in;
      }
    } else if (c == 0 || c == lastCol) {
      if (!computeEdges || lastCol < 1) {
        return false;
      }
      int inner = c == 0 ? 1 : lastCol - 1;
      int left = c == 0 ? 0 : 2;
      int right = 2 - left;
      for (int i = 0; i < 3; i++) {
        float edge = tile.at(c, r - 1 + i);
        float in = tile.at(inner, r - 1 + i);
        cells[3 * i + left] = extrapolate(edge, in);
        cells[3 * i + 1] = edge;
        cells[3 * i + right] = in;
      }
    } else {
      for (int i = 0; i < 9; i++) {
        cells[i] = tile.at(c - 1 + i % 3, r - 1 + i / 3);
      }
    }
    if (nanIsNodata) {
      for (int i = 0; i < 9; i++) {
        if (Float.isNaN(cells[i])) {
          if (!computeEdges) {
            return false;
          }
          cells[i] = centre;
        }
      }
    }
    return true;
  }

  /** gdaldem's INTERPOL for floats: the value beyond the edge on the line through the inner cell. */
  private float extrapolate(float edge, float inner) {
    if (nanIsNodata && (Float.isNaN(edge) || Float.isNaN(inner))) {
      return Float.NaN;
    }
    return 2 * edge - inner;
  }
}
