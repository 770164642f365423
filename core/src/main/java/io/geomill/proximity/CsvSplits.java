package io.geomill.proximity;

import java.io.Closeable;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.JobID;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskID;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.LineRecordReader;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.datasources.FilePartition;
import org.apache.spark.sql.execution.datasources.FileScanRDD;
import org.apache.spark.sql.execution.datasources.PartitionedFile;
import org.apache.spark.sql.execution.datasources.csv.CSVFileFormat;
import org.apache.spark.util.SerializableConfiguration;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A CSV table's data lines, partition by partition, as Spark's CSV reader (header on, multiLine off, UTF-8, the
 * default line ends) splits them into rows: the partitions of its planned file scan, each split of a file read
 * by Hadoop's {@code LineRecordReader} as Spark's {@code HadoopFileLinesReader} reads it (a split that does not
 * start the file skips its first, partial line; CR, LF and CRLF end lines), blank lines (nothing above
 * U+0020) left out, and the first non-blank line of a file's first split taken as its header. Every other line
 * is one row to Spark in PERMISSIVE mode (a malformed one too, with nulls), so the rows of a partition can be
 * counted without parsing them, and read in the same order.
 */
final class CsvSplits implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * A byte range of a file. A class, not a record, and the file as text: the partitions are data to Spark, which
   * its Kryo serializer writes, and Kryo writes neither records nor Hadoop paths.
   */
  static final class Split implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final long start;
    private final long length;

    Split(String file, long start, long length) {
      this.file = file;
      this.start = start;
      this.length = length;
    }
  }

  private final List<List<Split>> partitions;

  CsvSplits(List<List<Split>> partitions) {
    this.partitions = partitions;
  }

  /**
   * The partitions of the file scan {@code table} reads: empty when it is not one scan of CSV files (then its
   * rows cannot be told from lines).
   */
  static Optional<CsvSplits> of(Dataset<Row> table) {
    SparkPlan plan = table.select().queryExecution().executedPlan();
    List<SparkPlan> leaves = CollectionConverters.asJava(plan.collectLeaves());
    if (leaves.size() != 1 || !(leaves.get(0) instanceof FileSourceScanExec scan)
        || !(scan.relation().fileFormat() instanceof CSVFileFormat)) {
      return Optional.empty();
    }
    RDD<InternalRow> input = scan.inputRDD();
    if (!(input instanceof FileScanRDD files)) {
      return Optional.empty();
    }
    List<List<Split>> partitions = new ArrayList<>();
    for (FilePartition partition : CollectionConverters.asJava(files.filePartitions())) {
      List<Split> splits = new ArrayList<>();
      for (PartitionedFile file : partition.files()) {
        splits.add(new Split(file.toPath().toString(), file.start(), file.length()));
      }
      partitions.add(splits);
    }
    return Optional.of(new CsvSplits(partitions));
  }

  int partitions() {
    return partitions.size();
  }

  /** One element per partition, in partition order: its splits. */
  JavaRDD<List<Split>> rdd(JavaSparkContext spark) {
    // parallelize gives element i to slice i when there are as many slices as elements
    return spark.parallelize(partitions, Math.max(1, partitions.size()));
  }

  /** The rows of every partition, in partition order (a Spark job that only finds line ends). */
  long[] rowsPerPartition(JavaSparkContext spark) {
    Broadcast<SerializableConfiguration> conf = spark.broadcast(
        new SerializableConfiguration(spark.hadoopConfiguration()));
    return rdd(spark).map(splits -> {
      long rows = 0;
      for (Split split : splits) {
        rows += rows(split, conf.value().value());
      }
      return rows;
    }).collect().stream().mapToLong(Long::longValue).toArray();
  }

  /** How many rows a split holds. */
  static long rows(Split split, Configuration conf) throws IOException {
    long rows = 0;
    try (DataLines lines = new DataLines(split, conf)) {
      while (lines.next()) {
        rows++;
      }
    }
    return rows;
  }

  /**
   * The rows of a split, as the reader's UTF-8 line buffer: one {@code Text}, which each {@code next()}
   * overwrites (read it before asking for the next row).
   */
  static Iterator<Text> lines(Split split, Configuration conf) throws IOException {
    DataLines lines = new DataLines(split, conf);
    return new Iterator<>() {
      private boolean ready;
      private boolean done;

      @Override
      public boolean hasNext() {
        if (!ready && !done) {
          try {
            if (lines.next()) {
              ready = true;
            } else {
              done = true;
              lines.close();
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        return ready;
      }

      @Override
      public Text next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        ready = false;
        return lines.current();
      }
    };
  }

  /** A split's lines that are rows to Spark: neither blank nor the file's header. */
  private static final class DataLines implements Closeable {
    private final LineRecordReader reader;
    private boolean header;

    DataLines(Split split, Configuration conf) throws IOException {
      reader = open(split, conf);
      header = split.start == 0;
    }

    /** Moves to the next row; false at the end of the split. */
    boolean next() throws IOException {
      while (reader.nextKeyValue()) {
        if (!blank(reader.getCurrentValue())) {
          if (!header) {
            return true;
          }
          header = false;
        }
      }
      return false;
    }

    /** The row {@link #next} moved to (the reader's buffer, overwritten by the next call). */
    Text current() {
      return reader.getCurrentValue();
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }

  /**
   * Blank as Spark's reader decides it ({@code line.trim().isEmpty()} on the UTF-8 text): no byte above 0x20,
   * since every byte from 0x80 up decodes to a character above U+0020 (or U+FFFD) and ASCII to itself.
   */
  static boolean blank(Text line) {
    byte[] bytes = line.getBytes();
    for (int i = 0; i < line.getLength(); i++) {
      if ((bytes[i] & 0xff) > 0x20) {
        return false;
      }
    }
    return true;
  }

  private static LineRecordReader open(Split split, Configuration conf) throws IOException {
    FileSplit fileSplit = new FileSplit(new Path(split.file), split.start, split.length, new String[0]);
    TaskAttemptID attempt = new TaskAttemptID(new TaskID(new JobID(), TaskType.MAP, 0), 0);
    LineRecordReader reader = new LineRecordReader();
    reader.initialize(fileSplit, new TaskAttemptContextImpl(conf, attempt));
    return reader;
  }
}
