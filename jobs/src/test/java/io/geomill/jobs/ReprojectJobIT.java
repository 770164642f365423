package io.geomill.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.jobs.testing.InProcessGeoMill;
import io.geomill.jobs.testing.ItEnvironment;
import io.geomill.testing.ExternalTools;
import io.geomill.testing.TestGeoTiffs;
import io.geomill.testing.TestGeoTiffs.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code geomill reproject} end to end over a folder of good and bad rasters: each bad file fails by name with its
 * reason, the others are written (and read back by GDAL), nothing is half-written; bad usage ends with exit code
 * 2 before anything is written.
 */
class ReprojectJobIT {
  private static final Path RASTERS = ItEnvironment.dataSamples().resolve("rasters");

  @TempDir
  Path work;

  @Test
  void aFolderWithBadFilesFailsEachByNameAndWritesTheOthers() throws Exception {
    Path in = Files.createDirectories(work.resolve("in"));
    for (String name : List.of("rhine_elv0.tif", "DEM.tif", "west_bijou_escarpment_snippet.asc",
        "west_bijou_escarpment_snippet.prj")) {
      Files.copy(RASTERS.resolve(name), in.resolve(name));
    }
    Files.copy(ItEnvironment.dataSamples().resolve("broken/truncated_rhine_d8.tif"), in.resolve("truncated.tif"));
    Files.writeString(in.resolve("notes_named_as.tif"), "not a raster\n");
    // 1,000 km around the North Pole in polar stereographic: Mercator cannot hold the pole
    TestGeoTiffs.write(in.resolve("north_pole.tif").toFile(), Layout.float32(100, 100).nodata(-9999.0)
        .crs(3413, -500_000, 500_000, 10_000), (band, x, y) -> x + y);
    Path out = work.resolve("out");

    InProcessGeoMill.Run run = InProcessGeoMill.runCapturing("reproject", "--in", in.toString(), "--out",
        out.toString(), "--to", "EPSG:3857", "--resampling", "bilinear", "--tile", "256", "--master", "local[2]");

    assertThat(run.exit()).as(run.err()).isEqualTo(GeoMill.EXIT_ITEMS_FAILED);
    assertThat(run.out()).contains("6 item(s)", "2 ok, 4 failed")
        .contains("FAILED DEM.tif: has no CRS")
        .contains("FAILED north_pole.tif: cannot be reprojected into EPSG:3857: 1 of 441 points sampled over the "
            + "raster cannot be transformed")
        .contains("FAILED truncated.tif: truncated or corrupt TIFF")
        .contains("FAILED notes_named_as.tif: ");
    try (Stream<Path> written = Files.list(out)) {
      assertThat(written.map(p -> p.getFileName().toString()).sorted()).containsExactly("_geomill",
          "geomill-report.json", "rhine_elv0.tif", "west_bijou_escarpment_snippet.tif");
    }
    assertThat(out.resolve("_geomill/tmp")).as("no staging or part files are left").doesNotExist();
    String info = ExternalTools.run("gdalinfo", "-stats", out.resolve("rhine_elv0.tif").toString());
    assertThat(info).contains("Size is 834, 874", "ID[\"EPSG\",3857]]", "Type=Float32", "NoData Value=-9999",
        "Block=256x256");
    assertThat(info).containsPattern("Minimum=0\\.\\d+, Maximum=3\\d{3}\\.\\d+");

    String[] withAssumedCrs = {"reproject", "--in", in.toString(), "--out", out.toString(), "--to", "EPSG:3857",
        "--resampling", "bilinear", "--assume-crs", "EPSG:32617", "--master", "local[2]"};
    InProcessGeoMill.Run assumed = InProcessGeoMill.runCapturing(withAssumedCrs);
    assertThat(assumed.exit()).isEqualTo(GeoMill.EXIT_ITEMS_FAILED);
    assertThat(assumed.out()).as("another setting: every input is redone, DEM.tif with the assumed CRS")
        .contains("6 item(s)", "3 ok, 3 failed, 0 skipped").doesNotContain("FAILED DEM.tif");
    InProcessGeoMill.Run resumed = InProcessGeoMill.runCapturing(withAssumedCrs);
    assertThat(resumed.exit()).isEqualTo(GeoMill.EXIT_ITEMS_FAILED);
    assertThat(resumed.out()).as("the same settings again: the written ones are skipped, the bad ones retried")
        .contains("6 item(s)", "0 ok, 3 failed, 3 skipped");
    assertThat(ExternalTools.run("gdalinfo", out.resolve("DEM.tif").toString())).contains("ID[\"EPSG\",3857]]");
  }

