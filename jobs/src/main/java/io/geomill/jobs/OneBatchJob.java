package io.geomill.jobs;

import io.geomill.batch.Batch;
import io.geomill.batch.BatchResult;
import io.geomill.spark.GeoMillSpark;
import java.io.Serializable;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;

/**
 * A job that is one batch on a Spark context, without SQL (terrain, reproject, hydrology). Its batch is planned
 * by {@link #prepare}, before Spark is up, so in local mode it starts on the driver while Spark starts
 * (Batch.headStart).
 *
 * @param <T> the batch's item payload
 * @param <R> what each item returns
 */
abstract class OneBatchJob<T extends Serializable, R extends Serializable> extends BatchJob<SparkContext> {
  /** The batch {@link #prepare} planned. */
  protected abstract Batch<T, R> batch();

  @Override
  protected final SparkContext startSpark(SparkConf conf) {
    return GeoMillSpark.context(conf);
  }

  @Override
  protected final int run(SparkStart<SparkContext> spark) {
    BatchResult<R> result = runBatch(spark, batch());
    printSummary(result);
    return result.exitCode();
  }
}
