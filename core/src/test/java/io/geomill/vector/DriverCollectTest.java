package io.geomill.vector;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.TestSpark;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** A small shapefile read on the driver gives the rows Spark's tasks read, in their order; others are left alone. */
class DriverCollectTest {
  private static final String LANDMARKS = Path.of("..", "data-samples", "proximity", "nyc_landmarks_typed.shp")
      .toAbsolutePath().normalize().toString();

  @Test
  void a_small_shapefile_read_on_the_driver_has_the_tasks_rows() {
    Dataset<Row> table = TestSpark.session().read().format("shapefile").load(LANDMARKS);

    Optional<Dataset<Row>> local = DriverCollect.read(TestSpark.session(), table, 16L << 20);

    assertThat(local).isPresent();
    assertThat(local.get().schema()).isEqualTo(table.schema());
    assertThat(local.get().collectAsList()).hasSize(346).containsExactlyElementsOf(table.collectAsList());
  }

  @Test
  void a_layer_above_the_size_limit_stays_with_spark() {
    Dataset<Row> table = TestSpark.session().read().format("shapefile").load(LANDMARKS);

    assertThat(DriverCollect.read(TestSpark.session(), table, 1000)).isEmpty();
  }

  @Test
  void a_table_that_is_not_a_bare_file_scan_stays_with_spark() {
    Dataset<Row> table = TestSpark.session().read().format("shapefile").load(LANDMARKS).filter("type = 1");

    assertThat(DriverCollect.read(TestSpark.session(), table, 16L << 20)).isEmpty();
  }
}
