package io.geomill.batch;

/**
 * A snapshot of a running batch. The rate counts only work run in this session (skipped items cost nothing),
 * so the ETA stays honest on a resumed run.
 *
 * <p>Work is counted in units: an item is one unit, except an item done in parts ({@link PartedTask}), which is
 * as many units as it has parts. A batch of one big raster in 25 tiles thus shows progress tile by tile.
 *
 * @param units        work units of all items (equal to {@code total} when no item is done in parts)
 * @param unitsDone    units finished (an item's units all count once it has an outcome)
 * @param unitsSkipped units of the items skipped as already done
 */
public record BatchProgress(String batch, int total, int ok, int failed, int skipped, int cancelled,
    long elapsedMs, int units, int unitsDone, int unitsSkipped) {

  /** The same counts with the clock moved on, so rate and ETA stay current between finished items. */
  public BatchProgress at(long laterElapsedMs) {
    return new BatchProgress(batch, total, ok, failed, skipped, cancelled, laterElapsedMs, units, unitsDone,
        unitsSkipped);
  }

  public int finished() {
    return ok + failed + skipped + cancelled;
  }

  public int remaining() {
    return total - finished();
  }

  /** Whether some item is done in parts, so units tell more than items. */
  public boolean hasParts() {
    return units != total;
  }

  /** Items run per second so far; 0 before the first one finishes. */
  public double itemsPerSecond() {
    int run = ok + failed;
    return run == 0 || elapsedMs == 0 ? 0 : run * 1000.0 / elapsedMs;
  }

  /** Estimated milliseconds to the end, or -1 while there is no rate to go by; from the units' rate. */
  public long etaMs() {
    int run = unitsDone - unitsSkipped;
    if (run <= 0 || elapsedMs == 0) {
      return -1;
    }
    return Math.round((double) (units - unitsDone) * elapsedMs / run);
  }

  /**
   * One line for logs and notebooks: "inventory: 40/120 (2 failed, 10 skipped) 8.1 items/s, ETA 10 s", with
   * "12/25 parts" after the items when some item is done in parts; a cancelled batch adds its cancelled items:
   * "(0 failed, 0 skipped, 196 cancelled)".
   */
  public String describe() {
    StringBuilder line = new StringBuilder()
        .append(batch).append(": ").append(finished()).append('/').append(total);
    if (failed > 0 || skipped > 0 || cancelled > 0) {
      line.append(" (").append(failed).append(" failed, ").append(skipped).append(" skipped");
      line.append(cancelled > 0 ? ", " + cancelled + " cancelled)" : ")");
    }
    if (hasParts()) {
      line.append(", ").append(unitsDone).append('/').append(units).append(" parts");
    }
    line.append(String.format(java.util.Locale.ROOT, " %.1f items/s", itemsPerSecond()));
    long eta = etaMs();
    if (eta >= 0 && remaining() > 0) {
      line.append(", ETA ").append(Durations.format(eta));
    }
    return line.toString();
  }
}
