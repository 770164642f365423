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
    BatchResult<R> result = mapAsync(spark, inputs, fn, params).await();
    if (result.count(ItemStatus.OK) != inputs.size()) {
      throw new BatchFailedException(result);
    }
    return result.results();
  }

  /** Starts the map and returns at once: results as they complete, progress, cancel(). */
  public static <T extends Serializable, P extends Serializable, R extends Serializable> BatchRun<R> mapAsync(
      SparkSession spark, List<T> inputs, ItemFunction<T, P, R> fn, P params, BatchListener... listeners) {
    List<BatchItem<T>> items = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      items.add(BatchItem.of("#" + i + " " + abbreviate(String.valueOf(inputs.get(i))), inputs.get(i)));
    }
    Batch<T, R> batch = Batch.of("map", items, (input, context) -> fn.apply(input, params));
    for (BatchListener listener : listeners) {
      batch.listener(listener);
    }
    return batch.start(spark);
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
