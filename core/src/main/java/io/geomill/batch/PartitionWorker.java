package io.geomill.batch;

import io.geomill.batch.UnitRunner.Shared;
import io.geomill.batch.UnitRunner.UnitOutcome;
import io.geomill.fs.SerializableConf;
import java.io.File;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskKilledException;
import org.apache.spark.broadcast.Broadcast;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * Runs the units (items, parts of items, finishes) of one Spark task, one after the other, each into exactly one
 * outcome ({@link UnitRunner}). Only a cancellation (the task was killed) escapes, so that Spark stops the task
 * instead of a report calling it a failure.
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
  /** Decoded broadcasts by the broadcast's value (identity; weak, so an entry goes when Spark drops the block). */
  private static final Map<byte[], Shared<?, ?>> DECODED = Collections.synchronizedMap(new WeakHashMap<>());

  private final Broadcast<byte[]> shared;

  /** @param shared a {@link Shared}, Java-serialized and broadcast by the driver (see {@link #sharedBytes}) */
  PartitionWorker(Broadcast<byte[]> shared) {
    this.shared = shared;
  }

  static <T extends Serializable, R extends Serializable> byte[] sharedBytes(Work<T, R> work,
      OutputStore store, SerializableConf conf) {
    return JavaBytes.serialize(new Shared<>(work, store, conf));
  }

  @Override
  @SuppressWarnings("unchecked")
  public byte[] apply(Iterator<byte[]> bins) {
    Shared<T, R> parts = (Shared<T, R>) decoded(shared.value());
    TaskContext task = TaskContext.get();
    SparkEnv env = SparkEnv.get();
    UnitRunner.Site site = new UnitRunner.Site(env.executorId() + "@" + env.blockManager().blockManagerId().host(),
        task.attemptNumber(), task.stageId() + "." + task.partitionId() + "." + task.taskAttemptId(),
        scratchRoot(), task::isInterrupted);
    ArrayList<UnitOutcome> outcomes = new ArrayList<>();
    while (bins.hasNext()) {
      for (Unit<T> unit : (List<Unit<T>>) JavaBytes.deserialize(bins.next())) {
        stopIfKilled(task);
        outcomes.add(UnitRunner.run(unit, parts, site));
      }
    }
    return JavaBytes.serialize(outcomes);
  }

  private static Shared<?, ?> decoded(byte[] bytes) {
    synchronized (bytes) { // the executor's tasks start together: one decodes, the others wait for it
      return DECODED.computeIfAbsent(bytes, b -> (Shared<?, ?>) JavaBytes.deserialize(b));
    }
  }

  private static void stopIfKilled(TaskContext task) {
    if (task.isInterrupted()) {
      throw new TaskKilledException(task.getKillReason().getOrElse(() -> "cancelled"));
    }
  }

  /** Spark's per-application local dir: removed by Spark when the executor ends. */
  private static File scratchRoot() {
    File root = new File(SparkFiles.getRootDirectory());
    return root.isDirectory() ? root : new File(System.getProperty("java.io.tmpdir"));
  }
}
