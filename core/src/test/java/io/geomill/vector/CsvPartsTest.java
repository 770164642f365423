package io.geomill.vector;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.TestSpark;
import io.geomill.fs.HadoopFs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV the proximity job's tasks write themselves ({@code VectorOutput.writeCsv}, {@code CsvParts}) against
 * the CSV {@code VectorOutput.write} makes with Spark's CSV writer from the same rows: the same bytes.
 */
class CsvPartsTest {
  private static final StructType SCHEMA = new StructType()
      .add("point_id", DataTypes.LongType)
      .add("type", DataTypes.StringType)
      .add("count", DataTypes.LongType)
      .add("sum", DataTypes.DoubleType);

  @TempDir
  Path work;

  @Test
  void tricky_values_in_several_partitions_give_spark_writers_bytes() throws Exception {
    List<Row> rows = new ArrayList<>();
    String[] texts = {"plain", "with,comma", "with \"quotes\"", "two\nlines", null, "", "Zürich 東京 ✓", " padded ",
        "back\\slash", "#hash"};
    double[] sums = {0.0, -1.5, 1e-300, 12345678.9, Double.NaN, Double.POSITIVE_INFINITY, 0.1 + 0.2, -0.0, 7, 1e22};
    for (int i = 0; i < 40; i++) {
      rows.add(RowFactory.create((long) i, texts[i % texts.length], (long) (i * 3), sums[i % sums.length]));
    }
    // 7 partitions over 40 sorted rows leave some empty after a filter: parts are skipped as Spark skips them
    Dataset<Row> table = spark().createDataFrame(rows, SCHEMA).repartition(7).filter("point_id % 5 != 0");

    assertThat(byTasks(table)).isEqualTo(bySparkWriter(table));
  }

  @Test
  void no_rows_give_the_header_alone_as_spark_writer_does() throws Exception {
    Dataset<Row> table = spark().createDataFrame(List.<Row>of(), SCHEMA).repartition(3);

    String written = new String(byTasks(table), java.nio.charset.StandardCharsets.UTF_8);

    assertThat(written).isEqualTo("point_id,type,count,sum\n");
    assertThat(written.getBytes(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(bySparkWriter(table));
  }

  @Test
  void nothing_but_the_output_is_left() throws Exception {
    Dataset<Row> table = spark().createDataFrame(List.of(RowFactory.create(1L, "a", 1L, 2.0)), SCHEMA);

    byTasks(table);

    assertThat(Arrays.asList(work.toFile().list())).containsExactly("tasks.csv");
  }

  private byte[] byTasks(Dataset<Row> table) throws Exception {
    Path out = work.resolve("tasks.csv");
    VectorOutput.writeCsv(spark(), table.queryExecution().toRdd(), table.schema(), HadoopFs.path(out.toString()));
    return Files.readAllBytes(out);
  }

  private byte[] bySparkWriter(Dataset<Row> table) throws Exception {
    Path out = work.resolve("spark").resolve("spark.csv");
    Files.createDirectories(out.getParent());
    VectorOutput.write(spark(), table, null, TestTables.UTM_18N, HadoopFs.path(out.toString()), OutputFormat.CSV);
    return Files.readAllBytes(out);
  }

  private static SparkSession spark() {
    return TestSpark.session();
  }
}
