package io.geomill.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.jobs.testing.InProcessGeoMill;
import io.geomill.jobs.testing.ItEnvironment;
import io.geomill.raster.RasterDataType;
import io.geomill.raster.RasterFile;
import io.geomill.testing.ExternalTools;
import io.geomill.testing.TestGeoTiffs;
import io.geomill.testing.TestGeoTiffs.Layout;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.gce.geotiff.GeoTiffReader;
import org.geotools.referencing.crs.DefaultEngineeringCRS;
import org.geotools.util.factory.Hints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code geomill terrain} end to end on a folder of the projected test DEMs of the terrain kernels (core's
 * test resources, Float32 and Int16, with gdaldem 3.6.2's outputs made by the commands of their README): every
 * product within the bounds of gdaldem's, the same nodata cells, tiles of 32 and 96 cells equal to one
 * tile byte for byte, a rerun resumed; and one job over good and bad DEMs, each bad one failing by name while the others finish.
 */
class TerrainJobIT {
  private static final Path REFERENCES = ItEnvironment.geomillHome()
      .resolve("core/src/test/resources/io/geomill/terrain");
  private static final Path SAMPLES = ItEnvironment.dataSamples();

  @TempDir
  Path work;

  @Test
  void tiledOutputsAreGdaldemsAndEqualTheUntiledOnesByteForByte() throws IOException {
    Path in = Files.createDirectories(work.resolve("in"));
    Files.copy(REFERENCES.resolve("dem_utm32.tif"), in.resolve("dem_utm32.tif"));
    Files.copy(REFERENCES.resolve("dem_utm32_int16.tif"), in.resolve("dem_utm32_int16.tif"));
    Path tiled = work.resolve("tiled");

    InProcessGeoMill.Run run = InProcessGeoMill.runCapturing(job(in, tiled, "--tile", "32"));

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("terrain: 2 item(s)", "2 ok, 0 failed");
    assertThat(names(tiled)).containsExactly("_geomill", "dem_utm32_aspect.tif", "dem_utm32_hillshade.tif",
        "dem_utm32_int16_aspect.tif", "dem_utm32_int16_hillshade.tif", "dem_utm32_int16_roughness.tif",
        "dem_utm32_int16_slope.tif", "dem_utm32_int16_tpi.tif", "dem_utm32_int16_tri.tif",
        "dem_utm32_roughness.tif", "dem_utm32_slope.tif", "dem_utm32_tpi.tif", "dem_utm32_tri.tif",
        "geomill-report.json");
    assertWithin(tiled.resolve("dem_utm32_slope.tif"), "slope_horn.tif", 1e-3, false);
    assertWithin(tiled.resolve("dem_utm32_aspect.tif"), "aspect_horn.tif", 1e-2, true);
    assertWithin(tiled.resolve("dem_utm32_hillshade.tif"), "hillshade_horn.tif", 1, false);
    assertWithin(tiled.resolve("dem_utm32_tri.tif"), "tri_riley.tif", 1e-3, false);
    assertWithin(tiled.resolve("dem_utm32_tpi.tif"), "tpi.tif", 1e-3, false);
    assertWithin(tiled.resolve("dem_utm32_roughness.tif"), "roughness.tif", 1e-3, false);
    assertWithin(tiled.resolve("dem_utm32_int16_slope.tif"), "int16_slope_horn.tif", 1e-3, false);
    assertWithin(tiled.resolve("dem_utm32_int16_hillshade.tif"), "int16_hillshade_horn.tif", 1, false);
    try (RasterFile hillshade = RasterFile.open(tiled.resolve("dem_utm32_hillshade.tif").toFile());
         RasterFile slope = RasterFile.open(tiled.resolve("dem_utm32_slope.tif").toFile())) {
      assertThat(hillshade.info().dataType()).isEqualTo(RasterDataType.BYTE);
      assertThat(hillshade.info().nodata()).isZero();
      assertThat(slope.info().dataType()).isEqualTo(RasterDataType.FLOAT32);
      assertThat(slope.info().nodata()).isEqualTo(-9999.0);
      assertThat(slope.info().crs().epsg()).isEqualTo(32632);
      try (RasterFile dem = RasterFile.open(in.resolve("dem_utm32.tif").toFile())) {
        assertThat(slope.info().geoTransform()).isEqualTo(dem.info().geoTransform());
      }
    }

    Path untiled = work.resolve("untiled");
    assertThat(InProcessGeoMill.run(job(in, untiled, "--tile", "4096"))).isZero();
    Path uneven = work.resolve("uneven");
    assertThat(InProcessGeoMill.run(job(in, uneven, "--tile", "96"))).isZero();
    for (String name : names(tiled)) {
      if (name.endsWith(".tif")) {
        byte[] whole = Files.readAllBytes(untiled.resolve(name));
        assertThat(Files.readAllBytes(tiled.resolve(name))).as(name + ": 16 tiles and one").isEqualTo(whole);
        assertThat(Files.readAllBytes(uneven.resolve(name))).as(name + ": 96 + 32 cells across and down, and one")
            .isEqualTo(whole);
      }
    }

    InProcessGeoMill.Run again = InProcessGeoMill.runCapturing(job(in, tiled, "--tile", "32"));
    assertThat(again.exit()).isZero();
    assertThat(again.out()).as("a rerun resumes").contains("0 ok, 0 failed, 2 skipped");
  }

  @Test
  void optionsReachTheKernels() throws IOException {
    Path in = Files.createDirectories(work.resolve("in"));
    Files.copy(REFERENCES.resolve("dem_utm32.tif"), in.resolve("dem_utm32.tif"));
    Path out = work.resolve("out");

    int exit = InProcessGeoMill.run("terrain", "--in", in.toString(), "--out", out.toString(), "--products",
        "slope,hillshade,aspect,tri", "--alg", "zt", "--compute-edges", "--combined", "--tri-alg", "wilson",
        "--tile", "48", "--block-size", "16", "--deflate-level", "9", "--master", "local[2]");
    int percent = InProcessGeoMill.run("terrain", "--in", in.toString(), "--out", work.resolve("percent").toString(),
        "--products", "slope,aspect", "--slope-units", "percent", "--zero-for-flat", "--compress", "none",
        "--master", "local[2]");

    assertThat(exit).isZero();
    assertWithin(out.resolve("dem_utm32_slope.tif"), "slope_zt_edges.tif", 1e-3, false);
    assertWithin(out.resolve("dem_utm32_aspect.tif"), "aspect_zt_edges.tif", 1e-2, true);
    assertWithin(out.resolve("dem_utm32_hillshade.tif"), "hillshade_combined_zt_edges.tif", 1, false);
    assertWithin(out.resolve("dem_utm32_tri.tif"), "tri_wilson_edges.tif", 1e-3, false);
    assertThat(percent).isZero();
    assertWithin(work.resolve("percent/dem_utm32_slope.tif"), "slope_percent_horn.tif", 1e-3, false);
    try (RasterFile aspect = RasterFile.open(work.resolve("percent/dem_utm32_aspect.tif").toFile())) {
      assertThat(aspect.info().nodata()).as("-zero_for_flat: no nodata value, as gdaldem writes it").isNull();
    }
    assertWithin(work.resolve("percent/dem_utm32_aspect.tif"), "aspect_zero_for_flat_horn.tif", 1e-2, true);
  }

  @Test
  void eachBadDemFailsByNameWhileTheOthersFinish() throws Exception {
    Path in = Files.createDirectories(work.resolve("in"));
    Files.copy(REFERENCES.resolve("dem_utm32.tif"), in.resolve("good.tif"));
    Files.copy(SAMPLES.resolve("rasters/test1.tiff"), in.resolve("byte.tiff"));
    Files.copy(SAMPLES.resolve("broken/truncated_rhine_d8.tif"), in.resolve("truncated.tif"));
    corrupt(REFERENCES.resolve("dem_utm32.tif"), in.resolve("corrupt.tif"));
    TestGeoTiffs.write(in.resolve("rgb.tif").toFile(), Layout.float32(64, 48).type(DataBuffer.TYPE_BYTE).bands(3),
        (band, x, y) -> (band * 80 + x + y) % 256);
    TestGeoTiffs.write(in.resolve("all_nodata.tif").toFile(), Layout.float32(40, 40).nodata(-9999.0),
        (band, x, y) -> -9999);
    Layout noNodata = Layout.float32(60, 50);
    TestGeoTiffs.write(in.resolve("nan_cells.tif").toFile(), noNodata, TerrainJobIT::terrainWithNans);
    TestGeoTiffs.write(in.resolve("nan_and_nodata.tif").toFile(), noNodata.nodata(-9999.0),
        TerrainJobIT::terrainWithNans);
    vrtCopy(REFERENCES.resolve("dem_utm32.tif"), in.resolve("no_crs.tif"), null,
        "450000, 600, 0, 5216800, 0, -600");
    vrtCopy(REFERENCES.resolve("dem_utm32.tif"), in.resolve("rotated.tif"), "EPSG:32632",
        "450000, 600, 50, 5216800, 50, -600");
    Path out = work.resolve("out");

    InProcessGeoMill.Run run = InProcessGeoMill.runCapturing("terrain", "--in", in.toString(), "--out",
        out.toString(), "--products", "slope,hillshade", "--tile", "64", "--block-size", "16", "--master",
        "local[2]");

    assertThat(run.exit()).as("some DEMs failed").isEqualTo(GeoMill.EXIT_ITEMS_FAILED);
    assertThat(run.out()).contains("terrain: 10 item(s)", "4 ok, 6 failed");
    assertThat(failure(run, "all_nodata.tif"))
        .endsWith("all_nodata.tif: every cell of band 1 is nodata (-9999.0): there is nothing to compute");
    assertThat(failure(run, "corrupt.tif")).contains("corrupt.tif: cannot read columns", "the file is truncated or"
        + " corrupt");
    assertThat(failure(run, "no_crs.tif")).contains("no_crs.tif: has no CRS");
    assertThat(failure(run, "rgb.tif")).contains("rgb.tif: has 3 bands (an RGB or multi-band image?)");
    assertThat(failure(run, "rotated.tif")).contains("rotated.tif: is not north-up (geotransform [450000.0, 600.0,"
        + " 50.0, 5216800.0, 50.0, -600.0])");
    assertThat(failure(run, "truncated.tif")).contains("truncated.tif: truncated or corrupt TIFF");
    assertThat(names(out)).containsExactly("_geomill", "byte_hillshade.tif", "byte_slope.tif",
        "geomill-report.json", "good_hillshade.tif", "good_slope.tif", "nan_and_nodata_hillshade.tif",
        "nan_and_nodata_slope.tif", "nan_cells_hillshade.tif", "nan_cells_slope.tif");
    assertThat(out.resolve("_geomill/tmp")).as("no staging or part files left").doesNotExist();

    // A DEM without nodata value is computed as gdaldem computes it: NaN windows give NaN.
    Path gdaldem = work.resolve("gdaldem_nan_cells_slope.tif");
    ExternalTools.run("gdaldem", "slope", "-q", in.resolve("nan_cells.tif").toString(), gdaldem.toString());
    assertWithin(out.resolve("nan_cells_slope.tif"), gdaldem, 1e-3, false, true);
    // With a nodata value, NaN cells are nodata too: nodata where a window holds one, values elsewhere.
    float[] withNodata = cells(out.resolve("nan_and_nodata_slope.tif"));
    float[] withoutNodata = cells(out.resolve("nan_cells_slope.tif"));
    for (int i = 0; i < withNodata.length; i++) {
      // Horn leaves the centre out: without nodata value a NaN cell still gets its neighbours' slope.
      boolean nanWindow = Float.isNaN(withoutNodata[i]) || withoutNodata[i] == -9999f
          || Double.isNaN(terrainWithNans(0, i % noNodata.width(), i / noNodata.width()));
      assertThat(withNodata[i] == -9999f).as("cell %d nodata", i).isEqualTo(nanWindow);
      if (!nanWindow) {
        assertThat(withNodata[i]).isEqualTo(withoutNodata[i]);
      }
    }

    String[] assumingCrs = {"terrain", "--in", in.toString(), "--out", out.toString(), "--products",
        "slope,hillshade", "--assume-crs", "EPSG:32632", "--master", "local[2]"};
    InProcessGeoMill.Run assumed = InProcessGeoMill.runCapturing(assumingCrs);
    assertThat(assumed.out()).as("the assumed CRS is part of what resume compares: all redone")
        .contains("5 ok, 5 failed, 0 skipped");
    assertWithin(out.resolve("no_crs_slope.tif"), "slope_horn.tif", 1e-3, false);
    InProcessGeoMill.Run resumed = InProcessGeoMill.runCapturing(assumingCrs);
    assertThat(resumed.out()).as("the good ones skipped, the bad ones tried again")
        .contains("0 ok, 5 failed, 5 skipped");
    assertThat(resumed.exit()).isEqualTo(GeoMill.EXIT_ITEMS_FAILED);
  }

  @Test
  void badUsageEndsWithExitCode2BeforeAnythingRuns() {
    Path out = work.resolve("out");
    String dem = REFERENCES.resolve("dem_utm32.tif").toString();

    InProcessGeoMill.Run unknown = InProcessGeoMill.runCapturing("terrain", "--in", dem, "--out", out.toString(),
        "--products", "slope,curvature");
    InProcessGeoMill.Run altitude = InProcessGeoMill.runCapturing("terrain", "--in", dem, "--out", out.toString(),
        "--products", "hillshade", "--altitude", "95");
    InProcessGeoMill.Run level = InProcessGeoMill.runCapturing("terrain", "--in", dem, "--out", out.toString(),
        "--products", "slope", "--deflate-level", "0");
    InProcessGeoMill.Run crs = InProcessGeoMill.runCapturing("terrain", "--in", dem, "--out", out.toString(),
        "--products", "slope", "--assume-crs", "not a crs");
    InProcessGeoMill.Run band = InProcessGeoMill.runCapturing("terrain", "--in", dem, "--out", out.toString(),
        "--products", "slope", "--band", "-1");
    InProcessGeoMill.Run none = InProcessGeoMill.runCapturing("terrain", "--in", SAMPLES.resolve("vectors")
        .toString(), "--out", out.toString(), "--products", "slope");

    assertThat(unknown.exit()).isEqualTo(GeoMill.EXIT_USAGE);
    assertThat(unknown.err()).contains("unknown terrain product 'curvature': choose from slope, aspect, hillshade,"
        + " tri, tpi, roughness (or all)");
    assertThat(altitude.exit()).isEqualTo(GeoMill.EXIT_USAGE);
    assertThat(altitude.err()).contains("altitude must be in [0, 90] degrees, got 95.0");
    assertThat(level.exit()).isEqualTo(GeoMill.EXIT_USAGE);
    assertThat(level.err()).contains("--deflate-level 0: fast, or 1 (fastest) to 9 (smallest)");
    assertThat(crs.exit()).isEqualTo(GeoMill.EXIT_USAGE);
    assertThat(crs.err()).contains("--assume-crs not a crs: not a CRS GeoMill knows");
    assertThat(band.exit()).isEqualTo(GeoMill.EXIT_USAGE);
    assertThat(band.err()).contains("--band -1: band must be >= 1");
    assertThat(none.exit()).isEqualTo(GeoMill.EXIT_USAGE);
    assertThat(none.err()).contains("no raster (.tif, .tiff, .asc) found");
    assertThat(out).doesNotExist();
  }

  private static String[] job(Path in, Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("terrain", "--in", in.toString(), "--out", out.toString(),
        "--products", "all", "--block-size", "32", "--master", "local[2]"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** A smooth surface with NaN cells scattered over it, never on the edges' neighbours only. */
  private static double terrainWithNans(int band, int x, int y) {
    if ((x * 7 + y * 13) % 29 == 0) {
      return Double.NaN;
    }
    return 800 + 120 * Math.sin(x / 6.0) * Math.cos(y / 9.0) + 0.8 * x * y;
  }

  /**
   * The DEM with the zlib header of its middle strip overwritten: damage DEFLATE detects (bytes changed inside
   * a compressed stream may decode to wrong values without an error, for GDAL as for GeoMill: zlib's checksum
   * comes after the data a reader needs, so neither reads it).
   */
  private static void corrupt(Path source, Path target) throws IOException {
    Files.copy(source, target);
    ByteBuffer tiff = ByteBuffer.wrap(Files.readAllBytes(target)).order(ByteOrder.LITTLE_ENDIAN);
    int directory = tiff.getInt(4);
    long middleStrip = -1;
    for (int e = 0; e < (tiff.getShort(directory) & 0xffff); e++) {
      int entry = directory + 2 + 12 * e;
      if ((tiff.getShort(entry) & 0xffff) == 273) { // StripOffsets, LONGs
        int count = tiff.getInt(entry + 4);
        middleStrip = tiff.getInt((count == 1 ? entry + 8 : tiff.getInt(entry + 8)) + 4 * (count / 2));
      }
    }
    assertThat(middleStrip).as("a striped classic TIFF").isPositive();
    try (RandomAccessFile file = new RandomAccessFile(target.toFile(), "rw")) {
      file.seek(middleStrip);
      file.write(new byte[] {-1, -1});
    }
  }

  /** A copy of {@code source} through a VRT that gives it another geotransform and CRS (null: none). */
  private static void vrtCopy(Path source, Path target, String crs, String geoTransform) throws IOException {
    Path vrt = target.resolveSibling(target.getFileName() + ".vrt");
    Files.writeString(vrt, "<VRTDataset rasterXSize=\"128\" rasterYSize=\"128\">\n"
        + (crs == null ? "" : "  <SRS>" + crs + "</SRS>\n")
        + "  <GeoTransform>" + geoTransform + "</GeoTransform>\n"
        + "  <VRTRasterBand dataType=\"Float32\" band=\"1\"><NoDataValue>-9999</NoDataValue><SimpleSource>"
        + "<SourceFilename relativeToVRT=\"0\">" + source + "</SourceFilename><SourceBand>1</SourceBand>"
        + "</SimpleSource></VRTRasterBand>\n</VRTDataset>\n");
    ExternalTools.run("gdal_translate", "-q", vrt.toString(), target.toString());
    Files.delete(vrt);
  }

  private static String failure(InProcessGeoMill.Run run, String input) {
    return run.out().lines().filter(line -> line.contains("FAILED " + input + ": ")).findFirst()
        .orElseThrow(() -> new AssertionError("no failure line for " + input + " in:\n" + run.out()));
  }

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static void assertWithin(Path actual, String reference, double tolerance, boolean angle)
      throws IOException {
    assertWithin(actual, REFERENCES.resolve(reference), tolerance, angle, false);
  }

  /**
   * Cell by cell: nodata in both or in neither, values within {@code tolerance} (aspect: as angles); with
   * {@code nanEqual}, NaN in both counts as equal (gdaldem's NaN cells on a source without nodata value).
   */
  private static void assertWithin(Path actual, Path reference, double tolerance, boolean angle, boolean nanEqual)
      throws IOException {
    float[] ours = cellsWithNodata(actual);
    float[] theirs = cellsWithNodata(reference);
    assertThat(ours).hasSameSizeAs(theirs);
    int compared = 0;
    for (int i = 0; i < ours.length; i++) {
      boolean oursMissing = ours[i] == NODATA_MARK;
      boolean theirsMissing = theirs[i] == NODATA_MARK;
      assertThat(oursMissing).as("%s cell %d is nodata in one output only", actual.getFileName(), i)
          .isEqualTo(theirsMissing);
      if (oursMissing) {
        continue;
      }
      if (nanEqual && (Float.isNaN(ours[i]) || Float.isNaN(theirs[i]))) {
        assertThat(Float.isNaN(ours[i])).as("%s cell %d NaN in one output only", actual.getFileName(), i)
            .isEqualTo(Float.isNaN(theirs[i]));
        continue;
      }
      double delta = Math.abs(ours[i] - (double) theirs[i]);
      if (angle) {
        delta = Math.min(delta, 360 - delta);
      }
      assertThat(delta).as("%s cell %d: %s vs %s", actual.getFileName(), i, ours[i], theirs[i])
          .isLessThanOrEqualTo(tolerance);
      compared++;
    }
    assertThat(compared).as("cells with a value").isGreaterThan(ours.length / 2);
  }

  /** Marks nodata apart from NaN values (a file without nodata value may hold NaN). */
  private static final float NODATA_MARK = Float.NEGATIVE_INFINITY;

  private static float[] cellsWithNodata(Path file) throws IOException {
    Double nodata;
    try (RasterFile raster = RasterFile.open(file.toFile())) {
      nodata = raster.info().nodata();
    }
    float[] values = cells(file);
    for (int i = 0; i < values.length; i++) {
      if (nodata != null && (values[i] == nodata.floatValue() || Double.isNaN(nodata) && Float.isNaN(values[i]))) {
        values[i] = NODATA_MARK;
      }
    }
    return values;
  }

  /** The stored values of band 1, nodata values as they are (GeoTools' reading of the whole file). */
  private static float[] cells(Path file) throws IOException {
    GeoTiffReader reader = new GeoTiffReader(file.toFile(),
        new Hints(Hints.DEFAULT_COORDINATE_REFERENCE_SYSTEM, DefaultEngineeringCRS.GENERIC_2D));
    try {
      GridCoverage2D coverage = reader.read(null);
      Raster data = coverage.getRenderedImage().getData();
      float[] values = data.getSamples(data.getMinX(), data.getMinY(), data.getWidth(), data.getHeight(), 0,
          new float[data.getWidth() * data.getHeight()]);
      coverage.dispose(true);
      return values;
    } finally {
      reader.dispose();
    }
  }
}
