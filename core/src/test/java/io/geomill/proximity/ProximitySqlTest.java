package io.geomill.proximity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geomill.TestSpark;
import io.geomill.vector.VectorLayer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gm_proximity_summary} through {@code spark.sql}, on views of the samples (one point in ten), against
 * the Java API on the same layers. The views carry their CRS as the geometries' SRID.
 */
class ProximitySqlTest {
  private static final SparkSession SPARK = TestSpark.session();

  @TempDir
  static Path work;
  private static VectorLayer points;
  private static VectorLayer polygons;

  @BeforeAll
  static void views() throws IOException {
    Path csv = SampleLayers.pointSubset(work, 10);
    points = SampleLayers.readPath("points", csv.toString());
    polygons = SampleLayers.read("polygons", SampleLayers.POLYGONS);
    // The README's example. Sedona's shapefile reader sets the SRID from the .prj; the CSV's points get theirs.
    SPARK.sql("CREATE OR REPLACE TEMP VIEW landmarks USING shapefile OPTIONS (path '"
        + SampleLayers.FOLDER.resolve(SampleLayers.POLYGONS) + "')");
    SPARK.sql("CREATE OR REPLACE TEMP VIEW taxi_csv USING csv OPTIONS (path '" + csv + "', header 'true')");
    SPARK.sql("CREATE OR REPLACE TEMP VIEW taxi AS SELECT ST_SetSRID(ST_Point(CAST(lon AS DOUBLE),"
        + " CAST(lat AS DOUBLE)), 4326) AS geometry FROM taxi_csv");
  }

  @Test
  void theWideSummaryIsTheJavaApis() {
    Dataset<Row> sql = SPARK.sql("SELECT * FROM gm_proximity_summary('taxi', 'landmarks', 200.0, 'type', 'w_idx',"
        + " NULL, 'wide')"); // NULL: the default unit, m
    ProximitySummary.Result api = ProximitySummary.summarize(SPARK, points, polygons, new ProximityOptions(200,
        DistanceUnit.M, "type", "w_idx", null, null, ProximityOptions.Layout.WIDE, null));

    assertThat(sql.columns()).containsExactly(api.table().columns());
    List<Row> rows = sorted(sql);
    assertThat(rows).hasSize(10_000).isEqualTo(sorted(api.table()));
    assertThat(SPARK.sql("SELECT sum(count_1 + count_2 + count_3 + count_4 + count_5 + count_6) FROM"
        + " gm_proximity_summary('taxi', 'landmarks', 200, 'type', 'w_idx')").first().getLong(0))
        .as("pairs within 200 m").isGreaterThan(3_000);
  }

  @Test
  void namedArgumentsGiveTheLongLayoutInOtherUnitsAndAGivenCrs() {
    Dataset<Row> sql = SPARK.sql("SELECT * FROM gm_proximity_summary('taxi', 'landmarks', 0.2, type_field => 'type',"
        + " units => 'km', layout => 'long', crs => 'EPSG:32618', types => '2,4', join => 'partitioned')"
        + " WHERE count > 0");
    ProximitySummary.Result api = ProximitySummary.summarize(SPARK, points, polygons, new ProximityOptions(0.2,
        DistanceUnit.KM, "type", null, List.of("2", "4"), "EPSG:32618", ProximityOptions.Layout.LONG, null,
        JoinStrategy.BROADCAST));

    assertThat(sql.columns()).containsExactly("point_id", "type", "count", "sum");
    assertThat(sql.queryExecution().executedPlan().toString()).contains("DistanceJoin");
    List<Row> rows = sql.collectAsList();
    assertThat(rows).hasSizeGreaterThan(500).isEqualTo(api.table().collectAsList());
    assertThat(rows).extracting(row -> row.getString(1)).containsOnly("2", "4");
  }

  @Test
  void aViewWithoutSridAndBadArgumentsAreRefusedWithTheReason() {
    points.rows().createOrReplaceTempView("taxi_without_srid");

    assertThatThrownBy(() -> SPARK.sql("SELECT * FROM gm_proximity_summary('taxi_without_srid', 'landmarks', 200)"))
        .hasMessageContaining("gm_proximity_summary: points view taxi_without_srid: its geometries have no SRID")
        .hasMessageContaining("ST_SetSRID(geometry, 4326)");
    assertThatThrownBy(() -> SPARK.sql("SELECT * FROM gm_proximity_summary('taxi', 'landmarks', 200, 'kind')"))
        .hasMessageContaining("polygons layer landmarks: type_field kind: no such field; its fields: poly_id,"
            + " type, w_idx, fullname, mtfcc");
    assertThatThrownBy(() -> SPARK.sql("SELECT * FROM gm_proximity_summary('taxi', 'landmarks')"))
        .hasMessageContaining("gm_proximity_summary: argument distance is required");
    assertThatThrownBy(() -> SPARK.sql("SELECT * FROM gm_proximity_summary('taxi', 'landmarks', -5)"))
        .hasMessageContaining("the distance must be a number >= 0");
    assertThatThrownBy(() -> SPARK.sql("SELECT * FROM gm_proximity_summary('taxi', 'landmarks', 200,"
        + " radius => 3)")).hasMessageContaining("no argument named radius; its arguments: points, polygons");
  }

  private static List<Row> sorted(Dataset<Row> table) {
    return table.orderBy(table.columns()[0], table.columns()).collectAsList();
  }
}
