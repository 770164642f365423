package io.geomill.reproject;

import io.geomill.raster.RasterException;

/** A raster that cannot be reprojected as asked (no coordinate operation, outside the target CRS's domain). */
public class WarpException extends RasterException {
  private static final long serialVersionUID = 1L;

  public WarpException(String message) {
    super(message);
  }

  public WarpException(String message, Throwable cause) {
    super(message, cause);
  }
}
