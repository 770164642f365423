package io.geomill.proximity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geomill.TestSpark;
import io.geomill.vector.LayerException;
import io.geomill.vector.VectorLayer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.geometry.jts.JTS;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;

class ProximitySummaryTest {
  private static final SparkSession SPARK = TestSpark.session();

  /** Every 25th point of the sample against every polygon with JTS, types 1, 3, 5 at 250 m: made once. */
  private static Map<String, long[]> bruteForce;

  @ParameterizedTest
  @EnumSource(value = JoinStrategy.class, names = {"BROADCAST", "PARTITIONED"})
  void wideLayoutMatchesABruteForceJtsLoopOnRealData(JoinStrategy join) throws Exception {
    VectorLayer points = SampleLayers.read("points", SampleLayers.POINTS);
    VectorLayer polygons = SampleLayers.read("polygons", SampleLayers.POLYGONS);
    ProximityOptions options = new ProximityOptions(0.25, DistanceUnit.KM, "type", "w_idx", List.of("1", "3", "5"),
        "EPSG:32618", ProximityOptions.Layout.WIDE, null, join);

    ProximitySummary.Result result = ProximitySummary.summarize(SPARK, points, polygons, options);
    List<Row> rows = result.table().collectAsList();

    assertThat(result.join().strategy()).isEqualTo(join);
    assertThat(rows).hasSize(100_000);
    assertThat(result.table().columns()).containsExactly("geometry", "count_1", "sum_1", "count_3", "sum_3",
        "count_5", "sum_5");
    synchronized (ProximitySummaryTest.class) {
      if (bruteForce == null) {
        bruteForce = bruteForce(polygons, 250.0, List.of("1", "3", "5"));
      }
    }
    int checked = 0;
    long matched = 0;
    for (Row row : rows) {
      Point lonLat = (Point) row.get(0);
      long[] want = bruteForce.get(key(lonLat));
      if (want == null) {
        continue; // not in the brute-force sample
      }
      for (int t = 0; t < 3; t++) {
        assertThat(row.getLong(1 + 2 * t)).as("count of type %d at %s", 2 * t + 1, lonLat).isEqualTo(want[2 * t]);
        assertThat((long) row.getDouble(2 + 2 * t)).as("sum of type %d at %s", 2 * t + 1, lonLat)
            .isEqualTo(want[2 * t + 1]);
        matched += want[2 * t];
      }
      checked++;
    }
    assertThat(checked).as("sample points found in the output").isGreaterThan(3_000);
    assertThat(matched).as("the sample has points near polygons").isGreaterThan(300);
  }

  @Test
  void broadcastSummarisesEachPointWhereItIsReadNeverAJoinOrAShuffle() {
    String plan = plan(JoinStrategy.BROADCAST, ProximityOptions.Layout.LONG);

    assertThat(plan).doesNotContain("Join").doesNotContain("Exchange").doesNotContain("CartesianProduct")
        .doesNotContain("Sort");
    // the wide layout's 2 x 3 columns come from one call per point, not one each
    assertThat(plan(JoinStrategy.BROADCAST, ProximityOptions.Layout.WIDE).split("UDF\\(", -1)).hasSize(2);
  }

  @Test
  void bothStrategiesGiveTheSameLongLayoutInTheSameOrder() {
    VectorLayer points = SampleLayers.read("points", SampleLayers.POINTS);
    VectorLayer polygons = SampleLayers.read("polygons", SampleLayers.POLYGONS);
    List<List<Row>> tables = new ArrayList<>();
    for (JoinStrategy join : List.of(JoinStrategy.BROADCAST, JoinStrategy.PARTITIONED)) {
      ProximityOptions options = new ProximityOptions(300, DistanceUnit.M, "type", "w_idx", null, null,
          ProximityOptions.Layout.LONG, null, join);
      tables.add(ProximitySummary.summarize(SPARK, points, polygons, options).table().collectAsList());
    }

    assertThat(tables.get(0)).hasSizeGreaterThan(40_000).isEqualTo(tables.get(1));
  }

  @Test
  void partitionedIsSedonasDistanceJoinNeverABroadcastOrACartesianProduct() {
    // The points (100,000 from a 3.7 MB CSV) are small enough for Sedona to broadcast them by its own threshold:
    // the partitioned strategy must keep it from doing so.
    String plan = plan(JoinStrategy.PARTITIONED, ProximityOptions.Layout.LONG);

    assertThat(plan).contains("DistanceJoin").doesNotContain("BroadcastIndexJoin").doesNotContain("Broadcast")
        .doesNotContain("CartesianProduct").doesNotContain("NestedLoopJoin");
  }

