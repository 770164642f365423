package io.geomill.hydrology.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.TestSpark;
import io.geomill.batch.BatchResult;
import io.geomill.batch.InputFile;
import io.geomill.batch.Inputs;
import io.geomill.batch.ItemOutcome;
import io.geomill.batch.ItemStatus;
import io.geomill.hydrology.CellGeometry;
import io.geomill.hydrology.FlowAccumulation;
import io.geomill.hydrology.FlowCodes;
import io.geomill.hydrology.FlowDirectionTile;
import io.geomill.hydrology.InMemoryRaster;
import io.geomill.hydrology.PriorityFlood;
import io.geomill.hydrology.TileGrid;
import io.geomill.hydrology.TiledDriver;
import io.geomill.raster.GeoTiffOptions;
import io.geomill.raster.RasterFile;
import io.geomill.raster.RasterInfo;
import io.geomill.raster.RasterReadOptions;
import io.geomill.testing.TestGeoTiffs;
import io.geomill.testing.TestGeoTiffs.Layout;
import io.geomill.vector.LayerCrs;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.gce.geotiff.GeoTiffReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hydrology batch on a real Spark session: tiled runs (phases, relaxation rounds, intermediates as part
 * files) equal the untiled kernels and the in-memory {@link TiledDriver} bit for bit, and write the same files
 * byte for byte as a one-tile run; direction inputs, weights and bad inputs fail or succeed per file.
 */
class HydrologyBatchTest {
  private static final SparkSession SPARK = TestSpark.session();
  /** 16-cell blocks allow small tiles on small rasters. */
  private static final GeoTiffOptions BLOCKS_OF_16 = GeoTiffOptions.DEFAULTS.withBlockSize(16);
  private static final Path SAMPLES = Path.of("..", "data-samples", "rasters").toAbsolutePath().normalize();

  @TempDir
  Path dir;

  @Test
  void tiledRunsOfTheRhineDemEqualTheUntiledKernelsAndTheInMemoryTiledDriverBitForBit() throws IOException {
    Path in = copy("rhine_elv0.tif", "rhine");
    Expected expected = Expected.of(in.resolve("rhine_elv0.tif").toFile(), false);
    byte[][] oneTile = null;
    // 1024 is one tile (the fast path, untiled kernels); 176 divides neither 997 nor 682 (6 x 4 tiles).
    for (int tile : new int[] {1024, 176}) {
      Path out = dir.resolve("out-" + tile);
      BatchResult<HydrologySummary> result = run(in, out, options().withTileSize(tile));
      HydrologySummary summary = ok(result).result();
      expected.check(out.resolve("rhine_elv0"), tile);
      byte[][] files = files(out.resolve("rhine_elv0"));
      if (oneTile == null) {
        assertThat(summary.tiles()).isEqualTo(1);
        oneTile = files;
      } else {
        assertThat(summary.tiles()).isGreaterThan(6);
        assertThat(summary.rounds()).as("flats span tiles: relaxation rounds").isGreaterThan(1);
        assertThat(files).as("any tiling writes the same files").isDeepEqualTo(oneTile);
      }
    }
  }

