package io.geomill.raster;

import io.geomill.vector.LayerCrs;
import java.io.Serializable;

/**
 * What a job that reads one band needs of a raster.
 *
 * @param band      the band to read, from 1; 0 (the default) means the raster must have exactly one band, so an RGB
 *                  image given where a DEM is expected is an error rather than its red band
 * @param assumeCrs the CRS of rasters that have none; null (the default) makes a raster without CRS an error
 */
public record RasterReadOptions(int band, LayerCrs assumeCrs) implements Serializable {
  public static final RasterReadOptions DEFAULTS = new RasterReadOptions(0, null);

  public RasterReadOptions {
    if (band < 0) {
      throw new IllegalArgumentException("band must be >= 1 (or 0: the only band), was " + band);
    }
  }

  /** The band to read, from 1. */
  public int bandToRead() {
    return band == 0 ? 1 : band;
  }
}
