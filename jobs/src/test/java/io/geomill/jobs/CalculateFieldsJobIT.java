package io.geomill.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.TestSpark;
import io.geomill.jobs.testing.InProcessGeoMill;
import io.geomill.jobs.testing.ItEnvironment;
import io.geomill.spark.GeoMillSpark;
import io.geomill.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code geomill calculate-fields} from the command line over a folder of real shapefiles, a GeoPackage and
 * broken datasets: the good ones read back in GDAL and Sedona with the new values, the bad ones fail alone with
 * their reason, and nothing is left half-written.
 */
class CalculateFieldsJobIT {
  private static final Path SAMPLES = ItEnvironment.dataSamples();
  private static final String[] TYPE_AND_NAME = {"--add", "GTYPE:TEXT:20", "--add", "SRC:TEXT:40", "--add",
      "AREA:DOUBLE:24:12", "--set", "GTYPE=ST_GeometryType(geometry)", "--set", "SRC=file_stem", "--set",
      "AREA=ST_Area(geometry)", "--master", "local[2]"};

  @TempDir
  Path work;

  @Test
  void addsAndCalculatesFieldsInEveryDatasetAndReportsTheBrokenOnesAlone() throws Exception {
    Path in = mixedFolder("in");
    Map<String, String> before = contents(in);
    Path out = work.resolve("out");

    InProcessGeoMill.Run run = job(in, "--out", out.toString());

    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(GeoMill.EXIT_ITEMS_FAILED);
    assertThat(run.out()).contains("calculate-fields: 5 item(s)", "3 ok, 2 failed",
        "FAILED pois_without_dbf.shp", "shapefile sidecar missing: pois_without_dbf.dbf",
        "FAILED broken/pois_truncated.shp",
        "truncated shapefile: the header of pois_truncated.shp says 380 bytes but the file has 250");
    assertThat(contents(in)).as("the inputs are untouched").isEqualTo(before);
    assertThat(files(out)).filteredOn(f -> !f.startsWith("_geomill/")).containsExactlyInAnyOrder(
        "geomill-report.json", "nyc/nyc_landmarks_typed.shp", "nyc/nyc_landmarks_typed.shx",
        "nyc/nyc_landmarks_typed.dbf", "nyc/nyc_landmarks_typed.prj", "nyc/nyc_landmarks_typed.cpg",
        "gis_osm_pois_free_1.shp", "gis_osm_pois_free_1.shx", "gis_osm_pois_free_1.dbf", "gis_osm_pois_free_1.prj",
        "gis_osm_pois_free_1.cpg", "nyc_area_landmarks.gpkg");
    for (String kept : List.of(".shp", ".shx", ".prj", ".cpg")) {
      assertThat(out.resolve("nyc/nyc_landmarks_typed" + kept)).hasSameBinaryContentAs(
          in.resolve("nyc/nyc_landmarks_typed" + kept));
    }

    // GDAL reads the new fields with their declared types and the values Sedona computes from the input
    ExternalTools.require("ogrinfo");
    assertThat(ExternalTools.run("ogrinfo", "-so", "-al", out.resolve("nyc/nyc_landmarks_typed.shp").toString()))
        .contains("Feature Count: 346", "poly_id: Integer", "type: Integer", "fullname: String (254.0)",
            "GTYPE: String (20.0)", "SRC: String (40.0)", "AREA: Real (24.12)", "GEOGCRS[\"WGS 84\"");
    assertThat(ExternalTools.run("ogrinfo", "-so", "-al", out.resolve("nyc_area_landmarks.gpkg").toString()))
        .contains("Feature Count: 346", "GTYPE: String (20.0)", "SRC: String (40.0)", "AREA: Real");
    assertThat(ExternalTools.run("ogrinfo", "-al", "-q", "-where", "fid = 1",
        out.resolve("nyc_area_landmarks.gpkg").toString()))
        .contains("GTYPE (String) = ST_MultiPolygon", "SRC (String) = nyc_area_landmarks");
    assertThat(ExternalTools.run("ogrinfo", "-al", "-q", "-where", "osm_id = '26860257'",
        out.resolve("gis_osm_pois_free_1.shp").toString()))
        .contains("GTYPE (String) = ST_Point", "SRC (String) = gis_osm_pois_free_1", "AREA (Real) = 0.0");

    sameRowsWithNewValues("shapefile", in.resolve("nyc").toString(), out.resolve("nyc").toString(), "poly_id",
        "nyc_landmarks_typed");
    sameRowsWithNewValues("shapefile", in.resolve("gis_osm_pois_free_1.shp").toString(),
        out.resolve("gis_osm_pois_free_1.shp").toString(), "osm_id", "gis_osm_pois_free_1");
    sameRowsWithNewValues("geopackage", in.resolve("nyc_area_landmarks.gpkg").toString(),
        out.resolve("nyc_area_landmarks.gpkg").toString(), "areaid", "nyc_area_landmarks");

    InProcessGeoMill.Run rerun = job(in, "--out", out.toString());
    assertThat(rerun.out()).as("a rerun resumes: the committed datasets are skipped").contains("0 ok, 2 failed,"
        + " 3 skipped");
  }

