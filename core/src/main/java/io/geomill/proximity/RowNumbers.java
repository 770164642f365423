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
 * same partitions each time it is computed, as a file scan does.
 */
final class RowNumbers {
  private static final int POSITION_BITS = 33;
  private static final String ID = "__geomill_increasing_id";

  /**
   * @param rows  the rows with their number column
   * @param count how many rows there are; -1 when not counted
   */
  record Numbered(Dataset<Row> rows, long count) {}

  private RowNumbers() {}

  /**
   * The row numbers, their counting pass run in a thread of its own, so that it runs while the caller does other
   * Spark work; the thread inherits the caller's Spark job group (a cancelled job group cancels its job too).
   * The counting pass is planned here, in the caller's thread: when the caller is a SQL table function being
   * analysed ({@code gm_proximity_summary}), its thread holds the session catalog's lock, which planning in
   * another thread would wait for (a deadlock, as the caller waits for the numbers).
   *
   * @return waits for the numbered rows and their count; throws what the counting threw
   */
  static Supplier<Numbered> start(Dataset<Row> rows, String column) {
    // Spark's binary rows of a projection to no column: the scan reads nothing it can skip, and counting a
    // partition is one pass over its iterator (no hash aggregation, no shuffle as a groupBy count would have).
    JavaRDD<InternalRow> scan = rows.select().queryExecution().toRdd().toJavaRDD();
    FutureTask<long[]> counting = new FutureTask<>(() -> rowsPerPartition(scan));
    Thread thread = new Thread(counting, "geomill-row-numbers");
    thread.setDaemon(true);
    thread.start();
    return () -> {
      try {
        return numbered(rows, column, counting.get());
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

  private static Numbered numbered(Dataset<Row> rows, String column, long[] rowsIn) {
    int partitions = rowsIn.length;
    if (partitions == 0) {
      return new Numbered(rows.withColumn(column, lit(0L)), 0);
    }
    long[] offsets = new long[partitions];
    for (int p = 1; p < partitions; p++) {
      offsets[p] = offsets[p - 1] + rowsIn[p - 1];
    }
    return new Numbered(rows.withColumn(ID, monotonically_increasing_id())
        .withColumn(column, element_at(lit(offsets), shiftrightunsigned(col(ID), POSITION_BITS).cast("int").plus(1))
            .plus(col(ID).bitwiseAND(lit((1L << POSITION_BITS) - 1))))
        .drop(ID), offsets[partitions - 1] + rowsIn[partitions - 1]);
  }
}
