package io.geomill.raster;

import java.io.IOException;

/** A raster that cannot be used as asked: truncated, corrupt, of the wrong kind. The message says which and why. */
public class RasterException extends IOException {
  private static final long serialVersionUID = 1L;

  public RasterException(String message) {
    super(message);
  }

  public RasterException(String message, Throwable cause) {
    super(message, cause);
  }
}
