package io.geomill.batch;

/**
 * A snapshot of a running batch. The rate counts only items run in this session (skipped ones cost nothing),
 * so the ETA stays honest on a resumed run.
 */
public record BatchProgress(String batch, int total, int ok, int failed, int skipped, int cancelled,
    long elapsedMs) {

  public int finished() {
    return ok + failed + skipped + cancelled;
  }

  public int remaining() {
    return total - finished();
  }

  /** Items run per second so far; 0 before the first one finishes. */
  public double itemsPerSecond() {
    int run = ok + failed;
    return run == 0 || elapsedMs == 0 ? 0 : run * 1000.0 / elapsedMs;
  }

  /** Estimated milliseconds to the end, or -1 while there is no rate to go by. */
  public long etaMs() {
    double rate = itemsPerSecond();
    return rate == 0 ? -1 : Math.round(remaining() / rate * 1000);
  }

  /**
   * One line for logs and notebooks: "inventory: 40/120 (2 failed, 10 skipped) 8.1 items/s, ETA 10 s"; a
   * cancelled batch adds its cancelled items: "(0 failed, 0 skipped, 196 cancelled)".
   */
  public String describe() {
    StringBuilder line = new StringBuilder()
        .append(batch).append(": ").append(finished()).append('/').append(total);
    if (failed > 0 || skipped > 0 || cancelled > 0) {
      line.append(" (").append(failed).append(" failed, ").append(skipped).append(" skipped");
      line.append(cancelled > 0 ? ", " + cancelled + " cancelled)" : ")");
    }
    line.append(String.format(java.util.Locale.ROOT, " %.1f items/s", itemsPerSecond()));
    long eta = etaMs();
    if (eta >= 0 && remaining() > 0) {
      line.append(", ETA ").append(Durations.format(eta));
    }
    return line.toString();
  }
}
