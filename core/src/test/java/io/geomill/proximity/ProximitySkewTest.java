package io.geomill.proximity;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.TestSpark;
import io.geomill.vector.LayerCrs;
import io.geomill.vector.VectorLayer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A dense downtown: 90 % of 30,000 points in a 400 m square, the rest over 20 km, with 1,500 square polygons,
 * a third of them downtown (generated, EPSG:32618). The partitioned join must split the downtown over many
 * partitions and count every pair once, as the broadcast join does.
 *
 * <p>What Sedona exposes per partition are its join counters, reported per task: {@code buildCount} (the
 * points indexed in that partition, the points being the index side), {@code streamCount} (the polygons
 * streamed through it). A polygon, or a point's expanded envelope, that crosses a partition boundary is in
 * both partitions; Sedona keeps a pair in one partition only (its reference point), which the equality with the
 * broadcast result checks.
 */
class ProximitySkewTest {
  private static final SparkSession SPARK = TestSpark.session();
  private static final int POINTS = 30_000;
  private static final int POLYGONS = 1_500;
  private static final int INPUT_PARTITIONS = 8;
  private static final String BUILD = "sedona.spatialjoin.buildCount";
  private static final String STREAM = "sedona.spatialjoin.streamCount";

  @Test
  void aDenseDowntownIsSplitOverPartitionsAndEveryPairIsCountedOnce() throws Exception {
    LayerCrs utm = LayerCrs.parse("EPSG:32618");
    // Downtown: 585,000-585,400 E, 4,510,000-4,510,400 N; elsewhere a 20 km square around it.
    Dataset<Row> points = SPARK.range(0, POINTS, 1, INPUT_PARTITIONS).selectExpr("id",
        "CASE WHEN id % 10 < 9 THEN ST_Point(585000 + rand(1) * 400, 4510000 + rand(2) * 400)"
            + " ELSE ST_Point(575000 + rand(3) * 20000, 4500000 + rand(4) * 20000) END AS geometry");
    // 20 m squares; a third of them in and around the downtown (a 800 m square centred on it).
    Dataset<Row> polygons = SPARK.range(0, POLYGONS, 1, 2).selectExpr("CAST(id % 3 AS INT) AS kind",
        "CAST(id % 7 + 1 AS INT) AS w",
        "CASE WHEN id % 3 = 0 THEN ST_Point(584800 + rand(5) * 800, 4509800 + rand(6) * 800)"
            + " ELSE ST_Point(575000 + rand(7) * 20000, 4500000 + rand(8) * 20000) END AS centre")
        .selectExpr("kind", "w", "ST_PolygonFromEnvelope(ST_X(centre) - 10, ST_Y(centre) - 10, ST_X(centre) + 10,"
            + " ST_Y(centre) + 10) AS geometry");
    VectorLayer pointLayer = new VectorLayer("generated points", null, points, "geometry", utm);
    VectorLayer polygonLayer = new VectorLayer("generated polygons", null, polygons, "geometry", utm);

    Map<String, String> broadcast = summary(pointLayer, polygonLayer, JoinStrategy.BROADCAST);
    List<long[]> tasks = new ArrayList<>(); // {buildCount, streamCount} per task of the join stage
    SparkListener counters = new SparkListener() {
      @Override
      public void onTaskEnd(SparkListenerTaskEnd end) {
        Map<String, Long> updates = new HashMap<>();
        for (AccumulableInfo info : CollectionConverters.asJava(end.taskInfo().accumulables())) {
          if (info.name().isDefined() && info.update().isDefined()) {
            updates.put(info.name().get(), ((Number) info.update().get()).longValue());
          }
        }
        if (updates.containsKey(BUILD)) {
          synchronized (tasks) {
            tasks.add(new long[] {updates.get(BUILD), updates.getOrDefault(STREAM, 0L)});
          }
        }
      }
    };
    SPARK.sparkContext().addSparkListener(counters);
    Map<String, String> partitioned;
    try {
      partitioned = summary(pointLayer, polygonLayer, JoinStrategy.PARTITIONED);
      SPARK.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      SPARK.sparkContext().removeSparkListener(counters);
    }

    long downtown = points.where("ST_X(geometry) < 585400.001 AND ST_Y(geometry) BETWEEN 4510000 AND 4510400.001"
        + " AND ST_X(geometry) >= 585000").count();
    long indexed = tasks.stream().mapToLong(t -> t[0]).sum();
    long largest = tasks.stream().mapToLong(t -> t[0]).max().orElse(0);
    long streamed = tasks.stream().mapToLong(t -> t[1]).sum();
    String report = String.format("%d join tasks, points per partition %s, largest %.1f %% of %d; polygons"
        + " streamed %d", tasks.size(), tasks.stream().map(t -> String.valueOf(t[0])).toList(),
        100.0 * largest / indexed, indexed, streamed);
    System.out.println("skew: " + report);

    assertThat(downtown).as("the downtown holds 90 % of the points (and the few others falling in it)")
        .isBetween(POINTS * 9L / 10, POINTS * 9L / 10 + 50);
    assertThat(tasks.size()).as(report).isGreaterThanOrEqualTo(INPUT_PARTITIONS);
    assertThat((double) largest / indexed).as("the largest partition's share, " + report).isLessThan(0.25);
    assertThat(indexed).as("points near partition boundaries are in two partitions: " + report)
        .isGreaterThan(POINTS);
    assertThat(streamed).as("polygons crossing boundaries are in several partitions: " + report)
        .isGreaterThan(POLYGONS);
    assertThat(partitioned).as("the same counts as the broadcast join: no pair counted twice or lost")
        .isEqualTo(broadcast);
    assertThat(broadcast.keySet().stream().map(k -> k.split("/")[0]).distinct().count())
        .as("points with a polygon near").isGreaterThan(POINTS / 3);
  }

  /** "point id/type" -> "count/sum", long layout, 15 m. */
  private static Map<String, String> summary(VectorLayer points, VectorLayer polygons, JoinStrategy join) {
    ProximityOptions options = new ProximityOptions(15, DistanceUnit.M, "kind", "w", null, null,
        ProximityOptions.Layout.LONG, "id", join);
    ProximitySummary.Result result = ProximitySummary.summarize(SPARK, points, polygons, options);
    assertThat(result.crs().crs().epsg()).isEqualTo(32618);
    assertThat(result.join().strategy()).isEqualTo(join);
    Map<String, String> counts = new HashMap<>();
    for (Row row : result.table().collectAsList()) {
      counts.put(row.get(0) + "/" + row.get(1), row.get(2) + "/" + row.get(3));
    }
    return counts;
  }
}
