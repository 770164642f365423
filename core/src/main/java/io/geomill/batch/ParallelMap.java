package io.geomill.batch;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * {@code Pool.map} for notebooks and library users, with no Spark boilerplate:
 *
 * <pre>{@code
 * List<Long> sums = ParallelMap.map(spark, List.of(1, 2, 3), (k, limit) -> sumOfPrimes(limit + 100 * k), 100_000);
 * BatchRun<Long> run = ParallelMap.mapAsync(spark, inputs, fn, params);   // run.completions(), run.cancel()
 * }</pre>
 *
 * Each input is an item of a {@link Batch} whose id is its position and value, so failures name the input.
 *
 * <p>Inputs are sent to Spark in chunks, one task per chunk, as {@code Pool.map} does and with its default
 * size: {@code ceil(inputs / (4 * workers))}, workers being Spark's default parallelism. Short items then do
 * not pay Spark's per-task cost each (about 1 ms), and four chunks per worker still even out uneven items.
 * A chunk size of 1 gives one task per input: the best balance for few, long items, and progress per item
 * (results arrive per task).
 */
public final class ParallelMap {
  private ParallelMap() {}

  /**
   * Applies {@code fn} to every input with {@code params}; results in input order.
   *
   * @throws BatchFailedException if any input failed (after all of them ran), with every failure in it
   */
  public static <T extends Serializable, P extends Serializable, R extends Serializable> List<R> map(
      SparkSession spark, List<T> inputs, ItemFunction<T, P, R> fn, P params) {
    return map(spark, inputs, fn, params, defaultChunkSize(inputs.size(), spark));
  }

  /** {@link #map(SparkSession, List, ItemFunction, Serializable)} with {@code chunkSize} inputs per task. */
  public static <T extends Serializable, P extends Serializable, R extends Serializable> List<R> map(
      SparkSession spark, List<T> inputs, ItemFunction<T, P, R> fn, P params, int chunkSize) {
    BatchResult<R> result = mapAsync(spark, inputs, fn, params, chunkSize).await();
    if (result.count(ItemStatus.OK) != inputs.size()) {
      throw new BatchFailedException(result);
    }
    return result.results();
  }

  /** Starts the map and returns at once: results as they complete, progress, cancel(). */
  public static <T extends Serializable, P extends Serializable, R extends Serializable> BatchRun<R> mapAsync(
      SparkSession spark, List<T> inputs, ItemFunction<T, P, R> fn, P params, BatchListener... listeners) {
    return mapAsync(spark, inputs, fn, params, defaultChunkSize(inputs.size(), spark), listeners);
  }

  /** {@link #mapAsync(SparkSession, List, ItemFunction, Serializable, BatchListener...)} with a chunk size. */
  public static <T extends Serializable, P extends Serializable, R extends Serializable> BatchRun<R> mapAsync(
      SparkSession spark, List<T> inputs, ItemFunction<T, P, R> fn, P params, int chunkSize,
      BatchListener... listeners) {
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunkSize must be >= 1, was " + chunkSize);
    }
    List<BatchItem<T>> items = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      items.add(BatchItem.of("#" + i + " " + abbreviate(String.valueOf(inputs.get(i))), inputs.get(i)));
    }
    Batch<T, R> batch = Batch.of("map", items, (input, context) -> fn.apply(input, params))
        .maxTasks(Math.max(1, ceilDiv(inputs.size(), chunkSize)));
    for (BatchListener listener : listeners) {
      batch.listener(listener);
    }
    return batch.start(spark);
  }

  /** {@code Pool.map}'s default: about four chunks per worker. */
  public static int defaultChunkSize(int inputs, int workers) {
    return Math.max(1, ceilDiv(inputs, 4 * Math.max(1, workers)));
  }

  private static int defaultChunkSize(int inputs, SparkSession spark) {
    return defaultChunkSize(inputs, spark.sparkContext().defaultParallelism());
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
