package io.geomill.batch;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Every item's outcome, in input order, and what the run as a whole came to.
 *
 * @param reportUri where the JSON report was written, or null for a batch without an output folder
 */
public record BatchResult<R extends Serializable>(String batch, List<ItemOutcome<R>> outcomes, long durationMs,
    boolean cancelled, String reportUri) {

  public BatchResult {
    outcomes = List.copyOf(outcomes);
  }

  /** Exit codes: 0 all done, 1 some item failed, 130 cancelled (as a shell reports Ctrl-C). */
  public int exitCode() {
    if (cancelled) {
      return 130;
    }
    return count(ItemStatus.FAILED) > 0 ? 1 : 0;
  }

  public int count(ItemStatus status) {
    return (int) outcomes.stream().filter(o -> o.status() == status).count();
  }

  public List<ItemOutcome<R>> failures() {
    return outcomes.stream().filter(o -> o.status() == ItemStatus.FAILED).toList();
  }

  /** The results of the items that succeeded (now or in a resumed run), in input order. */
  public List<R> results() {
    List<R> results = new ArrayList<>();
    for (ItemOutcome<R> outcome : outcomes) {
      if (outcome.succeeded()) {
        results.add(outcome.result());
      }
    }
    return results;
  }

  public BatchProgress progress() {
    return new BatchProgress(batch, outcomes.size(), count(ItemStatus.OK), count(ItemStatus.FAILED),
        count(ItemStatus.SKIPPED), count(ItemStatus.CANCELLED), durationMs, outcomes.size(), outcomes.size(),
        count(ItemStatus.SKIPPED));
  }
}
