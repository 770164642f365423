package io.geomill.batch;

import java.io.Serializable;
import java.util.Objects;

/**
 * One unit of a batch: what a task runs on.
 *
 * @param id          stable, human-readable identity (for files: the path relative to the input root); it names
 *                    the item in the report and in log lines, and keys its resume record
 * @param weight      expected cost used for largest-first scheduling (bytes, cells, or 1 when unknown)
 * @param fingerprint what must be unchanged for a committed result to be reused on resume (for files: size and
 *                    modification time); {@code ""} when the payload itself is the whole input
 * @param payload     the value handed to the task
 */
public record BatchItem<T extends Serializable>(String id, long weight, String fingerprint, T payload)
    implements Serializable {

  public BatchItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(fingerprint, "fingerprint");
    if (weight < 0) {
      throw new IllegalArgumentException("weight must be >= 0, was " + weight + " for " + id);
    }
  }

  /** An item whose payload is its own identity (the Pool.map case): weight 1, nothing to fingerprint. */
  public static <T extends Serializable> BatchItem<T> of(String id, T payload) {
    return new BatchItem<>(id, 1, "", payload);
  }
}
