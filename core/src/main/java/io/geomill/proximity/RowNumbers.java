package io.geomill.proximity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.shiftrightunsigned;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * 0-based row numbers in input order, without leaving Spark SQL. {@code monotonically_increasing_id()} is the
 * partition index times 2^33 plus the row's position in its partition; one pass that reads no column counts
 * the rows of every partition (collected in partition order), and a row's number is its position plus the rows
 * of the partitions before it.
 * Unlike {@code RDD.zipWithIndex}, the rows stay in Spark's binary form (no conversion to Java objects and
 * back, which costs more than the count) and the counting scan reads no column. The input must split into the
 * same partitions each time it is computed, as a file scan does. A CSV file's rows are counted from its lines
 * ({@link CsvSplits}): finding line ends costs a fraction of parsing the lines.
 */
final class RowNumbers {
  private static final int POSITION_BITS = 33;
  private static final String ID = "__geomill_increasing_id";

  /**
   * @param firstRow for every partition, the number of its first row (the rows of the partitions before it)
   * @param count    how many rows there are
   */
  record Numbered(long[] firstRow, long count) {
    /** {@code rows} with the row numbers in {@code column}. */
    Dataset<Row> rows(Dataset<Row> rows, String column) {
      if (firstRow.length == 0) {
        return rows.withColumn(column, lit(0L));
      }
      return rows.withColumn(ID, monotonically_increasing_id())
          .withColumn(column, element_at(lit(firstRow), shiftrightunsigned(col(ID), POSITION_BITS).cast("int")
              .plus(1)).plus(col(ID).bitwiseAND(lit((1L << POSITION_BITS) - 1))))
          .drop(ID);
    }
  }

  private RowNumbers() {}

  /**
   * The row numbers, their counting pass run in a thread of its own, so that it runs while the caller does other
   * Spark work; the thread inherits the caller's Spark job group (a cancelled job group cancels its job too).
   * The counting pass is planned here, in the caller's thread: when the caller is a SQL table function being
   * analysed ({@code gm_proximity_summary}), its thread holds the session catalog's lock, which planning in
   * another thread would wait for (a deadlock, as the caller waits for the numbers).
   *
   * @param csv the partitions of {@code rows} when they are a CSV file's ({@link CsvSplits#of}), else null
   * @return waits for the row numbers; throws what the counting threw
   */
  static Supplier<Numbered> start(Dataset<Row> rows, CsvSplits csv) {
    // Spark's binary rows of a projection to no column: the scan reads nothing it can skip, and counting a
    // partition is one pass over its iterator (no hash aggregation, no shuffle as a groupBy count would have).
    JavaRDD<InternalRow> scan = csv != null ? null : rows.select().queryExecution().toRdd().toJavaRDD();
    JavaSparkContext spark = JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext());
    FutureTask<long[]> counting = new FutureTask<>(() -> csv != null ? csv.rowsPerPartition(spark)
        : rowsPerPartition(scan));
    Thread thread = new Thread(counting, "geomill-row-numbers");
    thread.setDaemon(true);
    thread.start();
    return () -> {
      try {
        return numbered(counting.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while counting rows", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
      }
    };
  }

  private static long[] rowsPerPartition(JavaRDD<InternalRow> scan) {
    return scan.mapPartitions(partition -> {
      long n = 0;
      for (; partition.hasNext(); partition.next()) {
        n++;
      }
      return List.of(n).iterator();
    }).collect().stream().mapToLong(Long::longValue).toArray();
  }

  private static Numbered numbered(long[] rowsIn) {
    long[] firstRow = new long[rowsIn.length];
    long count = 0;
    for (int p = 0; p < rowsIn.length; p++) {
      firstRow[p] = count;
      count += rowsIn[p];
    }
    return new Numbered(firstRow, count);
  }
}
