package io.geomill.vector.write;

/** A shapefile would pass the format's 2 GB limit for one of its files; nothing past the limit was written. */
public final class ShapefileLimitException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  ShapefileLimitException(String message) {
    super(message);
  }
}
