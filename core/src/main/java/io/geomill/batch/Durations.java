package io.geomill.batch;

import java.util.Locale;

/** Human durations for progress lines and summaries. */
public final class Durations {
  private Durations() {}

  /** 850 ms, 4.2 s, 3 min 07 s, 2 h 05 min. */
  public static String format(long millis) {
    if (millis < 1000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    long seconds = millis / 1000;
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
  }
}
