package io.geomill.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.TestSpark;
import io.geomill.spark.GeoMillSpark;
import io.geomill.testing.ExternalTools;
import io.geomill.proximity.DefectiveLayers;
import io.geomill.jobs.testing.InProcessGeoMill;
import io.geomill.jobs.testing.ItEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    int exit = InProcessGeoMill.run(with(List.of(WIDE_JOB), out.toString()));

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
    InProcessGeoMill.Run gpkgRun = InProcessGeoMill.runCapturing(with(List.of(WIDE_JOB), gpkg.toString()));
    assertThat(gpkgRun.exit()).as(gpkgRun.err()).isZero();
    String printed = gpkgRun.out();
    assertThat(InProcessGeoMill.run(with(List.of(WIDE_JOB), shp.toString()))).isZero();

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

  @Test
  void badUsageAndBadInputsEndWithExitCode2TheReasonAndNoOutput() throws Exception {
    Path points = work.resolve("points.csv");
    Files.write(points, List.of("lon,lat", "-73.99,40.72", "-73.98,40.74"));
    Path emptyPolygons = Files.writeString(work.resolve("empty.geojson"),
        "{\"type\": \"FeatureCollection\", \"features\": []}");
    String out = work.resolve("out.csv").toString();
    List<String> common = List.of("proximity", "--points", points.toString(), "--assume-crs", "EPSG:4326",
        "--out", out);
    Map<List<String>, String> cases = new LinkedHashMap<>();
    cases.put(List.of("--polygons", POLYGONS, "--distance", "-5"), "the distance must be a number >= 0, was -5.0");
    cases.put(List.of("--polygons", POLYGONS), "Missing required option: '--distance=D'");
    cases.put(List.of("--polygons", POLYGONS, "--distance", "far"), "Invalid value for option '--distance'");
    cases.put(List.of("--polygons", POLYGONS, "--distance", "200", "--units", "miles"), "unknown distance unit");
    cases.put(List.of("--polygons", POLYGONS, "--distance", "200", "--join", "sideways"), "unknown join");
    cases.put(List.of("--polygons", POLYGONS, "--distance", "200", "--layout", "tall"), "unknown layout");
    cases.put(List.of("--polygons", POLYGONS, "--distance", "200", "--weight-field", "weight"),
        "--weight-field weight: no such field; its fields: poly_id, type, w_idx, fullname, mtfcc");
    cases.put(List.of("--polygons", POLYGONS, "--distance", "200", "--weight-field", "fullname"),
        "--weight-field fullname holds values that are not numbers, e.g.");
    cases.put(List.of("--polygons", emptyPolygons.toString(), "--distance", "200"),
        "empty.geojson: the layer is empty (no features)");
    cases.put(List.of("--polygons", POLYGONS, "--distance", "200", "--conf",
        "geomill.proximity.broadcastMaxBytes=plenty"), "geomill.proximity.broadcastMaxBytes = \"plenty\"");

    try {
      for (Map.Entry<List<String>, String> bad : cases.entrySet()) {
        List<String> args = new ArrayList<>(common);
        args.addAll(bad.getKey());

        InProcessGeoMill.Run run = InProcessGeoMill.runCapturing(args.toArray(String[]::new));

        assertThat(run.exit()).as("%s: %s", bad.getKey(), run.err()).isEqualTo(GeoMill.EXIT_USAGE);
        assertThat(run.err()).as("%s", bad.getKey()).contains(bad.getValue());
        assertThat(work.resolve("out.csv")).as("%s", bad.getKey()).doesNotExist();
      }
    } finally {
      TestSpark.session().conf().unset("geomill.proximity.broadcastMaxBytes"); // --conf reached the shared session
    }
  }

  @Test
  void theSummaryCountsDefectivePolygonsAndPointsWithoutGeometryAndNamesTheJoin() throws Exception {
    DefectiveLayers.write(work);
    List<String> args = List.of("proximity", "--points", work.resolve("points.csv").toString(), "--polygons",
        work.resolve("polygons.csv").toString(), "--assume-crs", "EPSG:32618", "--distance", "1", "--type-field",
        "kind", "--weight-field", "w");

    InProcessGeoMill.Run broadcast = InProcessGeoMill.runCapturing(with(args, "--out",
        work.resolve("broadcast.csv").toString()));
    InProcessGeoMill.Run partitioned = InProcessGeoMill.runCapturing(with(args, "--join", "partitioned", "--out",
        work.resolve("partitioned.csv").toString()));

    assertThat(broadcast.exit()).as(broadcast.err()).isZero();
    assertThat(broadcast.out()).contains("distances in EPSG:32618 (the polygons' own projected CRS")
        .contains("polygons: 3 used, 3 skipped (no geometry or no type), 1 invalid repaired (ST_MakeValid),"
            + " 1 with no weight (counted with 0); types: A")
        .contains("join: broadcast (3 polygons, 0.0 MB of coordinates, within the broadcast limits 50,000")
        .contains("points: 7, 3 with a polygon within D, 2 without geometry (zeros)");
    assertThat(partitioned.exit()).as(partitioned.err()).isZero();
    assertThat(partitioned.out()).contains("join: partitioned (asked for; 3 polygons");
    assertThat(Files.readAllLines(work.resolve("partitioned.csv"))) // rows in no particular order
        .containsExactlyInAnyOrderElementsOf(Files.readAllLines(work.resolve("broadcast.csv")))
        .startsWith("id,wkt,count_A,sum_A")
        .contains("p1,POINT (5 5),1,2.0", "p2,POINT (101 5),1,3.0", "p3,POINT (205 5),1,0.0",
            "p4,POINT (305 5),0,0.0", "p6,POINT (5000 5000),0,0.0").hasSize(8);
  }

  private static String[] with(List<String> args, String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
