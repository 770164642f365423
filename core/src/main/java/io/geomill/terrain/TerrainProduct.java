package io.geomill.terrain;

/** The terrain products of gdaldem 3.6.2 that GeoMill computes (all but color-relief). */
public enum TerrainProduct {
  /** Steepest slope, degrees (0-90) or percent; Float32, nodata -9999. */
  SLOPE,
  /** Direction of the steepest descent, compass degrees [0, 360) (0 = north, clockwise); Float32, nodata -9999. */
  ASPECT,
  /** Shaded relief, grey levels 1-255; Byte, nodata 0. */
  HILLSHADE,
  /** Terrain Ruggedness Index (Riley or Wilson); Float32, nodata -9999. */
  TRI,
  /** Topographic Position Index: centre minus the mean of its 8 neighbours; Float32, nodata -9999. */
  TPI,
  /** Largest difference between any two cells of the 3x3 window; Float32, nodata -9999. */
  ROUGHNESS
}
