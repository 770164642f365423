package io.geomill.raster;

import static io.geomill.raster.RasterSamples.fullRead;
import static io.geomill.raster.RasterSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.TestSpark;
import io.geomill.batch.BatchListener;
import io.geomill.batch.BatchProgress;
import io.geomill.batch.BatchResult;
import io.geomill.batch.BatchRun;
import io.geomill.batch.InputFile;
import io.geomill.batch.Inputs;
import io.geomill.batch.ItemOutcome;
import io.geomill.batch.ItemStatus;
import io.geomill.testing.TestGeoTiffs;
import io.geomill.testing.TestGeoTiffs.Layout;
import java.awt.image.DataBuffer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Raster jobs on a real Spark session: tiles as tasks, one GeoTIFF per input and product, per-file failures. */
class RasterJobTest {
  private static final SparkSession SPARK = TestSpark.session();
  private static final GeoTiffOptions BLOCKS_OF_64 = GeoTiffOptions.DEFAULTS.withBlockSize(64);

  /** 2 above 500, 1 at or below, 0 (nodata) where there is no value: a Byte product. */
  private static final RasterProduct ABOVE_500 = new RasterProduct("above500", 0, 0, (TileFunction.ToByte)
      (tile, raster) -> {
        byte[] out = new byte[tile.width() * tile.height()];
        for (int r = 0; r < tile.height(); r++) {
          for (int c = 0; c < tile.width(); c++) {
            float v = tile.at(tile.col0() + c, tile.row0() + r);
            out[r * tile.width() + c] = (byte) (Float.isNaN(v) ? 0 : v > 500 ? 2 : 1);
          }
        }
        return out;
      });

  @TempDir
  Path dir;

  /**
   * Compressed blocks are assembled from the tiles' part files, uncompressed ones written by the tiles in place
   * (the one-tile run is assembled either way): the same file for every tiling.
   */
  @ParameterizedTest(name = "deflate level {0}")
  @ValueSource(ints = {6, 0})
  void anyTilingWritesTheSameFileAsOneTileWithTheCellsOfAWholeRasterComputation(int deflateLevel)
      throws IOException {
    GeoTiffOptions write = BLOCKS_OF_64.withDeflateLevel(deflateLevel);
    Path in = copyInto("in", "rasters/rhine_elv0.tif");
    float[] reference = FocalSum.onWhole(fullRead(sample("rasters/rhine_elv0.tif"), 1, -9999.0));
    byte[] oneTile = null;
    // 1024 (rounded down to what the raster needs) is one tile; 192 and 320 divide neither 997 nor 682.
    Map<Integer, Integer> tilesBySize = new LinkedHashMap<>(Map.of(2048, 1));
    tilesBySize.putAll(Map.of(64, 16 * 11, 192, 6 * 4, 320, 4 * 3));
    for (Map.Entry<Integer, Integer> tiling : tilesBySize.entrySet()) {
      Path out = dir.resolve("out-" + tiling.getKey());
      BatchResult<RasterSummary> result = RasterJob.of(List.of(FocalSum.product())).withTileSize(tiling.getKey())
          .withWrite(write).batch("focal", inputs(in)).outputTo(out.toString()).run(SPARK);

      assertThat(result.outcomes()).extracting(ItemOutcome::status).containsExactly(ItemStatus.OK);
      RasterSummary summary = result.results().get(0);
      assertThat(summary.tiles()).isEqualTo(tiling.getValue());
      assertThat(summary.crs()).isEqualTo("EPSG:4326");
      byte[] bytes = Files.readAllBytes(out.resolve("rhine_elv0_sum3x3.tif"));
      if (oneTile == null) {
        oneTile = bytes;
        assertCells(out.resolve("rhine_elv0_sum3x3.tif").toFile(), reference);
        assertThat(summary.validCells()).isEqualTo(validCells(sample("rasters/rhine_elv0.tif")));
        if (deflateLevel == 0) {
          assertThat(bytes.length).as("uncompressed, 4 bytes a cell").isGreaterThan(4 * 997 * 682);
        }
      } else {
        assertThat(bytes).as("the file written in %d tiles", tiling.getValue()).isEqualTo(oneTile);
      }
    }
  }

