package io.geomill.proximity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geomill.TestSpark;
import io.geomill.fs.LocalCopies;
import io.geomill.vector.LayerException;
import io.geomill.vector.VectorLayer;
import io.geomill.vector.VectorReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the issue lists as bad input, each with its message: polygons without geometry, empty or without type
 * (left out and counted), invalid polygons (repaired and counted), null weights (counted with 0), points without
 * geometry (zeros), empty layers, missing fields, distances that are not >= 0.
 */
class ProximityBadInputTest {
  private static final SparkSession SPARK = TestSpark.session();
  @TempDir
  Path work;

  @Test
  void defectivePolygonsAreLeftOutOrRepairedAndCountedAndPointsWithoutGeometryGetZeros() throws IOException {
    DefectiveLayers.write(work);
    VectorLayer points = read("points", work.resolve("points.csv"));
    VectorLayer polygons = read("polygons", work.resolve("polygons.csv"));
    ProximityOptions options = new ProximityOptions(1, DistanceUnit.M, "kind", "w", null, null,
        ProximityOptions.Layout.WIDE, null);

    ProximitySummary.Result result = ProximitySummary.summarize(SPARK, points, polygons, options);
    Map<String, String> counts = new TreeMap<>();
    for (Row row : result.table().select("id", "count_A", "sum_A").collectAsList()) {
      counts.put(row.getString(0), row.get(1) + "/" + row.get(2));
    }

    assertThat(result.crs().crs().epsg()).isEqualTo(32618);
    assertThat(result.polygons()).as("used").isEqualTo(3);
    assertThat(result.skipped()).as("left out: no type, empty, no geometry").isEqualTo(3);
    assertThat(result.repaired()).as("the bow-tie").isEqualTo(1);
    assertThat(result.nullWeights()).isEqualTo(1);
    assertThat(counts).containsExactlyEntriesOf(new TreeMap<>(Map.of("p1", "1/2.0", "p2", "1/3.0",
        "p3", "1/0.0", "p4", "0/0.0", "p5", "0/0.0", "p6", "0/0.0", "p7", "0/0.0")));
  }

  @Test
  void emptyLayersAreRefusedByName() throws IOException {
    DefectiveLayers.write(work);
    VectorLayer points = read("points", work.resolve("points.csv"));
    VectorLayer polygons = read("polygons", work.resolve("polygons.csv"));
    VectorLayer noPoints = read("points", Files.write(work.resolve("none.csv"), List.of("id;wkt")));
    VectorLayer noPolygons = read("polygons", Files.write(work.resolve("none-polygons.csv"), List.of("wkt;kind;w")));
    Path emptyGeoJson = Files.writeString(work.resolve("empty.geojson"),
        "{\"type\": \"FeatureCollection\", \"features\": []}");
    ProximityOptions options = new ProximityOptions(1, DistanceUnit.M, null, null, null, null,
        ProximityOptions.Layout.WIDE, null);

    assertThatThrownBy(() -> ProximitySummary.summarize(SPARK, noPoints, polygons, options))
        .isInstanceOf(LayerException.class).hasMessageMatching("points layer .*none.csv: the layer is empty.*");
    assertThatThrownBy(() -> ProximitySummary.summarize(SPARK, points, noPolygons, options))
        .isInstanceOf(LayerException.class)
        .hasMessageMatching("polygons layer .*none-polygons.csv: the layer is empty.*");
    assertThatThrownBy(() -> read("polygons", emptyGeoJson))
        .isInstanceOf(LayerException.class).hasMessageMatching("polygons layer .*empty.geojson: the layer is empty.*");
  }

  @Test
  void missingFieldsAreNamedWithTheFieldsThatExist() throws IOException {
    DefectiveLayers.write(work);
    VectorLayer points = read("points", work.resolve("points.csv"));
    VectorLayer polygons = read("polygons", work.resolve("polygons.csv"));

    assertThatThrownBy(() -> ProximitySummary.summarize(SPARK, points, polygons, new ProximityOptions(1,
        DistanceUnit.M, "kind", "weight", null, null, ProximityOptions.Layout.WIDE, null)))
        .isInstanceOf(LayerException.class)
        .hasMessageEndingWith("polygons.csv: --weight-field weight: no such field; its fields: kind, w");
    assertThatThrownBy(() -> ProximitySummary.summarize(SPARK, points, polygons, new ProximityOptions(1,
        DistanceUnit.M, null, null, null, null, ProximityOptions.Layout.LONG, "name")))
        .isInstanceOf(LayerException.class)
        .hasMessageEndingWith("points.csv: --id-field name: no such field; its fields: id");
  }

  @Test
  void aDistanceThatIsNotANumberAtLeastZeroIsRefused() {
    for (double distance : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> new ProximityOptions(distance, DistanceUnit.M, null, null, null, null,
          ProximityOptions.Layout.WIDE, null)).as("%s", distance).hasMessageContaining("must be a number >= 0");
    }
  }

  /** In EPSG:32618, by --assume-crs. */
  private VectorLayer read(String role, Path file) {
    return VectorReader.read(SPARK, role, file.toString(), new VectorReader.Options(null, "EPSG:32618"),
        new LocalCopies(SPARK.sparkContext().hadoopConfiguration(), work::toFile));
  }
}
