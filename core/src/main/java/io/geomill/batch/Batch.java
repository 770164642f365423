package io.geomill.batch;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The same task over many items, as one Spark job: the one way every GeoMill job runs.
 *
 * <pre>{@code
 * BatchResult<Row> result = Batch.of("inventory", items, task)
 *     .outputTo("hdfs://nn/out")          // atomic outputs, resume, report
 *     .listener(new ConsoleProgress())
 *     .run(spark);
 * }</pre>
 *
 * Each item gets exactly one {@link ItemOutcome}; one failing item never stops the others. An item may be done
 * in parts ({@link #ofParts}), each part a task of its own, or in parts over several phases ({@link #ofPhases}).
 * With an output
 * folder, outputs are committed by rename, a rerun skips the items already committed (unless
 * {@link #force}), and a JSON report is written there at the end.
 */
public final class Batch<T extends Serializable, R extends Serializable> {
  /** Above this many items, several share a task, so the driver is not flooded with tiny tasks. */
  public static final int DEFAULT_MAX_TASKS = 20_000;

  private final String name;
  private final List<BatchItem<T>> items;
  private final Work<T, R> work;
  private String outputUri;
  private boolean force;
  private int maxTasks = DEFAULT_MAX_TASKS;
  private int headStartThreads;
  private final List<BatchListener> listeners = new ArrayList<>();

  private Batch(String name, List<BatchItem<T>> items, Work<T, R> work) {
    this.name = Objects.requireNonNull(name, "name");
    this.items = List.copyOf(items);
    this.work = work;
    Set<String> ids = new HashSet<>();
    for (BatchItem<T> item : this.items) {
      if (!ids.add(item.id())) {
        throw new IllegalArgumentException("item id '" + item.id() + "' appears twice in batch " + name);
      }
    }
  }

  public static <T extends Serializable, R extends Serializable> Batch<T, R> of(
      String name, List<BatchItem<T>> items, ItemTask<T, R> task) {
    return new Batch<>(name, items, Work.of(Objects.requireNonNull(task, "task")));
  }

  /** A batch whose items are each done in parts (see {@link PartedTask}), all in one balanced Spark job. */
  public static <T extends Serializable, P extends Serializable, R extends Serializable> Batch<T, R> ofParts(
      String name, List<BatchItem<T>> items, PartedTask<T, P, R> task) {
    return new Batch<>(name, items, Work.of(Objects.requireNonNull(task, "task")));
  }

  /**
   * A batch whose items are each done in parts over phases, with driver-side steps between them (see
   * {@link PhasedTask}), all in one balanced run.
   */
  public static <T extends Serializable, P extends Serializable, R extends Serializable> Batch<T, R> ofPhases(
      String name, List<BatchItem<T>> items, PhasedTask<T, P, R> task) {
    return new Batch<>(name, items, Work.of(Objects.requireNonNull(task, "task")));
  }

  /** Output folder (any Hadoop URI or local path): enables staged outputs, resume and the report. */
  public Batch<T, R> outputTo(String uri) {
    this.outputUri = uri;
    return this;
  }

  /** Redo items a previous run committed. */
  public Batch<T, R> force(boolean force) {
    this.force = force;
    return this;
  }

  public Batch<T, R> maxTasks(int maxTasks) {
    if (maxTasks < 1) {
      throw new IllegalArgumentException("maxTasks must be >= 1, was " + maxTasks);
    }
    this.maxTasks = maxTasks;
    return this;
  }

  /**
   * In local mode: how many threads of the driver run the batch's first units while the Spark context given to
   * {@link #start(CompletableFuture, Configuration)} is still starting (default 0: none). One less than the
   * local cores suits: the context's start keeps one busy. Ignored once the context is up.
   */
  public Batch<T, R> headStart(int threads) {
    if (threads < 0) {
      throw new IllegalArgumentException("head start threads must be >= 0, was " + threads);
    }
    this.headStartThreads = threads;
    return this;
  }

  public Batch<T, R> listener(BatchListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /** Starts the batch and returns at once: the handle gives progress, results as they come, and cancel(). */
  public BatchRun<R> start(SparkContext spark) {
    return start(CompletableFuture.completedFuture(spark), spark.hadoopConfiguration());
  }

  /**
   * Starts the batch on a Spark context that may still be starting, and returns at once. With
   * {@link #headStart}, units run on the driver until the context is up; a batch they finish needs no context.
   * A context that fails to start fails the items that were left for it.
   *
   * @param hadoopConf the Hadoop configuration the context will have (see GeoMillSpark.hadoopConf)
   */
  public BatchRun<R> start(CompletableFuture<SparkContext> spark, Configuration hadoopConf) {
    OutputStore store = outputUri == null ? null : new OutputStore(outputUri, hadoopConf);
    BatchRun<R> run = new BatchRun<>(name, items.stream().map(BatchItem::id).toList(), store, listeners);
    run.launch(spark, hadoopConf, headStartThreads, items, work, force, maxTasks);
    return run;
  }

  /** {@link #start(SparkContext)} on the session's context (a batch needs no SQL). */
  public BatchRun<R> start(SparkSession spark) {
    return start(spark.sparkContext());
  }

  /** Runs the batch to the end. */
  public BatchResult<R> run(SparkSession spark) {
    return start(spark).await();
  }
}
