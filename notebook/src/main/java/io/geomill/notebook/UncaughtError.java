package io.geomill.notebook;

/**
 * A cell threw an {@link Error} (a StackOverflowError, an OutOfMemoryError...). Jupyter's protocol layer handles
 * exceptions only, so the error travels wrapped; its message says which error it was.
 */
final class UncaughtError extends Exception {
  UncaughtError(Throwable error) {
    super(error.toString(), error, false, false); // no trace of its own: the error's trace is the one to read
  }
}
