package io.geomill.batch;

/**
 * Hears a batch as it runs, on the driver. Calls come from Spark's scheduler thread: keep them short.
 */
public interface BatchListener {
  default void started(BatchProgress progress) {}

  default void itemFinished(ItemOutcome<?> outcome, BatchProgress progress) {}

  /** A part of an item done in parts ({@link PartedTask}) succeeded; its item is not finished yet. */
  default void partFinished(BatchProgress progress) {}

  default void finished(BatchResult<?> result) {}
}
