package io.geomill.proximity;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.TestSpark;
import io.geomill.testing.MiniHdfs;
import io.geomill.vector.VectorLayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same summary whatever the points and polygons are stored in: GeoJSON, GeoPackage and GeoParquet (one file
 * or a Spark folder) against the shapefile and CSV of the samples, local or on HDFS, and with the polygons in
 * another CRS. One point in ten of the sample (10,000), every landmark polygon, 200 m, wide layout.
 */
class ProximityInputsTest {
  private static final SparkSession SPARK = TestSpark.session();

  @TempDir
  static Path work;
  private static Path pointsCsv;
  /** The summary of the CSV points against the typed shapefile, without and with type and weight. */
  private static List<String> reference;
  private static List<String> typedReference;

  @BeforeAll
  static void referenceSummaries() throws IOException {
    pointsCsv = SampleLayers.pointSubset(work, 10);
    VectorLayer points = SampleLayers.readPath("points", pointsCsv.toString());
    VectorLayer polygons = SampleLayers.read("polygons", SampleLayers.POLYGONS);
    reference = summary(points, polygons, null, null);
    typedReference = summary(points, polygons, "type", "w_idx");
    assertThat(reference).hasSize(10_000);
    assertThat(reference.stream().filter(row -> !row.endsWith(" 0 0.0")).count())
        .as("points with a landmark within 200 m").isGreaterThan(1_000);
  }

  @Test
  void polygonsFromGeoJsonAndGeoPackageGiveTheShapefilesSummary() {
    // The same 346 landmarks (data-samples/vectors, made from the shapefile by ogr2ogr), without type or weight.
    VectorLayer points = SampleLayers.readPath("points", pointsCsv.toString());
    VectorLayer geojson = SampleLayers.readPath("polygons",
        SampleLayers.VECTORS.resolve("nyc_area_landmarks.geojson").toString());
    VectorLayer gpkg = SampleLayers.readPath("polygons",
        SampleLayers.VECTORS.resolve("nyc_area_landmarks.gpkg").toString());

    assertThat(geojson.rows().count()).isEqualTo(346);
    assertThat(geojson.fields()).contains("fullname", "mtfcc");
    assertThat(summary(points, geojson, null, null)).isEqualTo(reference);
    assertThat(gpkg.crs().epsg()).isEqualTo(4326);
    assertThat(summary(points, gpkg, null, null)).isEqualTo(reference);
  }

  @Test
  void pointsFromAGeoParquetFileAndFolderGiveTheCsvsSummary() throws IOException {
    VectorLayer csv = SampleLayers.readPath("points", pointsCsv.toString());
    Path folder = work.resolve("points-folder");
    // No "crs" in the GeoParquet metadata means OGC:CRS84, longitude/latitude: what the CSV holds.
    csv.rows().repartition(3).write().format("geoparquet").option("geoparquet.crs", "").save(folder.toString());
    Path file = work.resolve("points.parquet");
    try (Stream<Path> parts = Files.list(folder)) {
      List<Path> parquet = parts.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
      assertThat(parquet).hasSize(3);
      Files.copy(parquet.get(0), file);
    }
    VectorLayer polygons = SampleLayers.read("polygons", SampleLayers.POLYGONS);

    VectorLayer fromFolder = SampleLayers.readPath("points", folder.toString());
    VectorLayer fromFile = SampleLayers.readPath("points", file.toString());

    assertThat(fromFolder.crs().epsg()).isEqualTo(4326);
    assertThat(summary(fromFolder, polygons, "type", "w_idx")).isEqualTo(typedReference);
    List<String> oneThird = summary(fromFile, polygons, "type", "w_idx");
    assertThat(oneThird).hasSizeBetween(3_000, 3_700);
    assertThat(typedReference).containsAll(oneThird);
  }

  @Test
  void layersOnHdfsGiveTheLocalSummary() throws IOException {
    Path base = Files.createDirectories(Path.of("target"));
    try (MiniHdfs hdfs = MiniHdfs.start(Files.createTempDirectory(base, "hdfs-"))) {
      hdfs.upload(pointsCsv, "/in/points.csv");
      hdfs.upload(work.resolve("points.prj"), "/in/points.prj");
      for (String suffix : List.of(".shp", ".shx", ".dbf", ".prj", ".cpg")) {
        hdfs.upload(SampleLayers.FOLDER.resolve("nyc_landmarks_typed" + suffix), "/in/landmarks" + suffix);
      }

      VectorLayer points = SampleLayers.readPath("points", hdfs.uri("/in/points.csv"));
      VectorLayer polygons = SampleLayers.readPath("polygons", hdfs.uri("/in/landmarks.shp"));

      assertThat(points.uri()).startsWith("hdfs://");
      assertThat(polygons.uri()).startsWith("hdfs://");
      assertThat(summary(points, polygons, "type", "w_idx")).isEqualTo(typedReference);
    }
  }

  @Test
  void polygonsInWebMercatorGiveTheSameSummaryMeasuredInUtm() {
    Path mercator = work.resolve("landmarks-3857.parquet");
    SampleLayers.read("polygons", SampleLayers.POLYGONS).rows()
        .selectExpr("ST_Transform(geometry, 'EPSG:4326', 'EPSG:3857') AS geometry", "type", "w_idx")
        .write().format("geoparquet").option("geoparquet.crs", "{\"id\":{\"authority\":\"EPSG\",\"code\":3857}}")
        .save(mercator.toString());
    VectorLayer polygons = SampleLayers.readPath("polygons", mercator.toString());
    VectorLayer points = SampleLayers.readPath("points", pointsCsv.toString());
    ProximityOptions options = new ProximityOptions(200, DistanceUnit.M, "type", "w_idx", null, null,
        ProximityOptions.Layout.WIDE, null);

    ProximitySummary.Result result = ProximitySummary.summarize(SPARK, points, polygons, options);

    assertThat(polygons.crs().epsg()).isEqualTo(3857);
    assertThat(result.crs().crs().epsg()).as(result.crs().describe()).isEqualTo(32618);
    assertThat(result.crs().describe()).contains("their own EPSG:3857 measures distances up to 32.");
    assertThat(rows(result)).isEqualTo(typedReference);
  }

  private static List<String> summary(VectorLayer points, VectorLayer polygons, String type, String weight) {
    ProximityOptions options = new ProximityOptions(200, DistanceUnit.M, type, weight, null, null,
        ProximityOptions.Layout.WIDE, null);
    ProximitySummary.Result result = ProximitySummary.summarize(SPARK, points, polygons, options);
    assertThat(result.crs().crs().epsg()).isEqualTo(32618);
    return rows(result);
  }

  /** "x y count sum ..." per point, sorted (the taxi sample repeats some pickup places). */
  private static List<String> rows(ProximitySummary.Result result) {
    List<String> rows = new ArrayList<>();
    for (Row row : result.table().selectExpr("ST_AsText(geometry)", "*").drop("geometry").collectAsList()) {
      StringBuilder line = new StringBuilder(row.getString(0));
      for (int i = 1; i < row.size(); i++) {
        line.append(' ').append(row.get(i));
      }
      rows.add(line.toString());
    }
    rows.sort(null);
    return rows;
  }
}