  @Test
  void oneJobOverGoodAndBadRastersFailsEachBadFileByNameAndFinishesTheOthers() throws IOException {
    Path in = copyInto("in", "rasters/rhine_elv0.tif", "rasters/test1.tiff",
        "rasters/west_bijou_escarpment_snippet.asc", "rasters/west_bijou_escarpment_snippet.prj",
        "rasters/DEM.tif", "broken/truncated_rhine_d8.tif");
    TestGeoTiffs.write(in.resolve("rgb.tif").toFile(), Layout.float32(600, 400).type(DataBuffer.TYPE_BYTE).bands(3),
        (band, x, y) -> (band * 80 + x + y) % 256);
    TestGeoTiffs.write(in.resolve("nodata.tif").toFile(), Layout.float32(600, 600).nodata(-9999.0).tiles(256),
        (band, x, y) -> -9999);
    Files.writeString(in.resolve("notes.txt"), "not a raster: not an input of a raster job");
    RasterJob job = RasterJob.of(List.of(FocalSum.product(), ABOVE_500)).withTileSize(256).withWrite(BLOCKS_OF_64);
    List<InputFile> rasters = inputs(in);
    assertThat(rasters).extracting(InputFile::relativePath).containsExactly("DEM.tif", "nodata.tif",
        "rgb.tif", "rhine_elv0.tif", "test1.tiff", "truncated_rhine_d8.tif", "west_bijou_escarpment_snippet.asc");
    Path out = dir.resolve("out");

    BatchResult<RasterSummary> result = job.batch("focal", rasters).outputTo(out.toString()).run(SPARK);

    Map<String, ItemOutcome<RasterSummary>> byInput = new LinkedHashMap<>();
    result.outcomes().forEach(o -> byInput.put(o.itemId(), o));
    assertThat(byInput.get("rhine_elv0.tif").status()).isEqualTo(ItemStatus.OK);
    assertThat(byInput.get("rhine_elv0.tif").result().tiles()).isEqualTo(4 * 3);
    assertThat(byInput.get("test1.tiff").status()).isEqualTo(ItemStatus.OK);
    assertThat(byInput.get("west_bijou_escarpment_snippet.asc").status()).isEqualTo(ItemStatus.OK);
    assertThat(byInput.get("west_bijou_escarpment_snippet.asc").result().crs()).isEqualTo("EPSG:4326");
    assertThat(byInput.get("DEM.tif").message()).startsWith("DEM.tif: has no CRS");
    assertThat(byInput.get("truncated_rhine_d8.tif").message())
        .startsWith("truncated_rhine_d8.tif: truncated or corrupt TIFF: the image data of image directory 1");
    assertThat(byInput.get("rgb.tif").message()).matches("part \\d of 6: rgb\\.tif: has 3 bands \\(an RGB or "
        + "multi-band image\\?\\), but a single-band raster such as a DEM is expected; choose one with the band option");
    assertThat(byInput.get("nodata.tif").message())
        .isEqualTo("nodata.tif: every cell of band 1 is nodata (-9999.0): there is nothing to compute");
    assertThat(result.exitCode()).isEqualTo(1);

    try (var listing = Files.list(out)) {
      assertThat(listing.map(p -> p.getFileName().toString()).sorted()).containsExactly("_geomill",
          "geomill-report.json", "rhine_elv0_above500.tif", "rhine_elv0_sum3x3.tif", "test1_above500.tif",
          "test1_sum3x3.tif", "west_bijou_escarpment_snippet_above500.tif", "west_bijou_escarpment_snippet_sum3x3.tif");
    }
    assertThat(out.resolve("_geomill/tmp")).as("no staging or part files are left").doesNotExist();
    assertCells(out.resolve("west_bijou_escarpment_snippet_sum3x3.tif").toFile(),
        FocalSum.onWhole(fullRead(sample("rasters/west_bijou_escarpment_snippet.asc"), 1, -32768.0)));
    try (RasterFile classes = RasterFile.open(out.resolve("test1_above500.tif").toFile())) {
      assertThat(classes.info().dataType()).isEqualTo(RasterDataType.BYTE);
      assertThat(classes.info().nodata()).isZero();
      assertThat(classes.info().crs().epsg()).isEqualTo(3857);
    }

    BatchResult<RasterSummary> resumed = job.batch("focal", rasters).outputTo(out.toString()).run(SPARK);
    assertThat(resumed.outcomes()).extracting(ItemOutcome::status).containsExactly(ItemStatus.FAILED,
        ItemStatus.FAILED, ItemStatus.FAILED, ItemStatus.SKIPPED, ItemStatus.SKIPPED, ItemStatus.FAILED,
        ItemStatus.SKIPPED);
    RasterJob otherSettings = RasterJob.of(List.of(FocalSum.product(), new RasterProduct("above500", 0, 0,
        ABOVE_500.function(), "threshold changed"))).withTileSize(256).withWrite(BLOCKS_OF_64);
    BatchResult<RasterSummary> redone = otherSettings.batch("focal", rasters).outputTo(out.toString()).run(SPARK);
    assertThat(redone.count(ItemStatus.OK)).as("a product's parameters changed: outputs are redone").isEqualTo(3);
  }