  @Test
  void compressNoneWritesTheSameCellsUncompressed() throws Exception {
    Path in = Files.createDirectories(work.resolve("in"));
    Files.copy(RASTERS.resolve("rhine_elv0.tif"), in.resolve("rhine_elv0.tif"));
    String[] common = {"reproject", "--in", in.toString(), "--to", "EPSG:3857", "--resampling", "bilinear", "--tile",
        "256", "--master", "local[2]", "--out"};
    Path deflate = work.resolve("deflate");
    Path plain = work.resolve("plain");

    assertThat(InProcessGeoMill.runCapturing(append(common, deflate.toString())).exit()).isZero();
    assertThat(InProcessGeoMill.runCapturing(append(common, plain.toString(), "--compress", "none", "--block-size",
        "128")).exit()).isZero();

    String deflateInfo = ExternalTools.run("gdalinfo", "-checksum", deflate.resolve("rhine_elv0.tif").toString());
    String plainInfo = ExternalTools.run("gdalinfo", "-checksum", plain.resolve("rhine_elv0.tif").toString());
    assertThat(deflateInfo).contains("COMPRESSION=DEFLATE", "Block=256x256");
    assertThat(plainInfo).doesNotContain("COMPRESSION=").contains("Block=128x128", "Size is 834, 874");
    assertThat(checksum(plainInfo)).isEqualTo(checksum(deflateInfo)).isNotEqualTo("0");
    assertThat(Files.size(plain.resolve("rhine_elv0.tif"))).as("uncompressed: at least 4 bytes a cell")
        .isGreaterThanOrEqualTo(834L * 874 * 4);
  }

  private static String[] append(String[] args, String... more) {
    return Stream.concat(Stream.of(args), Stream.of(more)).toArray(String[]::new);
  }

  private static String checksum(String gdalinfo) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("Checksum=(\\d+)").matcher(gdalinfo);
    assertThat(m.find()).as(gdalinfo).isTrue();
    return m.group(1);
  }

  @Test
  void badUsageEndsWithExitCode2BeforeAnythingIsWritten() throws Exception {
    Path in = Files.createDirectories(work.resolve("in"));
    Files.copy(RASTERS.resolve("rhine_elv0.tif"), in.resolve("rhine_elv0.tif"));
    Path out = work.resolve("out");

    InProcessGeoMill.Run missing = InProcessGeoMill.runCapturing("reproject", "--in", in.resolve("gone.tif")
        .toString(), "--out", out.toString(), "--to", "EPSG:3857");
    InProcessGeoMill.Run unknown = InProcessGeoMill.runCapturing("reproject", "--in", in.toString(), "--out",
        out.toString(), "--to", "EPSG:99999");
    InProcessGeoMill.Run noTarget = InProcessGeoMill.runCapturing("reproject", "--in", in.toString(), "--out",
        out.toString());
    InProcessGeoMill.Run otherCrs = InProcessGeoMill.runCapturing("reproject", "--in", in.toString(), "--out",
        out.toString(), "--to", "EPSG:32632", "--align", RASTERS.resolve("test1.tiff").toString());
    InProcessGeoMill.Run overwrite = InProcessGeoMill.runCapturing("reproject", "--in", in.toString(), "--out",
        in.toString(), "--to", "EPSG:3857");
    InProcessGeoMill.Run both = InProcessGeoMill.runCapturing("reproject", "--in", in.toString(), "--out",
        out.toString(), "--resolution", "100", "--align", RASTERS.resolve("test1.tiff").toString());
    Path twins = Files.createDirectories(work.resolve("twins"));
    Files.copy(RASTERS.resolve("rhine_elv0.tif"), twins.resolve("dem.tif"));
    Files.copy(RASTERS.resolve("west_bijou_escarpment_snippet.asc"), twins.resolve("dem.asc"));
    InProcessGeoMill.Run sameOutput = InProcessGeoMill.runCapturing("reproject", "--in", twins.toString(), "--out",
        out.toString(), "--to", "EPSG:3857");
    InProcessGeoMill.Run resampling = InProcessGeoMill.runCapturing("reproject", "--in", in.toString(), "--out",
        out.toString(), "--to", "EPSG:3857", "--resampling", "lanczos");
    InProcessGeoMill.Run compression = InProcessGeoMill.runCapturing("reproject", "--in", in.toString(), "--out",
        out.toString(), "--to", "EPSG:3857", "--compress", "lzw");

    assertThat(missing.exit()).isEqualTo(GeoMill.EXIT_USAGE);
    assertThat(missing.err()).contains("gone.tif: no such file or folder");
    assertThat(unknown.exit()).isEqualTo(GeoMill.EXIT_USAGE);
    assertThat(unknown.err()).contains("--to EPSG:99999: not a CRS GeoMill knows: \"EPSG:99999\"");
    assertThat(noTarget.exit()).isEqualTo(GeoMill.EXIT_USAGE);
    assertThat(noTarget.err()).contains("give the target CRS with --to");
    assertThat(otherCrs.exit()).isEqualTo(GeoMill.EXIT_USAGE);
    assertThat(otherCrs.err()).contains("the grid to align to is in EPSG:3857, not in the target CRS EPSG:32632");
    assertThat(overwrite.exit()).isEqualTo(GeoMill.EXIT_USAGE);
    assertThat(overwrite.err()).contains("rhine_elv0.tif: its output would overwrite it");
    assertThat(both.exit()).isEqualTo(GeoMill.EXIT_USAGE);
    assertThat(both.err()).contains("--resolution and --align");
    assertThat(sameOutput.exit()).isEqualTo(GeoMill.EXIT_USAGE);
    assertThat(sameOutput.err()).contains("dem.asc and dem.tif would both write dem.tif");
    assertThat(resampling.exit()).isEqualTo(GeoMill.EXIT_USAGE);
    assertThat(resampling.err()).contains("unknown resampling 'lanczos'");
    assertThat(compression.exit()).isEqualTo(GeoMill.EXIT_USAGE);
    assertThat(compression.err()).contains("--compress lzw: deflate or none");
    assertThat(out).doesNotExist();
    try (Stream<Path> left = Files.list(in)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("rhine_elv0.tif");
    }
  }
}
