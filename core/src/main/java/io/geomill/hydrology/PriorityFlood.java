package io.geomill.hydrology;

/**
 * Depression filling of a whole raster held in memory: Priority-Flood (Barnes, Lehman, Mulla 2014), seeded
 * with every valid cell on the raster's edge or next to nodata (those are the outlets and keep their
 * elevation). For tiles of a raster too large for one task, see {@link TiledFill}; both give the same values
 * bit for bit.
 */
public final class PriorityFlood {

  /** How flats are left. */
  public enum Mode {
    /**
     * The exact fill: each cell is raised to the lowest level at which it has a path to an outlet that never
     * rises; filled depressions are flat.
     */
    EXACT,
    /**
     * Priority-Flood+epsilon: each cell is raised to the least float value at which every cell has a strictly
     * falling path to an outlet; a filled cell sits {@code Math.nextUp} (one float ulp) above the cell it drains
     * to. Float caveat: an ulp is 6e-8 to 1.2e-7 of the elevation (6.1e-5 m from 512 to 1,024 m), so a long
     * flat climbs many ulps and its far end can rise above nearby terrain that it then no longer drains into as the exact
     * fill would; drainage is still guaranteed, but the increments are an artefact, not terrain.
     */
    EPSILON
  }

  private PriorityFlood() {}

  /**
   * Fills a raster (row-major, NaN = nodata; non-finite values count as nodata).
   *
   * @return the filled values, NaN where the input has no data
   */
  public static float[] fill(float[] dem, int width, int height, Mode mode) {
    Flood flood = new Flood(new InMemoryRaster(dem, width, height).whole(1), mode == Mode.EPSILON);
    flood.seedOutlets();
    flood.run();
    return flood.window();
  }
}