  /** Sedona reads the output with the input's rows in the input's order and the values it computes itself. */
  private static void sameRowsWithNewValues(String format, String input, String output, String key, String stem) {
    var reader = gpkgSafe().read().format(format);
    if (format.equals("geopackage")) {
      reader = reader.option("tableName", stem);
    }
    String geometry = format.equals("geopackage") ? "geom" : "geometry";
    List<Row> expected = reader.load(input).selectExpr("CAST(" + key + " AS STRING)",
        "ST_GeometryType(" + geometry + ")", "ST_Area(" + geometry + ")").collectAsList();
    var outReader = gpkgSafe().read().format(format);
    if (format.equals("geopackage")) {
      outReader = outReader.option("tableName", stem);
    }
    List<Row> actual = outReader.load(output).selectExpr("CAST(" + key + " AS STRING)", "GTYPE",
        "CAST(AREA AS DOUBLE)", "SRC").collectAsList();
    assertThat(actual).hasSameSizeAs(expected).isNotEmpty();
    for (int i = 0; i < actual.size(); i++) {
      assertThat(actual.get(i).getString(0)).isEqualTo(expected.get(i).getString(0));
      assertThat(actual.get(i).getString(1)).isEqualTo(expected.get(i).getString(1));
      assertThat(actual.get(i).getDouble(2)).isCloseTo(expected.get(i).getDouble(2),
          org.assertj.core.api.Assertions.within(1e-11));
      assertThat(actual.get(i).getString(3)).isEqualTo(stem);
    }
  }

  /**
   * Sedona 1.8.0's GeoPackage reader ships the SparkSession to its tasks, and a session that ran Dataset.observe
   * (as the proximity job does, in the same test JVM) no longer serializes: a session of its own.
   */
  private static SparkSession gpkgSafe() {
    return GeoMillSpark.withSedona(TestSpark.session().newSession());
  }

  @Test
  void inPlaceReplacesTheChangedFilesKeepsBackupsAndLeavesFailedDatasetsUntouched() throws Exception {
    Path in = mixedFolder("data");
    Map<String, String> before = contents(in);

    InProcessGeoMill.Run run = job(in, "--in-place", "--backup");

    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(GeoMill.EXIT_ITEMS_FAILED);
    assertThat(run.out()).contains("3 ok, 2 failed");
    Map<String, String> after = contents(in);
    assertThat(after.keySet()).noneMatch(name -> name.contains("geomill-tmp"));
    for (String failed : List.of("pois_without_dbf.", "broken/pois_truncated.")) {
      before.keySet().stream().filter(name -> name.startsWith(failed))
          .forEach(name -> assertThat(after.get(name)).as(name).isEqualTo(before.get(name)));
    }
    for (String name : List.of("nyc/nyc_landmarks_typed.dbf", "gis_osm_pois_free_1.dbf", "nyc_area_landmarks.gpkg")) {
      assertThat(after.get(name)).as(name).isNotEqualTo(before.get(name));
      String backup = name.contains("/") ? name.replace("/", "/_backup/") : "_backup/" + name;
      assertThat(after.get(backup)).as(backup).isEqualTo(before.get(name));
    }
    for (String name : List.of("nyc/nyc_landmarks_typed.shp", "nyc/nyc_landmarks_typed.prj",
        "nyc/nyc_landmarks_typed.cpg", "gis_osm_pois_free_1.shx")) {
      assertThat(after.get(name)).as(name).isEqualTo(before.get(name));
    }
    assertThat(ExternalTools.run("ogrinfo", "-al", "-q", "-where", "poly_id = 0",
        in.resolve("nyc/nyc_landmarks_typed.shp").toString()))
        .contains("GTYPE (String) = ST_Polygon", "SRC (String) = nyc_landmarks_typed");
    assertThat(gpkgSafe().read().format("geopackage").option("tableName", "nyc_area_landmarks")
        .load(in.resolve("nyc_area_landmarks.gpkg").toString()).where("SRC = 'nyc_area_landmarks'").count())
        .isEqualTo(346);

    InProcessGeoMill.Run rerun = job(in, "--in-place", "--backup");
    assertThat(rerun.out()).as("the same command again skips what it edited").contains("0 ok, 2 failed,"
        + " 3 skipped");
  }

