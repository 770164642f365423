package io.geomill.proximity;

import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * A summary's rows as Spark's binary rows, as the lean CSV path makes them ({@link CsvPointSummary}), for a
 * writer that takes them as they are (no query plan); and what they add up to, counted by the tasks as they make
 * them, so a job reports its figures without a pass of its own. The counts are those of one computation of
 * {@code rdd}: read them after the one action that wrote it.
 *
 * @param rows    rows made
 * @param pairs   point-polygon pairs within the distance: the rows' counts summed
 * @param weights the rows' sums summed
 */
public record SummaryRows(RDD<InternalRow> rdd, StructType schema, LongAccumulator rows, LongAccumulator pairs,
    DoubleAccumulator weights) {}