  @Test
  void aFlatSpanningManyTilesAndTheEpsilonFillAreExactAcrossTiles() throws IOException {
    // A terraced bowl: a depression whose fill is one flat about 70 cells wide, over 3 x 3 tiles, and
    // plateaus of whole-number terraces elsewhere; tiles of 32 cells.
    int w = 101;
    int h = 87;
    Random random = new Random(5);
    float[] dem = new float[w * h];
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < w; c++) {
        double d = Math.hypot(c - 50, r - 43);
        dem[r * w + c] = (float) Math.floor(d < 36 ? 20 - d / 4 + random.nextInt(2) : 30 + d / 8);
      }
    }
    Path in = Files.createDirectories(dir.resolve("bowl"));
    File file = in.resolve("bowl.tif").toFile();
    TestGeoTiffs.write(file, Layout.float32(w, h), (b, c, r) -> dem[r * w + c]);
    for (boolean epsilon : new boolean[] {false, true}) {
      Expected expected = Expected.of(file, epsilon);
      Path out = dir.resolve("bowl-out-" + epsilon);
      HydrologySummary summary = ok(run(in, out, options().withTileSize(32).withEpsilon(epsilon))).result();
      assertThat(summary.tiles()).isEqualTo(12);
      assertThat(summary.rounds()).isGreaterThan(2);
      expected.check(out.resolve("bowl"), 32);
    }
  }

  @Test
  void accumulationFromDirectionRastersOfEitherCodeSetEqualsTheDemRun() throws IOException {
    Path in = copy("rhine_elv0.tif", "dem");
    Path out = dir.resolve("out");
    ok(run(in, out, options().withTileSize(1024)));
    double[] fromDem = readDoubles(out.resolve("rhine_elv0_accumulation.tif").toFile());
    Path esri = Files.createDirectories(dir.resolve("esri"));
    Files.copy(out.resolve("rhine_elv0_flowdir.tif"), esri.resolve("dirs.tif"));
    Path taudemOut = dir.resolve("out-taudem");
    ok(run(in, taudemOut, options().withTileSize(1024).withCodes(FlowCodes.TAUDEM)
        .withProducts(EnumSet.of(HydrologyProduct.FLOWDIR))));
    Path taudem = Files.createDirectories(dir.resolve("taudem"));
    Files.copy(taudemOut.resolve("rhine_elv0_flowdir.tif"), taudem.resolve("dirs.tif"));

    for (Path directions : List.of(esri, taudem)) {
      for (int tile : directions == esri ? new int[] {1024, 352} : new int[] {352}) {
        Path accOut = dir.resolve("acc-" + directions.getFileName() + "-" + tile);
        HydrologySummary summary = ok(run(directions, accOut, options().fromDirections().withTileSize(tile)))
            .result();
        assertThat(summary.codes()).isEqualTo(directions == esri ? "ESRI" : "TAUDEM");
        assertThat(readDoubles(accOut.resolve("dirs_accumulation.tif").toFile())).isEqualTo(fromDem);
      }
    }
    // Told the wrong set: the values say otherwise.
    ItemOutcome<HydrologySummary> wrong = single(run(taudem, dir.resolve("wrong"),
        options().fromDirections().withCodes(FlowCodes.ESRI).withTileSize(352)));
    assertThat(wrong.status()).isEqualTo(ItemStatus.FAILED);
    assertThat(wrong.message()).contains("dirs.tif: value 7").contains("not a flow-direction code of the ESRI set");
  }

  @Test
  void cyclesInsideATileAndAcrossTilesFailTheirFileWithTheCellNamed() throws IOException {
    Path in = Files.createDirectories(dir.resolve("cycles"));
    // 40 x 20 ESRI codes, all east (1), except a pair pointing at each other: inside the first 16-cell tile in
    // one file, across the edge of tiles 0 and 1 (columns 15 and 16) in the other.
    for (int[] pair : new int[][] {{5, 6}, {15, 16}}) {
      TestGeoTiffs.write(in.resolve("cycle" + pair[0] + ".tif").toFile(), Layout.float32(40, 20)
          .type(DataBuffer.TYPE_BYTE), (b, c, r) -> r == 3 && c == pair[1] ? 16 : 1);
    }
    BatchResult<HydrologySummary> result = run(in, dir.resolve("out"), options().fromDirections().withTileSize(16));
    Map<String, ItemOutcome<HydrologySummary>> outcomes = byId(result);
    assertThat(outcomes.get("cycle5.tif").message()).contains("cycle5.tif").contains("cycle through column");
    assertThat(outcomes.get("cycle15.tif").message()).contains("cycle15.tif").contains("cycle through column");
    assertThat(result.outcomes()).allMatch(o -> o.status() == ItemStatus.FAILED);
  }

  @Test
  void weightsOnTheGridMultiplyTheCountsAndWeightsOnAnotherGridFailTheFile() throws IOException {
    Path in = copy("rhine_elv0.tif", "dem");
    Path counted = dir.resolve("counted");
    ok(run(in, counted, options().withTileSize(352).withProducts(EnumSet.of(HydrologyProduct.ACCUMULATION))));
    double[] counts = readDoubles(counted.resolve("rhine_elv0_accumulation.tif").toFile());
    RasterInfo dem;
    try (RasterFile file = RasterFile.open(in.resolve("rhine_elv0.tif").toFile())) {
      dem = file.info();
    }
    Path weights = dir.resolve("weights.tif");
    TestGeoTiffs.write(weights.toFile(), Layout.float32(dem.width(), dem.height())
        .crs(4326, dem.geoTransform().originX(), dem.geoTransform().originY(), dem.geoTransform().pixelWidth()),
        (b, c, r) -> 2);
    Path weighted = dir.resolve("weighted");
    ok(run(in, weighted, options().withTileSize(352).withProducts(EnumSet.of(HydrologyProduct.ACCUMULATION))
        .withWeights(input(weights))));
    double[] sums = readDoubles(weighted.resolve("rhine_elv0_accumulation.tif").toFile());
    for (int i = 0; i < counts.length; i++) {
      assertThat(sums[i]).isEqualTo(counts[i] < 0 ? counts[i] : 2 * counts[i]);
    }
    Path elsewhere = dir.resolve("elsewhere.tif");
    TestGeoTiffs.write(elsewhere.toFile(), Layout.float32(dem.width(), dem.height()), (b, c, r) -> 2);
    ItemOutcome<HydrologySummary> failed = single(run(in, dir.resolve("bad-weights"), options().withTileSize(352)
        .withWeights(input(elsewhere))));
    assertThat(failed.status()).isEqualTo(ItemStatus.FAILED);
    assertThat(failed.message()).contains("rhine_elv0.tif").contains("elsewhere.tif").contains("another grid");
  }

  @Test
  void badDemsFailOneByOneAndTheOthersAreWritten() throws IOException {
    Path in = copy("rhine_elv0.tif", "mixed");
    Files.copy(SAMPLES.resolve("DEM.tif"), in.resolve("nocrs.tif"));
    TestGeoTiffs.write(in.resolve("rgb.tif").toFile(), Layout.float32(40, 30).bands(3), (b, c, r) -> c + r);
    TestGeoTiffs.write(in.resolve("empty.tif").toFile(), Layout.float32(40, 30).nodata(-9999.0),
        (b, c, r) -> -9999);
    byte[] whole = Files.readAllBytes(SAMPLES.resolve("rhine_elv0.tif"));
    Files.write(in.resolve("truncated.tif"), java.util.Arrays.copyOf(whole, whole.length / 2));
    // A closed bowl with no nodata: the edge is its only outlet, it still ends with every product.
    TestGeoTiffs.write(in.resolve("bowl.tif").toFile(), Layout.float32(750, 40),
        (b, c, r) -> 100 - Math.min(Math.min(c, 749 - c), Math.min(r, 39 - r)));
    Map<String, ItemOutcome<HydrologySummary>> outcomes = byId(run(in, dir.resolve("out"),
        options().withTileSize(352)));
    assertThat(outcomes.get("rhine_elv0.tif").status()).isEqualTo(ItemStatus.OK);
    assertThat(outcomes.get("bowl.tif").status()).isEqualTo(ItemStatus.OK);
    assertThat(outcomes.get("nocrs.tif").message()).contains("nocrs.tif: has no CRS");
    assertThat(outcomes.get("rgb.tif").message()).contains("rgb.tif: has 3 bands");
    assertThat(outcomes.get("empty.tif").message()).contains("empty.tif: every cell is nodata");
    assertThat(outcomes.get("truncated.tif").message()).contains("truncated.tif");
    assertThat(outcomes.values().stream().filter(o -> o.status() == ItemStatus.FAILED)).hasSize(4);
    float[] filledBowl = readFloats(dir.resolve("out/bowl_filled.tif").toFile());
    assertThat(filledBowl).containsOnly(100f); // filled up to its rim, which is its lowest outlet

    // A DEM without CRS runs with one assumed.
    Path assumed = dir.resolve("assumed");
    Path only = Files.createDirectories(dir.resolve("nocrs"));
    Files.copy(SAMPLES.resolve("DEM.tif"), only.resolve("DEM.tif"));
    ok(run(only, assumed, options().withTileSize(128)
        .withRead(new RasterReadOptions(0, LayerCrs.parse("EPSG:32610")))));
    Expected.of(only.resolve("DEM.tif").toFile(), false, LayerCrs.parse("EPSG:32610")).check(assumed.resolve("DEM"),
        128);
  }

  // --- helpers ---

  private static HydrologyOptions options() {
    return HydrologyOptions.defaults().withWrite(BLOCKS_OF_16);
  }

  private BatchResult<HydrologySummary> run(Path in, Path out, HydrologyOptions options) {
    List<InputFile> inputs = io.geomill.raster.RasterJob.rasters(Inputs.resolve(List.of(in.toString()),
        new Configuration()));
    return Hydrology.batch(inputs, options).outputTo(out.toString()).run(SPARK);
  }

  private static InputFile input(Path file) {
    return Inputs.resolve(List.of(file.toString()), new Configuration()).get(0);
  }

  private static ItemOutcome<HydrologySummary> ok(BatchResult<HydrologySummary> result) {
    ItemOutcome<HydrologySummary> outcome = single(result);
    assertThat(outcome.status()).as(outcome.message()).isEqualTo(ItemStatus.OK);
    return outcome;
  }

  private static ItemOutcome<HydrologySummary> single(BatchResult<HydrologySummary> result) {
    assertThat(result.outcomes()).hasSize(1);
    return result.outcomes().get(0);
  }

  private static Map<String, ItemOutcome<HydrologySummary>> byId(BatchResult<HydrologySummary> result) {
    Map<String, ItemOutcome<HydrologySummary>> out = new TreeMap<>();
    result.outcomes().forEach(o -> out.put(o.itemId(), o));
    return out;
  }

  private Path copy(String sample, String folder) throws IOException {
    Path in = Files.createDirectories(dir.resolve(folder));
    Files.copy(SAMPLES.resolve(sample), in.resolve(sample));
    return in;
  }

  /** The three outputs' bytes. */
  private static byte[][] files(Path stem) throws IOException {
    byte[][] out = new byte[3][];
    int i = 0;
    for (HydrologyProduct product : HydrologyProduct.values()) {
      out[i++] = Files.readAllBytes(Path.of(stem + "_" + product.label + ".tif"));
    }
    return out;
  }

  /** What the kernels give on the whole raster, in memory, untiled and with TiledDriver. */
  private record Expected(float[] filled, int[] codes, double[] accumulation, InMemoryRaster dem,
      CellGeometry geometry, boolean epsilon) {

    static Expected of(File file, boolean epsilon) throws IOException {
      return of(file, epsilon, null);
    }

    static Expected of(File file, boolean epsilon, LayerCrs assumed) throws IOException {
      try (RasterFile raster = RasterFile.open(file)) {
        RasterInfo info = raster.require(new RasterReadOptions(0, assumed));
        int w = info.width();
        int h = info.height();
        float[] dem = raster.read(1, 0, 0, w, h, 0).values();
        CellGeometry geometry = HydrologyTask.geometry(info);
        float[] filled = PriorityFlood.fill(dem, w, h, epsilon ? PriorityFlood.Mode.EPSILON : PriorityFlood.Mode.EXACT);
        byte[] directions = FlowDirectionTile.wholeRaster(filled, w, h, geometry);
        double[] accumulation = FlowAccumulation.accumulate(directions, w, h, null);
        return new Expected(filled, FlowCodes.ESRI.encode(directions, 255), accumulation,
            new InMemoryRaster(dem, w, h), geometry, epsilon);
      }
    }

    /** The outputs under {@code stem} hold exactly these values, and so does TiledDriver with these tiles. */
    void check(Path stem, int tileSize) throws IOException {
      int w = dem.width();
      int h = dem.height();
      TiledDriver driver = new TiledDriver(new TileGrid(w, h, tileSize, tileSize));
      float[] tiledFill = driver.fill(dem, epsilon ? PriorityFlood.Mode.EPSILON : PriorityFlood.Mode.EXACT);
      assertThat(tiledFill).isEqualTo(filled);
      byte[] tiledDirections = driver.flowDirections(new InMemoryRaster(filled, w, h), geometry);
      assertThat(FlowCodes.ESRI.encode(tiledDirections, 255)).isEqualTo(codes);
      assertThat(driver.accumulation(tiledDirections, null)).isEqualTo(accumulation);

      float[] filledOut = readFloats(new File(stem + "_filled.tif"));
      float[] codesOut = readFloats(new File(stem + "_flowdir.tif"));
      double[] accumulationOut = readDoubles(new File(stem + "_accumulation.tif"));
      for (int i = 0; i < filled.length; i++) {
        boolean nodata = Float.isNaN(filled[i]);
        assertThat(Float.floatToRawIntBits(filledOut[i])).as("filled cell %d", i)
            .isEqualTo(Float.floatToRawIntBits(nodata ? -9999f : filled[i]));
        assertThat((int) codesOut[i]).as("flowdir cell %d", i).isEqualTo(codes[i]);
        assertThat(accumulationOut[i]).as("accumulation cell %d", i)
            .isEqualTo(nodata ? -9999 : accumulation[i]);
      }
    }
  }

  /** Band 1 as floats, as stored (no nodata conversion), read by GeoTools. */
  static float[] readFloats(File file) throws IOException {
    Raster data = read(file);
    return data.getSamples(data.getMinX(), data.getMinY(), data.getWidth(), data.getHeight(), 0,
        new float[data.getWidth() * data.getHeight()]);
  }

  static double[] readDoubles(File file) throws IOException {
    Raster data = read(file);
    return data.getSamples(data.getMinX(), data.getMinY(), data.getWidth(), data.getHeight(), 0,
        new double[data.getWidth() * data.getHeight()]);
  }

  private static Raster read(File file) throws IOException {
    GeoTiffReader reader = new GeoTiffReader(file);
    try {
      GridCoverage2D coverage = reader.read(null);
      Raster data = coverage.getRenderedImage().getData();
      coverage.dispose(true);
      return data;
    } finally {
      reader.dispose();
    }
  }
}
