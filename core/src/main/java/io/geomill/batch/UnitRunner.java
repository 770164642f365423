package io.geomill.batch;

import io.geomill.fs.SerializableConf;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.channels.ClosedByInterruptException;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.TaskKilledException;

/**
 * Runs one unit (a whole item, a part of one, a finish) and turns it into exactly one outcome: a failing unit is
 * recorded as failed, and only a cancellation escapes. The one place a unit runs, whether in a Spark task
 * ({@link PartitionWorker}) or on the driver before Spark is up ({@link HeadStart}).
 */
final class UnitRunner {
  private static final Logger LOG = LogManager.getLogger(UnitRunner.class);

  private UnitRunner() {}

  /**
   * Where a unit runs.
   *
   * @param executor      named in the outcome (Spark's executor id and host, or the driver)
   * @param attemptNumber Spark's attempt number of the task (0 on the driver)
   * @param attempt       unique among the batch's attempts: names the attempt's staging folder
   * @param scratchRoot   where the attempt may make local scratch files
   * @param cancelled     whether the unit's task was cancelled (then its failure is a cancellation)
   */
  record Site(String executor, int attemptNumber, String attempt, File scratchRoot, BooleanSupplier cancelled) {}

  /** The outcome of one unit: for a part, the outcome's result is what the part returned. */
  record UnitOutcome(int part, int phase, ItemOutcome<Serializable> outcome) implements Serializable {}

  /**
   * What every unit of a batch needs: the work, the output store (null without an output folder), the Hadoop
   * configuration.
   */
  record Shared<T extends Serializable, R extends Serializable>(Work<T, R> work, OutputStore store,
      SerializableConf conf) implements Serializable {}

  /**
   * Runs {@code unit}; a cancellation (the site says so, or the unit was interrupted) is thrown as unchecked,
   * anything else the unit throws is its failed outcome.
   */
  static <T extends Serializable, R extends Serializable> UnitOutcome run(Unit<T> unit, Shared<T, R> shared,
      Site site) {
    BatchItem<T> item = unit.item();
    if (unit.isPart() && abandoned(item.id(), shared.store())) {
      // Another part failed the item.
      return new UnitOutcome(unit.part(), unit.phase(), ItemOutcome.cancelled(item.id()));
    }
    long start = System.nanoTime();
    try (CloseableThreadContext.Instance logContext = CloseableThreadContext.put("item", unit.describe());
         ItemAttempt context = new ItemAttempt(item.id(), unit.isPart() ? unit.part() : -1, shared.store(),
             shared.conf().get(), site.scratchRoot(), site.attempt())) {
      try {
        Serializable result = switch (unit.part()) {
          case Unit.WHOLE -> shared.work().runWhole(item.payload(), context);
          case Unit.FINISH -> shared.work().finish(item.payload(), unit.input(), context);
          default -> shared.work().runPart(item.payload(), unit.part(), unit.input(), context);
        };
        ItemOutcome<Serializable> outcome = ItemOutcome.ok(item.id(), List.of(), result, millisSince(start),
            site.executor(), site.attemptNumber());
        outcome = context.commit(outcome, item.fingerprint());
        if (unit.part() == Unit.FINISH) {
          deleteParts(item.id(), shared.store());
        }
        LOG.debug("{} ok in {} ms on {}", unit.describe(), outcome.durationMs(), site.executor());
        return new UnitOutcome(unit.part(), unit.phase(), outcome);
      } catch (Throwable error) {
        if (isCancellation(error, site)) {
          throw asUnchecked(error);
        }
        ItemOutcome<Serializable> failed = ItemOutcome.failed(item.id(), error, millisSince(start),
            site.executor(), site.attemptNumber());
        LOG.warn("failed: {}", unit.isPart() ? failed.message() : failed.failureLine()); // the part is in the context
        return new UnitOutcome(unit.part(), unit.phase(), failed);
      }
    }
  }

  private static boolean abandoned(String itemId, OutputStore store) {
    try {
      return store != null && store.fileSystem().exists(store.abandonedMarker(itemId));
    } catch (IOException e) {
      return false; // run it: at worst, work for nothing
    }
  }

  /** The finish has committed: its parts' files are of no more use. */
  private static void deleteParts(String itemId, OutputStore store) {
    if (store == null) {
      return;
    }
    try {
      store.fileSystem().delete(store.partsDir(itemId), true);
    } catch (IOException e) {
      // Parts live in the staging area, which the driver clears at the end of the run.
    }
  }

  private static boolean isCancellation(Throwable error, Site site) {
    return site.cancelled().getAsBoolean() || error instanceof InterruptedException
        || error instanceof TaskKilledException || error instanceof ClosedByInterruptException;
  }

  private static RuntimeException asUnchecked(Throwable error) {
    if (error instanceof RuntimeException runtime) {
      return runtime;
    }
    if (error instanceof Error fatal) {
      throw fatal;
    }
    return new TaskKilledException("cancelled: " + error);
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
