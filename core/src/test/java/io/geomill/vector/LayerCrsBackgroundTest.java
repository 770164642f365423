package io.geomill.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link LayerCrs#parseInBackground}: what a job starts before its input checks must neither die on a bad CRS
 * nor take the user's error away from the job's own parse, nor stand in the way of that parse running beside it.
 */
class LayerCrsBackgroundTest {
  @Test
  void aTextThatDoesNotParseEndsTheThreadQuietlyAndTheJobsParseStillReportsIt() throws Exception {
    AtomicReference<Throwable> uncaught = new AtomicReference<>();
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    // Set before the thread starts: it may end before a handler of its own could be set.
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
      if (t.getName().equals("geomill-crs-set-up")) {
        uncaught.set(e);
      } else if (before != null) {
        before.uncaughtException(t, e);
      }
    });
    Thread thread;
    try {
      thread = LayerCrs.parseInBackground("EPSG:99999");
      thread.join(60_000);
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(before);
    }

    assertThat(thread.isAlive()).isFalse();
    assertThat(uncaught.get()).isNull();
    assertThatThrownBy(() -> LayerCrs.parse("EPSG:99999"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a CRS GeoMill knows: \"EPSG:99999\"");
  }

  @Test
  void theJobsParseWhileTheBackgroundOneRunsGivesTheCrs() throws Exception {
    Thread thread = LayerCrs.parseInBackground("EPSG:3857");
    LayerCrs meanwhile = LayerCrs.parse("EPSG:3857"); // may run while the thread still parses
    thread.join(60_000);

    assertThat(thread.isAlive()).isFalse();
    assertThat(meanwhile.label()).isEqualTo("EPSG:3857");
    assertThat(meanwhile.epsg()).isEqualTo(3857);
    assertThat(meanwhile.wkt()).startsWith("PROJCS[\"WGS 84 / Pseudo-Mercator\"")
        .contains("AUTHORITY[\"EPSG\",\"3857\"]");
  }
}
