package io.geomill.proximity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.shiftrightunsigned;
import static org.apache.spark.sql.functions.spark_partition_id;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * 0-based row numbers in input order, without leaving Spark SQL. {@code monotonically_increasing_id()} is the
 * partition index times 2^33 plus the row's position in its partition; one pass that reads no column counts
 * the rows of every partition, and a row's number is its position plus the rows of the partitions before it.
 * Unlike {@code RDD.zipWithIndex}, the rows stay in Spark's binary form (no conversion to Java objects and
 * back, which costs more than the count) and the counting scan reads no column. The input must split into the
 * same partitions each time it is computed, as a file scan does.
 */
final class RowNumbers {
  private static final int POSITION_BITS = 33;
  private static final String ID = "__geomill_increasing_id";

  private RowNumbers() {}

  static Dataset<Row> withRowNumbers(Dataset<Row> rows, String column) {
    List<Row> counts = rows.select(spark_partition_id().as("partition")).groupBy("partition").count()
        .collectAsList();
    int partitions = counts.stream().mapToInt(row -> row.getInt(0) + 1).max().orElse(0);
    long[] rowsIn = new long[partitions];
    counts.forEach(row -> rowsIn[row.getInt(0)] = row.getLong(1));
    long[] offsets = new long[partitions];
    for (int p = 1; p < partitions; p++) {
      offsets[p] = offsets[p - 1] + rowsIn[p - 1];
    }
    if (partitions == 0) {
      return rows.withColumn(column, lit(0L));
    }
    return rows.withColumn(ID, monotonically_increasing_id())
        .withColumn(column, element_at(lit(offsets), shiftrightunsigned(col(ID), POSITION_BITS).cast("int").plus(1))
            .plus(col(ID).bitwiseAND(lit((1L << POSITION_BITS) - 1))))
        .drop(ID);
  }
}
