package io.geomill.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.jobs.testing.InProcessGeoMill;
import io.geomill.jobs.testing.ItEnvironment;
import io.geomill.testing.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code geomill hydrology} end to end: a folder of DEMs with a broken one, outputs named by product and read by
 * GDAL, resume, direction inputs with TauDEM codes, usage errors.
 */
class HydrologyJobIT {
  private static final Path RASTERS = ItEnvironment.dataSamples().resolve("rasters");

  @TempDir
  Path work;

  @Test
  void aFolderOfDemsWithABrokenOneWritesEveryProductOfTheOthersAndResumes() throws Exception {
    Path in = Files.createDirectories(work.resolve("dems/sub"));
    Files.copy(RASTERS.resolve("rhine_elv0.tif"), in.resolve("rhine.tif"));
    Files.copy(RASTERS.resolve("west_bijou_escarpment_snippet.asc"), in.resolve("bijou.asc"));
    Files.copy(RASTERS.resolve("west_bijou_escarpment_snippet.prj"), in.resolve("bijou.prj"));
    byte[] whole = Files.readAllBytes(RASTERS.resolve("rhine_elv0.tif"));
    Files.write(in.resolve("broken.tif"), Arrays.copyOf(whole, whole.length / 3));
    Path out = work.resolve("out");
    String[] job = {"hydrology", "--in", work.resolve("dems").toString(), "--out", out.toString(), "--tile", "512"};

    InProcessGeoMill.Run first = InProcessGeoMill.runCapturing(job);

    assertThat(first.exit()).as("a file failed").isEqualTo(GeoMill.EXIT_ITEMS_FAILED);
    assertThat(first.out()).contains("2 ok, 1 failed").contains("FAILED sub/broken.tif");
    for (String stem : new String[] {"sub/rhine", "sub/bijou"}) {
      assertThat(gdalinfo(out.resolve(stem + "_filled.tif"))).contains("\"type\":\"Float32\"")
          .contains("\"noDataValue\":-9999");
      assertThat(gdalinfo(out.resolve(stem + "_flowdir.tif"))).contains("\"type\":\"Byte\"")
          .contains("\"noDataValue\":255");
      assertThat(gdalinfo(out.resolve(stem + "_accumulation.tif"))).contains("\"type\":\"Float64\"");
    }
    assertThat(out.resolve("sub/broken_filled.tif")).doesNotExist();
    // ESRI codes only (nodata 255 left out of the statistics), and drainage that gathers but never exceeds the
    // raster's cells.
    assertThat(statistic(out.resolve("sub/rhine_flowdir.tif"), "MAXIMUM")).isLessThanOrEqualTo(128);
    double largest = statistic(out.resolve("sub/rhine_accumulation.tif"), "MAXIMUM");
    assertThat(largest).isGreaterThan(10_000).isLessThanOrEqualTo(997 * 682);
    assertThat(statistic(out.resolve("sub/rhine_accumulation.tif"), "MINIMUM")).isEqualTo(1);
    try (Stream<Path> staging = Files.walk(out.resolve("_geomill"))) {
      assertThat(staging.filter(p -> p.toString().contains("/tmp/"))).isEmpty();
    }

    InProcessGeoMill.Run again = InProcessGeoMill.runCapturing(job);
    assertThat(again.exit()).isEqualTo(GeoMill.EXIT_ITEMS_FAILED);
    assertThat(again.out()).contains("0 ok, 1 failed, 2 skipped");
  }

  @Test
  void directionsWithTauDemCodesGiveTheSameAccumulationAsTheDem() throws Exception {
    Path dem = Files.createDirectories(work.resolve("dem"));
    Files.copy(RASTERS.resolve("rhine_elv0.tif"), dem.resolve("rhine.tif"));
    Path fromDem = work.resolve("from-dem");
    assertThat(InProcessGeoMill.run("hydrology", "--in", dem.toString(), "--out", fromDem.toString(),
        "--products", "flowdir,accumulation", "--codes", "taudem", "--tile", "512")).isZero();
    assertThat(fromDem.resolve("rhine_filled.tif")).doesNotExist();

    Path fromDirections = work.resolve("from-directions");
    InProcessGeoMill.Run run = InProcessGeoMill.runCapturing("hydrology", "--flowdir",
        fromDem.resolve("rhine_flowdir.tif").toString(), "--out", fromDirections.toString(), "--tile", "512");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(Files.readAllBytes(fromDirections.resolve("rhine_flowdir_accumulation.tif")))
        .isEqualTo(Files.readAllBytes(fromDem.resolve("rhine_accumulation.tif")));
  }

  @Test
  void usageErrorsStopBeforeAnythingRuns() {
    String out = work.resolve("out").toString();
    String dem = RASTERS.resolve("rhine_elv0.tif").toString();
    InProcessGeoMill.Run both = InProcessGeoMill.runCapturing("hydrology", "--in", dem, "--flowdir", dem,
        "--out", out);
    assertThat(both.exit()).isEqualTo(GeoMill.EXIT_USAGE);
    assertThat(both.err()).contains("one of them");
    InProcessGeoMill.Run products = InProcessGeoMill.runCapturing("hydrology", "--flowdir", dem, "--products",
        "filled", "--out", out);
    assertThat(products.exit()).isEqualTo(GeoMill.EXIT_USAGE);
    assertThat(products.err()).contains("only the accumulation");
    InProcessGeoMill.Run unknown = InProcessGeoMill.runCapturing("hydrology", "--in", dem, "--products",
        "slope", "--out", out);
    assertThat(unknown.exit()).isEqualTo(GeoMill.EXIT_USAGE);
    assertThat(unknown.err()).contains("unknown product 'slope'");
    assertThat(Path.of(out)).doesNotExist();
  }

  private static double statistic(Path file, String which) {
    java.util.regex.Matcher value = java.util.regex.Pattern.compile("\"STATISTICS_" + which + "\":\"([^\"]+)\"")
        .matcher(gdalinfo(file, "-stats"));
    assertThat(value.find()).as(which + " of " + file).isTrue();
    return Double.parseDouble(value.group(1));
  }

  private static String gdalinfo(Path file, String... options) {
    String[] args = Stream.concat(Stream.of("-json"), Stream.concat(Stream.of(options), Stream.of(file.toString())))
        .toArray(String[]::new);
    return ExternalTools.run("gdalinfo", args).replace(" ", "").replace("\n", "");
  }

  private static String gdalinfo(Path file) {
    return gdalinfo(file, new String[0]);
  }
}