  @Test
  void aFailingTileFailsItsRasterWithNoOutputWhileTheOtherRastersFinish() throws IOException {
    Path in = copyInto("in", "rasters/rhine_elv0.tif", "rasters/test1.tiff");
    TileFunction.ToFloat failsOnOneTile = (tile, raster) -> {
      if (raster.name().startsWith("rhine") && tile.col0() <= 500 && 500 < tile.col0() + tile.width()
          && tile.row0() <= 300 && 300 < tile.row0() + tile.height()) {
        throw new IllegalStateException("no value for you");
      }
      return FocalSum.ON_TILE.apply(tile, raster);
    };
    Path out = dir.resolve("out");
    BatchResult<RasterSummary> result = RasterJob.of(List.of(new RasterProduct("sum3x3", 1, -9999, failsOnOneTile)))
        .withTileSize(128).withWrite(BLOCKS_OF_64).batch("focal", inputs(in)).outputTo(out.toString()).run(SPARK);

    assertThat(result.outcomes()).extracting(ItemOutcome::status).containsExactly(ItemStatus.FAILED, ItemStatus.OK);
    assertThat(result.outcomes().get(0).message()).isEqualTo("part 20 of 48: rhine_elv0.tif: sum3x3 failed on tile"
        + " 19 (columns 384-511, rows 256-383): no value for you");
    assertThat(out.resolve("rhine_elv0_sum3x3.tif")).doesNotExist();
    assertThat(out.resolve("test1_sum3x3.tif")).isRegularFile();
    assertThat(out.resolve("_geomill/tmp")).doesNotExist();
  }

  @Test
  void cancellingMidwayLeavesNoOutputUnderAFinalName() throws Exception {
    Path in = copyInto("in", "rasters/rhine_elv0.tif");
    TileFunction.ToFloat slow = (tile, raster) -> {
      Thread.sleep(150);
      return FocalSum.ON_TILE.apply(tile, raster);
    };
    CountDownLatch firstTile = new CountDownLatch(1);
    BatchListener onTile = new BatchListener() {
      @Override
      public void partFinished(BatchProgress progress) {
        firstTile.countDown();
      }
    };
    Path out = dir.resolve("out");
    BatchRun<RasterSummary> run = RasterJob.of(List.of(new RasterProduct("sum3x3", 1, -9999, slow)))
        .withTileSize(64).withWrite(BLOCKS_OF_64).batch("focal", inputs(in)).outputTo(out.toString())
        .listener(onTile).start(SPARK);
    assertThat(firstTile.await(60, TimeUnit.SECONDS)).isTrue();
    run.cancel();
    BatchResult<RasterSummary> result = run.await(30, TimeUnit.SECONDS);

    assertThat(result).isNotNull();
    assertThat(result.exitCode()).isEqualTo(130);
    assertThat(result.outcomes()).extracting(ItemOutcome::status).containsExactly(ItemStatus.CANCELLED);
    assertThat(out.resolve("rhine_elv0_sum3x3.tif")).doesNotExist();
    assertThat(out.resolve("_geomill/tmp")).doesNotExist();
  }

  private Path copyInto(String folder, String... samples) throws IOException {
    Path target = Files.createDirectories(dir.resolve(folder));
    for (String name : samples) {
      Files.copy(sample(name).toPath(), target.resolve(sample(name).getName()));
    }
    return target;
  }

  private static List<InputFile> inputs(Path folder) {
    return RasterJob.rasters(Inputs.resolve(List.of(folder.toString()), new Configuration()));
  }

  private static void assertCells(File output, float[] expected) throws IOException {
    try (RasterFile written = RasterFile.open(output)) {
      RasterInfo info = written.info();
      assertThat(info.nodata()).isEqualTo(-9999.0);
      HaloTile all = written.read(1, 0, 0, info.width(), info.height(), 0);
      for (int i = 0; i < expected.length; i++) {
        float want = expected[i] == FocalSum.NODATA ? Float.NaN : expected[i];
        if (!RasterSamples.same(all.values()[i], want)) {
          throw new AssertionError(output.getName() + " cell " + i + " is " + all.values()[i] + ", expected " + want);
        }
      }
    }
  }

  private static long validCells(File raster) throws IOException {
    long valid = 0;
    for (float[] row : fullRead(raster, 1, -9999.0)) {
      for (float v : row) {
        valid += Float.isNaN(v) ? 0 : 1;
      }
    }
    return valid;
  }
}
