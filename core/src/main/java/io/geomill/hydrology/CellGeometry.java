package io.geomill.hydrology;

/**
 * The ground distances from a cell to its eight neighbours, in metres, for the D8 slope
 * {@code (z - z_neighbour) / distance}.
 *
 * <p>Projected rasters have one cell width {@code dx} and height {@code dy} (non-square cells allowed); the
 * diagonal is {@code sqrt(dx^2 + dy^2)}. Geographic rasters (degrees) have metres per degree that depend on the
 * latitude: each row uses the WGS 84 ellipsoid's meridian and parallel lengths at the latitude of its centre
 * ({@code originY - (row + 0.5) * cellSizeY}), for every neighbour of a cell of that row. The distances depend
 * on the global row only, never on a tile, so tiled and untiled runs compare the same slopes.
 *
 * @param cellSizeX cell width: metres (projected) or degrees of longitude (geographic), positive
 * @param cellSizeY cell height: metres or degrees of latitude, positive
 * @param geographic whether the sizes are degrees
 * @param originY latitude of the top edge of row 0 (geographic only)
 */
public record CellGeometry(double cellSizeX, double cellSizeY, boolean geographic, double originY)
    implements java.io.Serializable {
  private static final double WGS84_A = 6_378_137.0;
  private static final double WGS84_E2 = 6.694_379_990_141_316e-3;

  public CellGeometry {
    if (!(cellSizeX > 0) || !(cellSizeY > 0) || Double.isInfinite(cellSizeX) || Double.isInfinite(cellSizeY)) {
      throw new IllegalArgumentException("cell sizes must be positive and finite: " + cellSizeX + " x " + cellSizeY);
    }
  }

  public static CellGeometry projected(double dx, double dy) {
    return new CellGeometry(dx, dy, false, 0);
  }

  /** Unit square cells: slopes in elevation units per cell. */
  public static CellGeometry unit() {
    return projected(1, 1);
  }

  public static CellGeometry geographic(double originY, double cellSizeXDegrees, double cellSizeYDegrees) {
    return new CellGeometry(cellSizeXDegrees, cellSizeYDegrees, true, originY);
  }

  /** Fills {@code into} with the distances to the neighbours E, SE, S, SW, W, NW, N, NE of a cell in {@code row}. */
  public void distances(int row, double[] into) {
    double dx = cellSizeX;
    double dy = cellSizeY;
    if (geographic) {
      double phi = Math.toRadians(originY - (row + 0.5) * cellSizeY);
      double sin = Math.sin(phi);
      double w = 1 - WGS84_E2 * sin * sin;
      dx = cellSizeX * Math.PI / 180 * WGS84_A * Math.cos(phi) / Math.sqrt(w);
      dy = cellSizeY * Math.PI / 180 * WGS84_A * (1 - WGS84_E2) / (w * Math.sqrt(w));
      dx = Math.max(dx, Double.MIN_NORMAL);
    }
    double diagonal = Math.sqrt(dx * dx + dy * dy);
    for (int d = 0; d < 8; d++) {
      into[d] = D8.isCardinal(d) ? (D8.DX[d] != 0 ? dx : dy) : diagonal;
    }
  }
}
