package io.geomill.proximity;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.TestSpark;
import io.geomill.vector.VectorLayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The summary against PostGIS 3.3 (ST_DWithin, EPSG:32618, 200 m) on 100,000 real NYC taxi pickups and 346
 * NYC landmark polygons (both Apache-2.0, from Apache Sedona's repository): every (point, type) count and
 * integer weight sum must be PostGIS's, except for the 8 point-polygon pairs within 1 cm of 200 m, where
 * GeoTools' and PROJ's transforms may disagree on the side.
 */
class ProximityPostgisOracleTest {
  private static final SparkSession SPARK = TestSpark.session();

  private static Map<String, String> postgis;
  private static Set<Long> borderlinePoints;

  @BeforeAll
  static void readOracle() throws IOException {
    postgis = new TreeMap<>();
    for (String line : dataLines("postgis_results_200m.csv")) {
      String[] f = line.split(",");
      postgis.put(f[0] + "/" + f[1], f[2] + "/" + f[3]); // point_id/type -> count/sum_w_idx
    }
    borderlinePoints = new HashSet<>();
    for (String line : dataLines("postgis_borderline_pairs_200m.csv")) {
      borderlinePoints.add(Long.parseLong(line.split(",")[0]));
    }
  }

  @Test
  void countsAndSumsMatchPostgisExceptTheBorderlinePairs() {
    VectorLayer points = SampleLayers.read("points", "nyc_taxi_pickups_2009-01.csv");
    VectorLayer polygons = SampleLayers.read("polygons", "nyc_landmarks_typed.shp");
    ProximityOptions options = new ProximityOptions(200, DistanceUnit.M, "type", "w_idx", null, null,
        ProximityOptions.Layout.LONG, null);

    ProximitySummary.Result result = ProximitySummary.summarize(SPARK, points, polygons, options);

    assertThat(result.crs().crs().epsg()).as("auto CRS for NYC").isEqualTo(32618);
    assertThat(result.types()).containsExactly("1", "2", "3", "4", "5", "6");
    Map<String, String> geomill = new TreeMap<>();
    for (Row row : result.table().collectAsList()) {
      double sum = row.getDouble(3);
      geomill.put(row.getLong(0) + "/" + row.getString(1), row.getLong(2) + "/" + (long) sum);
    }
    assertThat(geomill).hasSizeGreaterThan(39_000);
    Map<String, String> differences = new TreeMap<>();
    for (String key : union(geomill.keySet(), postgis.keySet())) {
      if (!String.valueOf(geomill.get(key)).equals(String.valueOf(postgis.get(key)))) {
        differences.put(key, "geomill " + geomill.get(key) + " postgis " + postgis.get(key));
      }
    }
    Set<Long> differingPoints = differences.keySet().stream().map(k -> Long.parseLong(k.split("/")[0]))
        .collect(Collectors.toSet());
    assertThat(borderlinePoints).as("every difference is at a borderline pair: %s", differences)
        .containsAll(differingPoints);
    assertThat(differingPoints.size()).isLessThanOrEqualTo(8);
  }


  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }

  /** The lines of a CSV resource after its header. */
  private static List<String> dataLines(String name) throws IOException {
    try (InputStream in = ProximityPostgisOracleTest.class.getResourceAsStream("/proximity/" + name)) {
      List<String> lines = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().split("\n"));
      return lines.subList(1, lines.size());
    }
  }
}
