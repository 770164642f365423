package io.geomill.notebook;

/** A cell stopped by Jupyter's interrupt after it ignored the interruption. */
final class CellInterrupted extends Exception {
  CellInterrupted(String message) {
    super(message, null, false, false);
  }
}
