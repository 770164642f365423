package io.geomill.hydrology;

/** A flow-direction raster that cannot be accumulated: a value that is not a code, or a cycle. */
public final class InvalidFlowDirectionsException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidFlowDirectionsException(String message) {
    super(message);
  }
}
