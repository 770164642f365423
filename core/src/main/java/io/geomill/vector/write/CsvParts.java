package io.geomill.vector.write;

import io.geomill.fs.HadoopFs;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.csv.CSVOptions;
import org.apache.spark.sql.catalyst.csv.UnivocityGenerator;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Spark's binary rows written as CSV part files by the tasks that make them, one file per partition, byte for
 * byte the part files Spark's CSV writer ({@code write().option("header", "true").csv(folder)}) writes of the
 * same rows: the values formatted by Spark's own {@code UnivocityGenerator} with the writer's options, a header
 * at the top of each file, no file for an empty partition but the first (which holds the header alone).
 *
 * <p>What it saves against Spark's writer is the write's query plan and its output commit protocol (a task
 * folder per attempt, renamed on commit, a _SUCCESS file): the parts go to a staging folder that nobody reads
 * before the driver joins them ({@code VectorOutput}), and a retried task overwrites its own part.
 */
public final class CsvParts {
  private CsvParts() {}

  /** The file partition {@code partition} is written to: names in partition order. */
  public static Path part(Path folder, int partition) {
    return new Path(folder, String.format(Locale.ROOT, "part-%05d.csv", partition));
  }

  /** Writes every partition of {@code rows} (of {@code schema}) to {@link #part}{@code (folder, partition)}. */
  public static void write(SparkSession spark, RDD<InternalRow> rows, StructType schema, Path folder) {
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<SerializableConfiguration> conf = context.broadcast(
        new SerializableConfiguration(context.hadoopConfiguration()));
    // the options Spark's CSV data source makes for a write with header=true (CSVFileFormat.prepareWrite)
    SQLConf sql = ((org.apache.spark.sql.classic.SparkSession) spark).sessionState().conf();
    CSVOptions options = new CSVOptions(scala.collection.immutable.Map$.MODULE$.<String, String>empty()
        .updated("header", "true"), sql.csvColumnPruning(), sql.sessionLocalTimeZone());
    String target = folder.toString();
    rows.toJavaRDD().foreachPartition(partition ->
        writePart(partition, TaskContext.getPartitionId(), schema, options, new Path(target), conf.value().value()));
  }

  private static void writePart(Iterator<InternalRow> rows, int partition, StructType schema, CSVOptions options,
      Path folder, Configuration conf) throws IOException {
    if (partition != 0 && !rows.hasNext()) {
      return; // as Spark's writer: an empty partition writes no file, but the first, for the header
    }
    Path part = part(folder, partition);
    try (Writer out = new OutputStreamWriter(HadoopFs.fileSystem(part, conf).create(part, true),
        StandardCharsets.UTF_8)) {
      UnivocityGenerator csv = new UnivocityGenerator(schema, out, options);
      csv.writeHeaders();
      while (rows.hasNext()) {
        csv.write(rows.next());
      }
      csv.close();
    }
  }
}