  @Test
  void autoBroadcastsTheSamplesPolygonsAndPartitionsOverALowerLimit() {
    VectorLayer points = SampleLayers.read("points", SampleLayers.POINTS);
    VectorLayer polygons = SampleLayers.read("polygons", SampleLayers.POLYGONS);
    ProximityOptions options = new ProximityOptions(200, DistanceUnit.M, "type", null, null, null,
        ProximityOptions.Layout.LONG, null);

    JoinChoice byDefault = ProximitySummary.summarize(SPARK, points, polygons, options).join();
    JoinChoice overPolygons = withConf(JoinChoice.MAX_POLYGONS_CONF, "300",
        () -> ProximitySummary.summarize(SPARK, points, polygons, options)).join();
    JoinChoice overBytes = withConf(JoinChoice.MAX_BYTES_CONF, "100k",
        () -> ProximitySummary.summarize(SPARK, points, polygons, options)).join();

    assertThat(byDefault.strategy()).isEqualTo(JoinStrategy.BROADCAST);
    assertThat(byDefault.describe()).startsWith("broadcast (346 polygons, ")
        .contains("within the broadcast limits 50,000 polygons and 32.0 MB");
    assertThat(overPolygons.strategy()).isEqualTo(JoinStrategy.PARTITIONED);
    assertThat(overPolygons.reason()).contains("over the broadcast limits 300 polygons");
    assertThat(overBytes.strategy()).as("%s", overBytes).isEqualTo(JoinStrategy.PARTITIONED);
    assertThatThrownBy(() -> withConf(JoinChoice.MAX_BYTES_CONF, "lots",
        () -> ProximitySummary.summarize(SPARK, points, polygons, options)))
        .hasMessageContaining("geomill.proximity.broadcastMaxBytes = \"lots\": not a number of bytes");
  }

  private static String plan(JoinStrategy join, ProximityOptions.Layout layout) {
    VectorLayer points = SampleLayers.read("points", SampleLayers.POINTS);
    VectorLayer polygons = SampleLayers.read("polygons", SampleLayers.POLYGONS);
    ProximityOptions options = new ProximityOptions(200, DistanceUnit.M, "type", null, List.of("1", "3", "5"), null,
        layout, null, join);
    return ProximitySummary.summarize(SPARK, points, polygons, options).table().queryExecution().executedPlan()
        .toString();
  }

  static <T> T withConf(String key, String value, Supplier<T> run) {
    SPARK.conf().set(key, value);
    try {
      return run.get();
    } finally {
      SPARK.conf().unset(key);
    }
  }

  @Test
  void aMissingFieldIsNamedWithTheFieldsThatExist() {
    VectorLayer points = SampleLayers.read("points", "nyc_taxi_pickups_2009-01.csv");
    VectorLayer polygons = SampleLayers.read("polygons", "nyc_landmarks_typed.shp");
    ProximityOptions options = new ProximityOptions(200, DistanceUnit.M, "kind", null, null, null,
        ProximityOptions.Layout.WIDE, null);

    assertThatThrownBy(() -> ProximitySummary.summarize(SPARK, points, polygons, options))
        .isInstanceOf(LayerException.class)
        .hasMessageContaining("--type-field kind: no such field")
        .hasMessageContaining("poly_id, type, w_idx, fullname, mtfcc");
  }

  @Test
  void aWeightFieldOfTextIsRefusedWithAnExample() {
    VectorLayer points = SampleLayers.read("points", "nyc_taxi_pickups_2009-01.csv");
    VectorLayer polygons = SampleLayers.read("polygons", "nyc_landmarks_typed.shp");
    ProximityOptions options = new ProximityOptions(200, DistanceUnit.M, "type", "fullname", null, null,
        ProximityOptions.Layout.WIDE, null);

    assertThatThrownBy(() -> ProximitySummary.summarize(SPARK, points, polygons, options))
        .isInstanceOf(LayerException.class)
        .hasMessageContaining("--weight-field fullname holds values that are not numbers");
  }

  /**
   * Every 25th point of the CSV, checked against every polygon with JTS in EPSG:32618 (GeoTools transform):
   * lon/lat key -> {count, sum} per type.
   */
  private static Map<String, long[]> bruteForce(VectorLayer polygons, double distance, List<String> types)
      throws Exception {
    MathTransform toUtm = CRS.findMathTransform(CRS.decode("EPSG:4326", true), CRS.decode("EPSG:32618", true));
    STRtree index = new STRtree();
    for (Row row : polygons.rows().select("geometry", "type", "w_idx").collectAsList()) {
      Geometry utm = JTS.transform((Geometry) row.get(0), toUtm);
      Object[] polygon = {utm, String.valueOf(row.get(1)), ((Number) row.get(2)).longValue()};
      index.insert(utm.getEnvelopeInternal(), polygon);
    }
    GeometryFactory factory = new GeometryFactory();
    Map<String, long[]> expected = new HashMap<>();
    List<String> lines = Files.readAllLines(SampleLayers.FOLDER.resolve("nyc_taxi_pickups_2009-01.csv"));
    for (int i = 1; i < lines.size(); i += 25) {
      String[] lonLat = lines.get(i).split(",");
      Point point = factory.createPoint(new Coordinate(Double.parseDouble(lonLat[0]), Double.parseDouble(lonLat[1])));
      Geometry utm = JTS.transform(point, toUtm);
      long[] sums = new long[2 * types.size()];
      for (Object candidate : index.query(utm.buffer(distance).getEnvelopeInternal())) {
        Object[] polygon = (Object[]) candidate;
        int t = types.indexOf((String) polygon[1]);
        if (t >= 0 && ((Geometry) polygon[0]).distance(utm) <= distance) {
          sums[2 * t]++;
          sums[2 * t + 1] += (Long) polygon[2];
        }
      }
      expected.put(key(point), sums);
    }
    return expected;
  }

  private static String key(Point lonLat) {
    return lonLat.getX() + "," + lonLat.getY();
  }

}
