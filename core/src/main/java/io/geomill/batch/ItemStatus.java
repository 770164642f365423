package io.geomill.batch;

/** What became of one item. */
public enum ItemStatus {
  /** The task ran and its outputs were committed. */
  OK,
  /** The task threw; nothing was committed for it. */
  FAILED,
  /** Not run: a previous run committed its outputs and its input is unchanged (resume). */
  SKIPPED,
  /** Not run to the end: the batch was cancelled first. */
  CANCELLED;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
