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
 * {@code geomill hydrology} end to end: a folder of DEMs with broken ones, outputs named by product and read by
 * GDAL, resume, tiled runs byte for byte equal to a one-tile run, weights, direction inputs with TauDEM codes,
 * usage errors.
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
    Files.writeString(in.resolve("corrupt.tif"), "II*\0 not really a TIFF");
    Path out = work.resolve("out");
    String[] job = {"hydrology", "--in", work.resolve("dems").toString(), "--out", out.toString(), "--tile", "512"};

    InProcessGeoMill.Run first = InProcessGeoMill.runCapturing(job);

    assertThat(first.exit()).as("a file failed").isEqualTo(GeoMill.EXIT_ITEMS_FAILED);
    assertThat(first.out()).contains("2 ok, 2 failed").contains("FAILED sub/broken.tif")
        .contains("FAILED sub/corrupt.tif");
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
    assertThat(out.resolve("_geomill/tmp")).as("staging and part files are gone").doesNotExist();

    InProcessGeoMill.Run again = InProcessGeoMill.runCapturing(job);
    assertThat(again.exit()).isEqualTo(GeoMill.EXIT_ITEMS_FAILED);
    assertThat(again.out()).contains("0 ok, 2 failed, 2 skipped");
  }

  @Test
  void tiledRunsWriteTheFilesOfAOneTileRunByteForByteAndWeightsScaleTheCounts() throws Exception {
    Path dem = Files.createDirectories(work.resolve("dem"));
    Files.copy(RASTERS.resolve("rhine_elv0.tif"), dem.resolve("rhine.tif"));
    byte[][] oneTile = null;
    // 1024: the 997 x 682 DEM is one tile (the untiled kernels); 256 (4 x 3 tiles) and 512 (2 x 2) are tiled.
    for (String tile : new String[] {"1024", "256", "512"}) {
      Path out = work.resolve("out-" + tile);
      InProcessGeoMill.Run run = InProcessGeoMill.runCapturing("hydrology", "--in", dem.toString(), "--out",
          out.toString(), "--tile", tile, "--products", "filled,flowdir,accumulation");
      assertThat(run.exit()).as(run.err()).isZero();
      byte[][] files = new byte[3][];
      int i = 0;
      for (String product : new String[] {"filled", "flowdir", "accumulation"}) {
        files[i++] = Files.readAllBytes(out.resolve("rhine_" + product + ".tif"));
      }
      if (oneTile == null) {
        oneTile = files;
      } else {
        assertThat(files).as("tile " + tile).isEqualTo(oneTile);
      }
    }
    // Weight 2 on every cell with data: each accumulation doubles (whole numbers: exact in any tiling).
    Path weights = work.resolve("two.tif");
    ExternalTools.run("gdal_translate", "-q", "-ot", "Float32", "-scale", "0", "100000", "2", "2",
        dem.resolve("rhine.tif").toString(), weights.toString());
    Path weighted = work.resolve("weighted");
    InProcessGeoMill.Run run = InProcessGeoMill.runCapturing("hydrology", "--in", dem.toString(), "--out",
        weighted.toString(), "--tile", "256", "--products", "accumulation", "--weights", weights.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    float[] counts = values(work.resolve("out-1024/rhine_accumulation.tif"));
    float[] sums = values(weighted.resolve("rhine_accumulation.tif"));
    assertThat(sums).hasSameSizeAs(counts);
    for (int i = 0; i < counts.length; i++) {
      boolean same = Float.isNaN(counts[i]) ? Float.isNaN(sums[i]) : sums[i] == 2 * counts[i]; // NaN: nodata
      if (!same) {
        throw new AssertionError("cell " + i + ": weighted " + sums[i] + ", counted " + counts[i]);
      }
    }
    assertThat(weighted.resolve("rhine_filled.tif")).doesNotExist();
  }

  private static float[] values(Path file) throws java.io.IOException {
    try (io.geomill.raster.RasterFile raster = io.geomill.raster.RasterFile.open(file.toFile())) {
      return raster.read(1, 0, 0, raster.info().width(), raster.info().height(), 0).values();
    }
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
    InProcessGeoMill.Run crs = InProcessGeoMill.runCapturing("hydrology", "--in", dem, "--assume-crs",
        "EPSG:99999999", "--out", out);
    assertThat(crs.exit()).isEqualTo(GeoMill.EXIT_USAGE);
    assertThat(crs.err()).contains("--assume-crs EPSG:99999999: not a CRS GeoMill knows");
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
