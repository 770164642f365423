package io.geomill.jobs;

import io.geomill.batch.InputException;
import io.geomill.raster.RasterReadOptions;
import io.geomill.vector.LayerCrs;
import picocli.CommandLine.Option;

/** Which band of each input raster a job reads, and the CRS of inputs that have none: the same options in every job. */
public final class RasterInputOptions {
  @Option(names = "--band", paramLabel = "N", defaultValue = "0",
      description = "Band to read, from 1 (default: a raster must have exactly one band, so an RGB image is refused).")
  int band;

  @Option(names = "--assume-crs", paramLabel = "CRS",
      description = "CRS (EPSG:n or WKT) of rasters that have none; without it such a raster fails, since its cell"
          + " units are unknown.")
  String assumeCrs;

  /**
   * @throws InputException naming the option whose value is wrong
   */
  RasterReadOptions options() {
    LayerCrs crs = null;
    if (assumeCrs != null) {
      try {
        crs = LayerCrs.parse(assumeCrs);
      } catch (IllegalArgumentException e) {
        throw new InputException("--assume-crs " + assumeCrs + ": " + e.getMessage(), e);
      }
    }
    try {
      return new RasterReadOptions(band, crs);
    } catch (IllegalArgumentException e) {
      throw new InputException("--band " + band + ": " + e.getMessage(), e);
    }
  }
}
