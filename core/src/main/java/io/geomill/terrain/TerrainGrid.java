package io.geomill.terrain;

import java.io.Serializable;

/**
 * How long a raster's cells are on the ground, row by row: what the gradient products (slope, aspect,
 * hillshade) divide elevation differences by. The raster is north-up without rotation terms (geotransform
 * {@code [originX, cellSizeX, 0, originY, 0, -cellSizeY]}); row r's centre lies at
 * {@code originY - (r + 0.5) * cellSizeY}.
 *
 * <p>{@link #uniform}: every cell is {@code cellSizeX} by {@code cellSizeY} raster units (a projected raster;
 * or a geographic one treated as gdaldem treats it, with {@link TerrainOptions#scale()} 111120).
 * {@link #geographic}: cell sizes are degrees, converted to metres for each row from the latitude of the row's
 * centre on the ellipsoid (WGS 84 unless given), with the radii of curvature of the ellipsoid:
 * <pre>
 *   metres per degree of longitude = pi/180 * a * cos(phi) / sqrt(1 - e^2 sin^2(phi))       (parallel radius)
 *   metres per degree of latitude  = pi/180 * a * (1 - e^2) / (1 - e^2 sin^2(phi))^1.5      (meridian radius)
 * </pre>
 * with a the semi-major axis, e^2 = f (2 - f) and phi the geodetic latitude of the row's centre.
 *
 * @param cellSizeX         cell width in raster units (positive)
 * @param cellSizeY         cell height in raster units (positive)
 * @param geographic        whether cell sizes are degrees to convert per row
 * @param originY           latitude of the raster's top edge in degrees (geographic only)
 * @param semiMajorAxis     of the ellipsoid, metres (geographic only)
 * @param inverseFlattening of the ellipsoid, 1/f (geographic only)
 */
public record TerrainGrid(double cellSizeX, double cellSizeY, boolean geographic, double originY,
    double semiMajorAxis, double inverseFlattening) implements Serializable {

  /** WGS 84 (EPSG:7030). */
  public static final double WGS84_SEMI_MAJOR_AXIS = 6_378_137.0;
  public static final double WGS84_INVERSE_FLATTENING = 298.257223563;

  public TerrainGrid {
    if (!(Double.isFinite(cellSizeX) && cellSizeX > 0 && Double.isFinite(cellSizeY) && cellSizeY > 0)) {
      throw new IllegalArgumentException(
          "cell sizes must be positive numbers, got " + cellSizeX + " x " + cellSizeY);
    }
    if (geographic) {
      if (!(originY >= -90 && originY <= 90)) {
        throw new IllegalArgumentException("geographic raster: top edge latitude must be in [-90, 90], got "
            + originY);
      }
      if (!(semiMajorAxis > 0 && inverseFlattening > 1 && Double.isFinite(semiMajorAxis)
          && Double.isFinite(inverseFlattening))) {
        throw new IllegalArgumentException("ellipsoid: semi-major axis " + semiMajorAxis
            + " m and inverse flattening " + inverseFlattening + " do not make an ellipsoid");
      }
    }
  }

  /** Cells of one size everywhere, in raster units. */
  public static TerrainGrid uniform(double cellSizeX, double cellSizeY) {
    return new TerrainGrid(cellSizeX, cellSizeY, false, 0, 0, 0);
  }

  /** Cells of {@code cellSizeX} x {@code cellSizeY} degrees, top edge at latitude {@code originY}, on WGS 84. */
  public static TerrainGrid geographic(double originY, double cellSizeX, double cellSizeY) {
    return new TerrainGrid(cellSizeX, cellSizeY, true, originY, WGS84_SEMI_MAJOR_AXIS, WGS84_INVERSE_FLATTENING);
  }

  /** The same geographic grid on another ellipsoid. */
  public TerrainGrid withEllipsoid(double semiMajorAxisMetres, double inverseFlatteningValue) {
    return new TerrainGrid(cellSizeX, cellSizeY, true, originY, semiMajorAxisMetres, inverseFlatteningValue);
  }

  /** Latitude in degrees of the centre of raster row {@code row} (geographic grids). */
  public double rowLatitude(int row) {
    return originY - (row + 0.5) * cellSizeY;
  }

  /** Width of a cell of raster row {@code row}: metres for a geographic grid, raster units otherwise. */
  public double cellWidth(int row) {
    if (!geographic) {
      return cellSizeX;
    }
    double phi = Math.toRadians(checkedLatitude(row));
    double sin = StrictMath.sin(phi);
    return cellSizeX * Math.toRadians(semiMajorAxis) * StrictMath.cos(phi)
        / Math.sqrt(1 - eccentricitySquared() * sin * sin);
  }

  /** Height of a cell of raster row {@code row}: metres for a geographic grid, raster units otherwise. */
  public double cellHeight(int row) {
    if (!geographic) {
      return cellSizeY;
    }
    double sin = StrictMath.sin(Math.toRadians(checkedLatitude(row)));
    double e2 = eccentricitySquared();
    double w = 1 - e2 * sin * sin;
    return cellSizeY * Math.toRadians(semiMajorAxis) * (1 - e2) / (w * Math.sqrt(w));
  }

  private double eccentricitySquared() {
    double f = 1 / inverseFlattening;
    return f * (2 - f);
  }

  private double checkedLatitude(int row) {
    double latitude = rowLatitude(row);
    if (!(latitude > -90 && latitude < 90)) {
      throw new IllegalArgumentException("geographic raster: row " + row + " is centred at latitude " + latitude
          + ", outside (-90, 90)");
    }
    return latitude;
  }
}
