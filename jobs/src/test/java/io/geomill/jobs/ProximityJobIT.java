package io.geomill.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.TestSpark;
import io.geomill.spark.GeoMillSpark;
import io.geomill.testing.ExternalTools;
import io.geomill.jobs.testing.InProcessGeoMill;
import io.geomill.jobs.testing.ItEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proximity job end to end on the samples: outputs in GeoParquet, GeoPackage and shapefile read back with
 * Sedona, staging gone, rerun, bad input.
 */
class ProximityJobIT {
  private static final Path SAMPLES = ItEnvironment.dataSamples().resolve("proximity");
  private static final String POINTS = SAMPLES.resolve("nyc_taxi_pickups_2009-01.csv").toString();
  private static final String POLYGONS = SAMPLES.resolve("nyc_landmarks_typed.shp").toString();
  /** The wide summary of the samples, all but the output path. */
  private static final String[] WIDE_JOB = {"proximity", "--points", POINTS, "--polygons", POLYGONS, "--distance",
      "0.2", "--units", "km", "--type-field", "type", "--weight-field", "w_idx", "--out"};

  @TempDir
  Path work;

  @Test
  void wideOutputHoldsEveryPointWithItsCountsInEachFormatAndNothingElseIsLeft() throws Exception {
    Path out = work.resolve("summary.parquet");

    int exit = InProcessGeoMill.run(append(WIDE_JOB, out.toString()));

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

    geoPackageAndShapefileHoldTheSameRowsAs(out);
  }

  /** The same job's GeoPackage and shapefile outputs (the job run again for each) hold the same rows. */
  private void geoPackageAndShapefileHoldTheSameRowsAs(Path parquet) throws Exception {
    Path gpkg = work.resolve("summary.gpkg");
    Path shp = work.resolve("summary.shp");
    String printed = printed(() -> assertThat(InProcessGeoMill.run(append(WIDE_JOB, gpkg.toString()))).isZero());
    assertThat(InProcessGeoMill.run(append(WIDE_JOB, shp.toString()))).isZero();

    // the counts the job prints come from the write itself, which reads the cached table twice
    assertThat(printed).contains("points: 100000, ").contains("summary.gpkg (gpkg)");
    // Sedona 1.8.0's GeoPackage reader ships the SparkSession to its tasks, and a session that ran Dataset.observe
    // (as the job does) no longer serializes: the outputs are read in a session of their own.
    var read = GeoMillSpark.withSedona(TestSpark.session().newSession()).read();
    Dataset<Row> expected = comparable(read.format("geoparquet").load(parquet.toString()));
    Dataset<Row> fromGpkg = comparable(read.format("geopackage").option("tableName", "summary")
        .load(gpkg.toString()).drop("fid"));
    Dataset<Row> fromShp = comparable(read.format("shapefile").load(shp.toString()));
    assertThat(fromGpkg.count()).isEqualTo(100_000);
    assertThat(fromShp.count()).isEqualTo(100_000);
    assertThat(fromGpkg.exceptAll(expected).count()).as("GeoPackage rows not in the GeoParquet output").isZero();
    assertThat(fromShp.exceptAll(expected).count()).as("shapefile rows not in the GeoParquet output").isZero();
    for (Path output : List.of(gpkg, shp)) {
      String gdal = ExternalTools.run("ogrinfo", "-so", "-al", output.toString());
      assertThat(gdal).as(output.toString()).contains("Geometry: Point", "Feature Count: 100000", "count_6: Integer",
          "sum_6: Real").containsPattern("\n    ID\\[\"EPSG\",4326\\]\\]\n");
    }
    try (Stream<Path> left = Files.list(work)) {
      assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder("summary.parquet",
          "summary.gpkg", "summary.shp", "summary.shx", "summary.dbf", "summary.prj", "summary.cpg");
    }
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
  void aShapefileOutputMustBeNamedShpAndTheLongLayoutHasNoShapefile() {
    int misnamed = InProcessGeoMill.run("proximity", "--points", POINTS, "--polygons", POLYGONS, "--distance", "200",
        "--format", "shp", "--out", work.resolve("summary").toString());
    int longLayout = InProcessGeoMill.run("proximity", "--points", POINTS, "--polygons", POLYGONS, "--distance", "200",
        "--layout", "long", "--out", work.resolve("summary.shp").toString());

    assertThat(misnamed).isEqualTo(GeoMill.EXIT_USAGE);
    assertThat(longLayout).isEqualTo(GeoMill.EXIT_USAGE);
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

  /** The geometry as WKT and every count and sum as a double: the types each reader gives differ. */
  private static Dataset<Row> comparable(Dataset<Row> summary) {
    List<Column> columns = new ArrayList<>();
    columns.add(expr("ST_AsText(geometry)").as("wkt"));
    for (String name : summary.columns()) {
      if (!name.equals("geometry")) {
        columns.add(col(name).cast(DataTypes.DoubleType).as(name));
      }
    }
    return summary.select(columns.toArray(Column[]::new));
  }

  private static String[] append(String[] args, String last) {
    String[] all = Arrays.copyOf(args, args.length + 1);
    all[args.length] = last;
    return all;
  }

  /** What the code printed to standard output (the job prints its summary there), echoed. */
  private static String printed(Runnable code) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      code.run();
    } finally {
      System.setOut(original);
    }
    String text = captured.toString(StandardCharsets.UTF_8);
    original.print(text);
    return text;
  }
}
