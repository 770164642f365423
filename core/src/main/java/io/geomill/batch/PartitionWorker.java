package io.geomill.batch;

import io.geomill.fs.SerializableConf;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.channels.ClosedByInterruptException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskKilledException;
import org.apache.spark.broadcast.Broadcast;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * Runs the units (items, parts of items, finishes) of one Spark task, one after the other, and turns each into
 * exactly one outcome: a failing unit is recorded and the next one runs. Only a cancellation (the task was
 * killed) escapes, so that Spark stops the task instead of a report calling it a failure.
 *
 * <p>Each partition holds one task's units as Java-serialized bytes, so a task deserializes its own units only
 * (a closure holding all units would be deserialized by every task: quadratic in the unit count), and the
 * outcomes go back the same way; see {@link JavaBytes} for why not Spark's serializer.
 *
 * <p>What all tasks share (the work, the output store, the Hadoop configuration) is broadcast once and
 * decoded once per executor JVM. Carried in the task closure instead, it was decoded by every task, and
 * decoding a Hadoop configuration (a thousand entries, each with a GZIP-compressed source list) cost about
 * 1.5 ms per task: more than Spark's own per-task cost (BENCHMARKS.md, engine overhead).
 */
final class PartitionWorker<T extends Serializable, R extends Serializable>
    extends AbstractFunction1<Iterator<byte[]>, byte[]> implements Serializable {
  private static final Logger LOG = LogManager.getLogger(PartitionWorker.class);

  /** Decoded broadcasts by the broadcast's value (identity; weak, so an entry goes when Spark drops the block). */
  private static final Map<byte[], Shared<?, ?>> DECODED = Collections.synchronizedMap(new WeakHashMap<>());

  private final Broadcast<byte[]> shared;

  /** @param shared a {@link Shared}, Java-serialized and broadcast by the driver (see {@link #sharedBytes}) */
  PartitionWorker(Broadcast<byte[]> shared) {
    this.shared = shared;
  }

  /** What every task of a batch needs, serialized once on the driver. */
  record Shared<T extends Serializable, R extends Serializable>(Work<T, R> work, OutputStore store,
      SerializableConf conf) implements Serializable {}

  /** The outcome of one unit: for a part, the outcome's result is what the part returned. */
  record UnitOutcome(int part, ItemOutcome<Serializable> outcome) implements Serializable {}

  static <T extends Serializable, R extends Serializable> byte[] sharedBytes(Work<T, R> work,
      OutputStore store, SerializableConf conf) {
    return JavaBytes.serialize(new Shared<>(work, store, conf));
  }

  @Override
  @SuppressWarnings("unchecked")
  public byte[] apply(Iterator<byte[]> bins) {
    Shared<T, R> parts = (Shared<T, R>) decoded(shared.value());
    ArrayList<UnitOutcome> outcomes = new ArrayList<>();
    while (bins.hasNext()) {
      for (Unit<T> unit : (List<Unit<T>>) JavaBytes.deserialize(bins.next())) {
        stopIfKilled();
        outcomes.add(runOne(unit, parts));
      }
    }
    return JavaBytes.serialize(outcomes);
  }

  private static Shared<?, ?> decoded(byte[] bytes) {
    synchronized (bytes) { // the executor's tasks start together: one decodes, the others wait for it
      return DECODED.computeIfAbsent(bytes, b -> (Shared<?, ?>) JavaBytes.deserialize(b));
    }
  }

  private UnitOutcome runOne(Unit<T> unit, Shared<T, R> parts) {
    BatchItem<T> item = unit.item();
    if (unit.isPart() && abandoned(item.id(), parts.store())) {
      return new UnitOutcome(unit.part(), ItemOutcome.cancelled(item.id())); // another part failed the item
    }
    TaskContext taskContext = TaskContext.get();
    int attemptNumber = taskContext.attemptNumber();
    String attempt = taskContext.stageId() + "." + taskContext.partitionId() + "." + taskContext.taskAttemptId();
    String executor = executorName();
    long start = System.nanoTime();
    try (CloseableThreadContext.Instance logContext = CloseableThreadContext.put("item", unit.describe());
         ItemAttempt context = new ItemAttempt(item.id(), unit.isPart() ? unit.part() : -1, parts.store(),
             parts.conf().get(), scratchRoot(), attempt)) {
      try {
        Serializable result = switch (unit.part()) {
          case Unit.WHOLE -> parts.work().runWhole(item.payload(), context);
          case Unit.FINISH -> parts.work().finish(item.payload(), unit.partResults(), context);
          default -> parts.work().runPart(item.payload(), unit.part(), context);
        };
        ItemOutcome<Serializable> outcome = ItemOutcome.ok(item.id(), List.of(), result, millisSince(start),
            executor, attemptNumber);
        outcome = context.commit(outcome, item.fingerprint());
        if (unit.part() == Unit.FINISH) {
          deleteParts(item.id(), parts.store());
        }
        LOG.debug("{} ok in {} ms", unit.describe(), outcome.durationMs());
        return new UnitOutcome(unit.part(), outcome);
      } catch (Throwable error) {
        if (isCancellation(error, taskContext)) {
          throw asUnchecked(error);
        }
        ItemOutcome<Serializable> failed = ItemOutcome.failed(item.id(), error, millisSince(start), executor,
            attemptNumber);
        LOG.warn("failed: {}", unit.isPart() ? failed.message() : failed.failureLine()); // the part is in the context
        return new UnitOutcome(unit.part(), failed);
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

  private static void stopIfKilled() {
    TaskContext taskContext = TaskContext.get();
    if (taskContext.isInterrupted()) {
      throw new TaskKilledException(taskContext.getKillReason().getOrElse(() -> "cancelled"));
    }
  }

  private static boolean isCancellation(Throwable error, TaskContext taskContext) {
    return taskContext.isInterrupted() || error instanceof InterruptedException
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

  private static String executorName() {
    SparkEnv env = SparkEnv.get();
    return env.executorId() + "@" + env.blockManager().blockManagerId().host();
  }

  /** Spark's per-application local dir: removed by Spark when the executor ends. */
  private static File scratchRoot() {
    File root = new File(SparkFiles.getRootDirectory());
    return root.isDirectory() ? root : new File(System.getProperty("java.io.tmpdir"));
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
