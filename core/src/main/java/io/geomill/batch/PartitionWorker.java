package io.geomill.batch;

import io.geomill.fs.SerializableConf;
import java.io.File;
import java.io.Serializable;
import java.nio.channels.ClosedByInterruptException;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskKilledException;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * Runs the items of one Spark task, one after the other, and turns each into exactly one outcome: a failing
 * item is recorded and the next one runs. Only a cancellation (the task was killed) escapes, so that Spark
 * stops the task instead of a report calling it a failure.
 *
 * <p>The RDD holds only task numbers; the items travel in this closure, which Spark always Java-serializes
 * and broadcasts once per executor. The outcomes go back as Java-serialized bytes (see {@link JavaBytes}).
 */
final class PartitionWorker<T extends Serializable, R extends Serializable>
    extends AbstractFunction1<Iterator<Integer>, byte[]> implements Serializable {
  private static final Logger LOG = LogManager.getLogger(PartitionWorker.class);

  private final List<List<BatchItem<T>>> bins;
  private final ItemTask<T, R> task;
  private final OutputStore store;
  private final SerializableConf conf;

  PartitionWorker(List<List<BatchItem<T>>> bins, ItemTask<T, R> task, OutputStore store, SerializableConf conf) {
    this.bins = List.copyOf(bins);
    this.task = task;
    this.store = store;
    this.conf = conf;
  }

  @Override
  public byte[] apply(Iterator<Integer> binNumbers) {
    ArrayList<ItemOutcome<R>> outcomes = new ArrayList<>();
    while (binNumbers.hasNext()) {
      for (BatchItem<T> item : bins.get(binNumbers.next())) {
        stopIfKilled();
        outcomes.add(runOne(item));
      }
    }
    return JavaBytes.serialize(outcomes);
  }

  private ItemOutcome<R> runOne(BatchItem<T> item) {
    TaskContext taskContext = TaskContext.get();
    int attemptNumber = taskContext.attemptNumber();
    String attempt = taskContext.stageId() + "." + taskContext.partitionId() + "." + taskContext.taskAttemptId();
    String executor = executorName();
    long start = System.nanoTime();
    try (CloseableThreadContext.Instance logContext = CloseableThreadContext.put("item", item.id());
         ItemAttempt context = new ItemAttempt(item.id(), store, conf.get(), scratchRoot(), attempt)) {
      try {
        R result = task.run(item.payload(), context);
        ItemOutcome<R> outcome = ItemOutcome.ok(item.id(), List.of(), result, millisSince(start), executor,
            attemptNumber);
        outcome = context.commit(outcome, item.fingerprint());
        LOG.debug("item {} ok in {} ms", item.id(), outcome.durationMs());
        return outcome;
      } catch (Throwable error) {
        if (isCancellation(error, taskContext)) {
          throw asUnchecked(error);
        }
        ItemOutcome<R> failed = ItemOutcome.failed(item.id(), error, millisSince(start), executor, attemptNumber);
        LOG.warn("failed: {}", failed.failureLine());
        return failed;
      }
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
