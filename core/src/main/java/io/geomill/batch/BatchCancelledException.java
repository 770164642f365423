package io.geomill.batch;

/** The caller was interrupted while waiting for a batch; the batch has been told to cancel. */
public class BatchCancelledException extends RuntimeException {
  public BatchCancelledException(String message, Throwable cause) {
    super(message, cause);
  }
}