  @Test
  void expressionsThatDoNotFitALayerFailThatDatasetAndNameItsFields() throws Exception {
    Path in = work.resolve("in");
    copy("proximity", "nyc_landmarks_typed", in);
    copy("vectors", "gis_osm_pois_free_1", in);
    Map<String, String> before = contents(in);

    InProcessGeoMill.Run unknown = InProcessGeoMill.runCapturing("calculate-fields", "--in", in.toString(),
        "--set", "fclass=upper(fclass)", "--in-place", "--master", "local[2]");

    assertThat(unknown.exit()).isEqualTo(GeoMill.EXIT_ITEMS_FAILED);
    assertThat(unknown.out()).contains("1 ok, 1 failed", "FAILED nyc_landmarks_typed.shp: --set fclass=upper(fclass):"
        + " no field fclass (add it with --add fclass:TYPE); the layer's fields: poly_id, type, w_idx, fullname,"
        + " mtfcc");
    assertThat(ExternalTools.run("ogrinfo", "-al", "-q", "-where", "osm_id = '26860257'",
        in.resolve("gis_osm_pois_free_1.shp").toString())).contains("fclass (String) = CAMP_SITE");

    InProcessGeoMill.Run mismatch = InProcessGeoMill.runCapturing("calculate-fields", "--in", in.toString(),
        "--set", "code=fclass", "--in-place", "--master", "local[2]");

    assertThat(mismatch.exit()).isEqualTo(GeoMill.EXIT_ITEMS_FAILED);
    assertThat(mismatch.out()).contains("0 ok, 2 failed", "FAILED gis_osm_pois_free_1.shp: --set code=fclass:"
        + " 12873 of 12873 features failed (first: feature 1, [CAST_INVALID_INPUT] The value 'CAMP_SITE'",
        "FAILED nyc_landmarks_typed.shp: --set code=fclass: no field code");
    Map<String, String> after = contents(in);
    assertThat(after.keySet()).noneMatch(name -> name.contains("geomill-tmp"));
    assertThat(after.get("nyc_landmarks_typed.dbf")).isEqualTo(before.get("nyc_landmarks_typed.dbf"));
  }

