package io.geomill.vector;

/** An input layer that cannot be used; the message names the layer and says why. */
public final class LayerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LayerException(String message) {
    super(message);
  }

  public LayerException(String message, Throwable cause) {
    super(message, cause);
  }
}
