package io.geomill.proximity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geomill.TestSpark;
import io.geomill.vector.LayerException;
import io.geomill.vector.VectorLayer;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.geometry.jts.JTS;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;

class ProximitySummaryTest {
  private static final SparkSession SPARK = TestSpark.session();

  @Test
  void wideLayoutMatchesABruteForceJtsLoopOnRealData() throws Exception {
    VectorLayer points = SampleLayers.read("points", "nyc_taxi_pickups_2009-01.csv");
    VectorLayer polygons = SampleLayers.read("polygons", "nyc_landmarks_typed.shp");
    ProximityOptions options = new ProximityOptions(0.25, DistanceUnit.KM, "type", "w_idx", List.of("1", "3", "5"),
        "EPSG:32618", ProximityOptions.Layout.WIDE, null);

    ProximitySummary.Result result = ProximitySummary.summarize(SPARK, points, polygons, options);
    List<Row> rows = result.table().collectAsList();

    assertThat(rows).hasSize(100_000);
    assertThat(result.table().columns()).containsExactly("geometry", "count_1", "sum_1", "count_3", "sum_3",
        "count_5", "sum_5");
    Map<String, long[]> expected = bruteForce(polygons, 250.0, List.of("1", "3", "5"));
    int checked = 0;
    long matched = 0;
    for (Row row : rows) {
      Point lonLat = (Point) row.get(0);
      long[] want = expected.computeIfAbsent(key(lonLat), k -> null);
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
  void theJoinIsSedonasBroadcastIndexJoinNeverACartesianProduct() {
    VectorLayer points = SampleLayers.read("points", "nyc_taxi_pickups_2009-01.csv");
    VectorLayer polygons = SampleLayers.read("polygons", "nyc_landmarks_typed.shp");
    ProximityOptions options = new ProximityOptions(200, DistanceUnit.M, "type", null, null, null,
        ProximityOptions.Layout.LONG, null);

    String plan = ProximitySummary.summarize(SPARK, points, polygons, options).table().queryExecution()
        .executedPlan().toString();

    assertThat(plan).contains("BroadcastIndexJoin").doesNotContain("CartesianProduct")
        .doesNotContain("BroadcastNestedLoopJoin");
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

  @Test
  void aNegativeDistanceIsRefused() {
    assertThatThrownBy(() -> new ProximityOptions(-1, DistanceUnit.M, null, null, null, null,
        ProximityOptions.Layout.WIDE, null)).hasMessageContaining("must be a number >= 0");
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
