package io.geomill.fields;

/** A field edit that cannot be made: a bad option, an expression refused, a field a layer lacks. */
public class FieldEditException extends IllegalArgumentException {
  public FieldEditException(String message) {
    super(message);
  }

  public FieldEditException(String message, Throwable cause) {
    super(message, cause);
  }
}
