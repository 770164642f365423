package io.geomill.batch;

/**
 * An item whose task Spark gave up on: its executor died or was lost on every attempt (out of memory, a
 * native crash, a killed machine), so the item never produced an outcome of its own.
 */
public class BatchTaskLostException extends RuntimeException {
  public BatchTaskLostException(String sparkReason, Throwable cause) {
    super("Spark gave up on the task running this item: " + sparkReason, cause);
  }
}
