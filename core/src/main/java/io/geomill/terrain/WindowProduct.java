package io.geomill.terrain;

/**
 * A product computed from the nine elevations of a 3x3 window, whatever the cell size (TRI, TPI, roughness).
 * The window is read from {@code v} around index {@code k} with row stride {@code s}, so one formula serves the
 * tile's own array (interior cells) and a resolved 3x3 copy ({@code k = 4, s = 3}: edge and nodata cells),
 * which keeps every cell's arithmetic the same however the raster is tiled.
 */
@FunctionalInterface
interface WindowProduct {
  float of(float[] v, int k, int s);
}
