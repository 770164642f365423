package io.geomill.jobs.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for something another process does: poll, with a deadline and a message that says what was awaited. */
public final class Poll {
  private static final long INTERVAL_MS = 100;

  private Poll() {}

  /** Polls until {@code condition} holds; after {@code timeout} fails with {@code whatWasAwaited}'s text. */
  public static void until(BooleanSupplier condition, Duration timeout, Supplier<String> whatWasAwaited) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + timeout + " in vain: " + whatWasAwaited.get());
      }
      pause();
    }
  }

  static void pause() {
    try {
      Thread.sleep(INTERVAL_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while polling", e);
    }
  }
}
