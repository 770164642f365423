package io.geomill.proximity;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.TestSpark;
import io.geomill.vector.VectorLayer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;

/**
 * The lean reading of CSV points ({@link CsvSplits}, {@link CsvPointSummary}) against Spark's CSV reader, which
 * it must agree with row for row: on files with the awkward cases (blank and white-space lines, CRLF and lone CR
 * line ends, quotes, cells that are not plain numbers, too few or too many fields) cut into many small splits,
 * and on the real sample through the whole summary.
 */
class CsvPointsTest {
  private static final SparkSession SPARK = TestSpark.session();

  /** Lines of a ;-separated points CSV (header id;lat;lon;name), each ending as written. */
  private static final String AWKWARD = String.join("",
      "id;lat;lon;name\r\n",
      "\r\n",
      "1;40.75;-73.98;plain\r\n",
      "   \t \n",
      "2;40.7612;-73.9776;\"quoted; with the delimiter\"\n",
      "3;\"40.7\";\"-73.99\";quoted numbers\r",
      "4;NaN;-73.9;not a number\n",
      "5;40.7;Inf;infinite\n",
      "6; 40.7;-73.9 ;spaces around\n",
      "7;;-73.9;empty latitude\n",
      "8;40.7;-73.9\n",
      "9;40.7;-73.9;one;too many\n",
      "10;4e1;-7.39e1;exponents\n",
      "11;+40.;-.5e+2;signs and dots\n",
      "12;forty;-73.9;text\n",
      "13;40.7;-73.9;a name long enough that the tiny splits of this test cut it in two, and then in two again\n",
      "14;40,7;-73,9;decimal commas\n",
      "15;40.7;-73.9;\\escaped\\\n",
      "16;40.71;-73.91;Zürich, café\n",
      "\n",
      "17;1d;0x1p3;java-only number forms\n",
      "18;40.72;-73.92;last line without a line end");

  @Test
  void rowsPerSplitAndTheirPointsAreThoseOfSparksCsvReaderWithSplitsCuttingLines(@TempDir Path dir)
      throws IOException {
    Path csv = dir.resolve("awkward.csv");
    Files.writeString(csv, AWKWARD, StandardCharsets.UTF_8);
    Files.copy(SampleLayers.FOLDER.resolve("nyc_taxi_pickups_2009-01.prj"), dir.resolve("awkward.prj"));
    SPARK.conf().set("spark.sql.files.maxPartitionBytes", "37"); // splits inside lines, also at line ends
    try {
      VectorLayer points = SampleLayers.readPath("points", csv.toString());
      CsvSplits splits = CsvSplits.of(points.rows()).orElseThrow();
      List<Long> sparkRows = points.rows().javaRDD().mapPartitions(rows -> {
        long n = 0;
        for (; rows.hasNext(); rows.next()) {
          n++;
        }
        return List.of(n).iterator();
      }).collect();

      long[] rows = splits.rowsPerPartition(JavaSparkContext.fromSparkContext(SPARK.sparkContext()));

      assertThat(splits.partitions()).as("partitions").isGreaterThan(10);
      assertThat(rows).containsExactly(sparkRows.stream().mapToLong(Long::longValue).toArray());
      assertThat(sparkRows.stream().mapToLong(Long::longValue).sum()).isEqualTo(18);

      List<Geometry> spark = points.rows().select("geometry").collectAsList().stream()
          .map(row -> (Geometry) row.get(0)).toList();
      List<Geometry> lean = leanPoints(points, splits);
      assertThat(lean).hasSize(spark.size());
      for (int i = 0; i < spark.size(); i++) {
        assertThat(String.valueOf(lean.get(i))).as("row %d", i).isEqualTo(String.valueOf(spark.get(i)));
      }
      assertThat(spark).as("rows without a point, rows with one").containsNull().anyMatch(point -> point != null);
    } finally {
      SPARK.conf().unset("spark.sql.files.maxPartitionBytes");
    }
  }

