package io.geomill.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.TestSpark;
import io.geomill.jobs.testing.InProcessGeoMill;
import io.geomill.jobs.testing.ItEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proximity job end to end on the samples: output read back with Sedona, staging gone, rerun, bad input. */
class ProximityJobIT {
  private static final Path SAMPLES = ItEnvironment.dataSamples().resolve("proximity");
  private static final String POINTS = SAMPLES.resolve("nyc_taxi_pickups_2009-01.csv").toString();
  private static final String POLYGONS = SAMPLES.resolve("nyc_landmarks_typed.shp").toString();

  @TempDir
  Path work;

  @Test
  void wideGeoParquetHoldsEveryPointWithItsCountsAndNothingElseIsLeft() throws Exception {
    Path out = work.resolve("summary.parquet");

    int exit = InProcessGeoMill.run("proximity", "--points", POINTS, "--polygons", POLYGONS, "--distance", "0.2",
        "--units", "km", "--type-field", "type", "--weight-field", "w_idx", "--out", out.toString());

    assertThat(exit).isZero();
    Dataset<Row> written = TestSpark.session().read().format("geoparquet").load(out.toString());
    assertThat(written.columns()).containsExactly("geometry", "count_1", "sum_1", "count_2", "sum_2", "count_3",
        "sum_3", "count_4", "sum_4", "count_5", "sum_5", "count_6", "sum_6");
    assertThat(written.count()).isEqualTo(100_000);
    Row totals = written.selectExpr("sum(count_1 + count_2 + count_3 + count_4 + count_5 + count_6)",
        "sum(sum_1 + sum_2 + sum_3 + sum_4 + sum_5 + sum_6)").first();
    // PostGIS's totals over ../shared/oracles/proximity/results.csv: 40,435 pairs; GeoMill may
    // differ only by the 8 pairs within 1 cm of 200 m.
    assertThat(totals.getLong(0)).isBetween(40_427L, 40_443L);
    try (Stream<Path> left = Files.list(work)) {
      assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("summary.parquet");
    }

    int again = InProcessGeoMill.run("proximity", "--points", POINTS, "--polygons", POLYGONS, "--distance", "200",
        "--out", out.toString());
    assertThat(again).as("an existing output is done, not redone").isZero();
  }

  @Test
  void aMissingTypeFieldEndsWithExitCode2AndNoOutput() {
    Path out = work.resolve("none.csv");

    int exit = InProcessGeoMill.run("proximity", "--points", POINTS, "--polygons", POLYGONS, "--distance", "200",
        "--type-field", "landuse", "--out", out.toString());

    assertThat(exit).isEqualTo(GeoMill.EXIT_USAGE);
    assertThat(work.toFile().list()).isEmpty();
  }

  @Test
  void aLayerWithoutCrsNeedsAssumeCrs() throws Exception {
    Path csv = work.resolve("points.csv");
    Files.write(csv, List.of("id,lon,lat", "1,-73.99,40.72", "2,-73.98,40.74"));
    Path out = work.resolve("out.csv");

    int refused = InProcessGeoMill.run("proximity", "--points", csv.toString(), "--polygons", POLYGONS,
        "--distance", "200", "--out", out.toString());
    int assumed = InProcessGeoMill.run("proximity", "--points", csv.toString(), "--polygons", POLYGONS,
        "--distance", "200", "--assume-crs", "EPSG:4326", "--out", out.toString());

    assertThat(refused).isEqualTo(GeoMill.EXIT_USAGE);
    assertThat(assumed).isZero();
    assertThat(Files.readAllLines(out)).hasSize(3).first().isEqualTo("id,wkt,count_all,sum_all");
  }
}