  @Test
  void problemsInTheCommandItselfStopItBeforeAnythingIsWritten() throws Exception {
    Path in = work.resolve("in");
    copy("proximity", "nyc_landmarks_typed", in);
    Files.writeString(in.resolve("notes.gpkg"), "not a GeoPackage");
    Path out = work.resolve("out");
    Map<String, String> cases = new TreeMap<>();
    cases.put("--set|x=upper(fullname", "--set x=upper(fullname: not a Spark SQL expression");
    cases.put("--set|x=reflect('java.lang.System', 'exit', 1)", "--set x=reflect('java.lang.System', 'exit', 1):"
        + " function reflect is not allowed: a misc function");
    cases.put("--set|x=java_method('java.lang.Runtime', 'getRuntime')", "function java_method is not allowed");
    cases.put("--set|x=read_files('/etc/passwd')", "function read_files is not allowed");
    cases.put("--add|POPULATION2:LONG", "--add POPULATION2: a shapefile (DBF) field name has at most 10 ASCII"
        + " characters");
    for (Map.Entry<String, String> bad : cases.entrySet()) {
      List<String> args = new ArrayList<>(List.of("calculate-fields", "--in", in.toString(), "--out", out.toString(),
          "--master", "local[2]"));
      args.addAll(Arrays.asList(bad.getKey().split("\\|")));
      InProcessGeoMill.Run run = InProcessGeoMill.runCapturing(args.toArray(String[]::new));
      assertThat(run.exit()).as(bad.getKey()).isEqualTo(GeoMill.EXIT_USAGE);
      assertThat(run.err()).as(bad.getKey()).contains("geomill calculate-fields: ", bad.getValue());
      assertThat(out).as(bad.getKey() + ": nothing written").doesNotExist();
    }
    InProcessGeoMill.Run missing = InProcessGeoMill.runCapturing("calculate-fields", "--in",
        work.resolve("nowhere").toString(), "--set", "type=1", "--out", out.toString());
    assertThat(missing.exit()).isEqualTo(GeoMill.EXIT_USAGE);
    assertThat(missing.err()).contains("nowhere");
    InProcessGeoMill.Run both = InProcessGeoMill.runCapturing("calculate-fields", "--in", in.toString(), "--set",
        "type=1", "--out", out.toString(), "--in-place");
    assertThat(both.exit()).isEqualTo(GeoMill.EXIT_USAGE);
    assertThat(both.err()).contains("give one of --out FOLDER and --in-place");

    InProcessGeoMill.Run unreadable = InProcessGeoMill.runCapturing("calculate-fields", "--in", in.toString(),
        "--set", "type=type + 1", "--out", out.toString(), "--master", "local[2]");
    assertThat(unreadable.exit()).isEqualTo(GeoMill.EXIT_ITEMS_FAILED);
    assertThat(unreadable.out()).contains("1 ok, 1 failed", "FAILED notes.gpkg: cannot be read");
    assertThat(files(out)).doesNotContain("notes.gpkg").contains("nyc_landmarks_typed.dbf");
  }

  private InProcessGeoMill.Run job(Path in, String... output) {
    List<String> args = new ArrayList<>(List.of("calculate-fields", "--in", in.toString()));
    args.addAll(List.of(TYPE_AND_NAME));
    args.addAll(List.of(output));
    return InProcessGeoMill.runCapturing(args.toArray(String[]::new));
  }

  /** Two shapefiles (one in a subfolder), a GeoPackage, a shapefile without its .dbf, a truncated one. */
  private Path mixedFolder(String name) throws IOException {
    Path in = work.resolve(name);
    copy("proximity", "nyc_landmarks_typed", in.resolve("nyc"));
    copy("vectors", "gis_osm_pois_free_1", in);
    copy("vectors", "nyc_area_landmarks.gpkg", in);
    copy("broken", "pois_without_dbf", in);
    copy("broken", "pois_truncated", in.resolve("broken"));
    return in;
  }

  /** Copies a sample's files (those named {@code stem.*}, or the one file named {@code stem}). */
  private static void copy(String sampleFolder, String stem, Path folder) throws IOException {
    Files.createDirectories(folder);
    try (Stream<Path> files = Files.list(SAMPLES.resolve(sampleFolder))) {
      for (Path file : files.filter(f -> f.getFileName().toString().equals(stem)
          || f.getFileName().toString().startsWith(stem + ".")).toList()) {
        Files.copy(file, folder.resolve(file.getFileName()));
      }
    }
  }

  private static List<String> files(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString()).sorted().toList();
    }
  }

  /** Every file under the folder (but the run's own records and report) with the SHA-256 of its bytes. */
  private static Map<String, String> contents(Path folder) throws IOException {
    Map<String, String> contents = new TreeMap<>();
    for (String name : files(folder)) {
      if (!name.startsWith("_geomill/") && !name.equals("geomill-report.json")) {
        try {
          contents.put(name, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
              .digest(Files.readAllBytes(folder.resolve(name)))));
        } catch (NoSuchAlgorithmException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return contents;
  }
}
