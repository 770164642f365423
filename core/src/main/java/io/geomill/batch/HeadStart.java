package io.geomill.batch;

import io.geomill.batch.UnitRunner.Shared;
import io.geomill.batch.UnitRunner.UnitOutcome;
import java.io.File;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Units of one wave run on the driver's own threads while the Spark context is still starting, in local mode,
 * where the driver's JVM is the executor anyway. Starting a context takes about a second, mostly on one thread
 * (class loading, the scheduler, the block manager); meanwhile the other cores would idle, and on two cores that
 * second is a quarter of a 10,000 x 10,000 DEM's terrain run (BENCHMARKS.md). Units are taken in the order
 * given (largest first) until the context is up and the batch's broadcast made; the rest go to Spark; a unit
 * already started finishes here.
 */
final class HeadStart<T extends Serializable, R extends Serializable> {
  private static final Logger LOG = LogManager.getLogger(HeadStart.class);
  private static final String EXECUTOR = "driver (head start)";

  private final Deque<Unit<T>> waiting;
  private final Shared<T, R> shared;
  private final Consumer<UnitOutcome> record;
  private final BooleanSupplier cancelled;
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicInteger attempts = new AtomicInteger();
  private final AtomicInteger running;
  /** Completes when every thread has stopped: no unit left, or cancelled. */
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private final String attemptPrefix;

  private HeadStart(List<Unit<T>> wave, Shared<T, R> shared, int threadCount, Consumer<UnitOutcome> record,
      BooleanSupplier cancelled, String attemptPrefix) {
    this.waiting = new ArrayDeque<>(wave);
    this.shared = shared;
    this.record = record;
    this.cancelled = cancelled;
    this.running = new AtomicInteger(threadCount);
    this.attemptPrefix = attemptPrefix;
  }

  /**
   * Starts {@code threadCount} threads on {@code wave}; each outcome goes to {@code record}, from those threads.
   *
   * @param cancelled whether the batch was cancelled: no unit starts after that
   */
  static <T extends Serializable, R extends Serializable> HeadStart<T, R> start(List<Unit<T>> wave,
      Shared<T, R> shared, int threadCount, Consumer<UnitOutcome> record, BooleanSupplier cancelled,
      String attemptPrefix) {
    if (threadCount < 1) {
      throw new IllegalArgumentException("a head start needs at least one thread, was " + threadCount);
    }
    HeadStart<T, R> head = new HeadStart<>(wave, shared, threadCount, record, cancelled, attemptPrefix);
    for (int i = 0; i < threadCount; i++) {
      Thread thread = new Thread(head::runUnits, "geomill-head-start-" + (i + 1));
      thread.setDaemon(true);
      head.threads.add(thread);
    }
    head.threads.forEach(Thread::start);
    return head;
  }

  /** Waits until {@code spark} is up (or failed to start), or until the head start ran out of units. */
  void awaitSparkOrEnd(CompletableFuture<?> spark) {
    CompletableFuture.anyOf(spark, stopped).exceptionally(error -> null).join();
  }

  /**
   * The units no thread took, which are Spark's from then on. Units still running here go on; {@link #awaitEnd}
   * waits for them.
   */
  List<Unit<T>> takeRest() {
    synchronized (waiting) {
      List<Unit<T>> rest = new ArrayList<>(waiting);
      waiting.clear();
      LOG.debug("head start: {} unit(s) run on the driver, {} left to Spark", attempts.get(), rest.size());
      return rest;
    }
  }

  /** Stops the threads as soon as they can: the unit each one runs is interrupted. */
  void cancel() {
    synchronized (waiting) {
      waiting.clear();
    }
    threads.forEach(Thread::interrupt);
  }

  /** Waits for the units still running here; their outcomes are recorded when this returns. */
  void awaitEnd() {
    boolean interrupted = false;
    for (Thread thread : threads) {
      while (thread.isAlive()) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          interrupted = true; // the batch's driver waits regardless: a unit may be committing
          cancel();
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void runUnits() {
    File scratchRoot = new File(System.getProperty("java.io.tmpdir"));
    try {
      for (Unit<T> unit = next(); unit != null; unit = next()) {
        UnitRunner.Site site = new UnitRunner.Site(EXECUTOR, 0, attemptPrefix + attempts.incrementAndGet(),
            scratchRoot, () -> cancelled.getAsBoolean() || Thread.currentThread().isInterrupted());
        record.accept(UnitRunner.run(unit, shared, site));
      }
    } catch (RuntimeException cancellation) {
      // UnitRunner lets only cancellations escape: the unit has no outcome, and the batch reports it cancelled.
      LOG.debug("head start stopped: {}", cancellation.toString());
    } finally {
      if (running.decrementAndGet() == 0) {
        stopped.complete(null);
      }
    }
  }

  private Unit<T> next() {
    synchronized (waiting) {
      return cancelled.getAsBoolean() || Thread.currentThread().isInterrupted() ? null : waiting.poll();
    }
  }
}