  @Test
  void plainDecimalsAreTheNumbersTheFastPathParses() {
    for (String number : List.of("1", "-0", "+40.", "-.5e+2", "4e1", "73.9776", "1E-3")) {
      byte[] text = number.getBytes(StandardCharsets.UTF_8);
      assertThat(CsvPointSummary.Coordinates.isDecimal(text, 0, text.length)).as(number).isTrue();
      assertThat(CsvPointSummary.Coordinates.parse(text, 0, text.length)).as(number)
          .isEqualTo(Double.parseDouble(number));
    }
    for (String other : List.of("", "-", ".", "1e", "e5", " 1", "1 ", "NaN", "Inf", "1d", "0x1p3", "1,5", "١")) {
      byte[] text = other.getBytes(StandardCharsets.UTF_8);
      assertThat(CsvPointSummary.Coordinates.isDecimal(text, 0, text.length)).as(other).isFalse();
    }
  }

  @Test
  void theFastParseIsParseDoubleBitForBit() {
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 200_000; i++) {
      String number = switch (i % 5) {
        case 0 -> String.valueOf((random.nextDouble() - 0.5) * 360); // Double.toString: up to 17 digits
        case 1 -> String.format(java.util.Locale.ROOT, "%." + random.nextInt(12) + "f", (random.nextDouble() - 0.5)
            * Math.pow(10, random.nextInt(8)));
        case 2 -> (random.nextBoolean() ? "-" : "") + random.nextInt(100_000) + "." + "0".repeat(random.nextInt(3))
            + Math.abs(random.nextLong() % 10_000_000_000L);
        case 3 -> random.nextInt(1_000_000) + "e" + (random.nextInt(60) - 30);
        default -> "0".repeat(random.nextInt(4)) + "." + Math.abs(random.nextLong()) + "E+" + random.nextInt(25);
      };
      byte[] text = number.getBytes(StandardCharsets.UTF_8);
      assertThat(CsvPointSummary.Coordinates.isDecimal(text, 0, text.length)).as(number).isTrue();
      assertThat(Double.doubleToRawLongBits(CsvPointSummary.Coordinates.parse(text, 0, text.length))).as(number)
          .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(number)));
    }
  }

  @Test
  void leanLongLayoutEqualsTheSqlPathOnTheSample() {
    VectorLayer points = SampleLayers.read("points", SampleLayers.POINTS);
    VectorLayer polygons = SampleLayers.read("polygons", SampleLayers.POLYGONS);
    // the same layer without its CSV layout is read by Spark's CSV reader, its rows numbered by a counting scan
    VectorLayer sqlOnly = new VectorLayer(points.uri(), points.format(), points.rows(), points.geometryColumn(),
        points.crs());
    ProximityOptions options = new ProximityOptions(200, DistanceUnit.M, "type", "w_idx", null, null,
        ProximityOptions.Layout.LONG, null, JoinStrategy.BROADCAST);

    Dataset<Row> lean = ProximitySummary.summarize(SPARK, points, polygons, options).table();
    Dataset<Row> sql = ProximitySummary.summarize(SPARK, sqlOnly, polygons, options).table();

    assertThat(lean.queryExecution().executedPlan().toString()).doesNotContain("FileScan");
    assertThat(sql.queryExecution().executedPlan().toString()).contains("FileScan csv");
    assertThat(lean.columns()).containsExactly(sql.columns());
    List<Row> leanRows = lean.collectAsList();
    assertThat(leanRows).hasSizeGreaterThan(10_000).isEqualTo(sql.collectAsList());
  }

  /** The points the lean path makes of the lines of every split, in order. */
  private static List<Geometry> leanPoints(VectorLayer points, CsvSplits splits) throws IOException {
    CsvPointSummary.Coordinates coordinates = new CsvPointSummary.Coordinates(points.csv(), "UTC",
        "_corrupt_record");
    Configuration conf = SPARK.sparkContext().hadoopConfiguration();
    List<Geometry> out = new ArrayList<>();
    for (List<CsvSplits.Split> partition : splits.rdd(JavaSparkContext.fromSparkContext(SPARK.sparkContext()))
        .collect()) {
      for (CsvSplits.Split split : partition) {
        CsvSplits.lines(split, conf).forEachRemaining(line -> out.add(coordinates.point(line)));
      }
    }
    return out;
  }
}
