package io.geomill.batch;

/** A synchronous map in which some items failed; the whole result, every failure included, comes with it. */
public class BatchFailedException extends RuntimeException {
  private final transient BatchResult<?> result;

  public BatchFailedException(BatchResult<?> result) {
    super(BatchReport.summary(result).strip());
    this.result = result;
  }

  public BatchResult<?> result() {
    return result;
  }
}
