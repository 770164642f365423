package io.geomill.vector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.execution.InputAdapter;
import org.apache.spark.sql.execution.ProjectExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.apache.spark.sql.execution.datasources.v2.FileScan;
import org.apache.spark.sql.types.StructType;
import scala.Function1;

/**
 * A small layer read on the driver: the partitions of its planned file scan read one after the other by the data
 * source's own partition readers (Sedona's shapefile reader, as its tasks would run it), into a local table of
 * the same rows in the same order. A Spark job for a few hundred polygons costs more than reading them (its
 * scheduling, a task's start, the rows' way back to the driver), and a local table is read again without one:
 * {@code collect}, {@code limit} and projections of it are answered on the driver.
 *
 * <p>Only a table that is one data source V2 file scan, of files of at most a given size in all, is read so;
 * any other stays as it is, read by Spark's tasks.
 */
public final class DriverCollect {
  private DriverCollect() {}

  /**
   * @param table    a table as a data source reader made it ({@code spark.read().format(...).load(...)})
   * @param maxBytes the most bytes its files may take for it to be read on the driver
   * @return the table as a local table, or empty when it is not one file scan or its files are larger
   */
  public static Optional<Dataset<Row>> read(SparkSession spark, Dataset<Row> table, long maxBytes) {
    SparkPlan plan = bareScan(table.queryExecution().executedPlan());
    if (!(plan instanceof BatchScanExec scan) || !(scan.scan() instanceof FileScan files)
        || files.fileIndex().sizeInBytes() > maxBytes || !scan.schema().equals(table.schema())) {
      return Optional.empty();
    }
    StructType schema = scan.schema();
    Function1<Object, Object> toRow = CatalystTypeConverters.createToScalaConverter(schema);
    PartitionReaderFactory readers = scan.readerFactory();
    List<Row> rows = new ArrayList<>();
    for (InputPartition partition : scala.jdk.javaapi.CollectionConverters.asJava(scan.inputPartitions())) {
      try (PartitionReader<InternalRow> reader = readers.createReader(partition)) {
        while (reader.next()) {
          rows.add((Row) toRow.apply(reader.get()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Optional.of(spark.createDataFrame(rows, schema));
  }

  /**
   * The plan's scan when the plan only passes the scan's rows on: Spark plans a bare read as a projection of all
   * the scan's columns, in their order, in a code-generated stage (the scan under the stage's input adapter).
   */
  private static SparkPlan bareScan(SparkPlan plan) {
    SparkPlan inner = plan instanceof WholeStageCodegenExec stage ? stage.child() : plan;
    if (inner instanceof ProjectExec project && project.output().equals(project.child().output())) {
      inner = project.child();
    }
    return inner instanceof InputAdapter adapter ? adapter.child() : inner;
  }
}
