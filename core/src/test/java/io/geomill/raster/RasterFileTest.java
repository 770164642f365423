package io.geomill.raster;

import static io.geomill.raster.RasterSamples.fullRead;
import static io.geomill.raster.RasterSamples.same;
import static io.geomill.raster.RasterSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.geomill.testing.ExternalTools;
import io.geomill.testing.TestGeoTiffs;
import io.geomill.testing.TestGeoTiffs.Layout;
import io.geomill.vector.LayerCrs;
import java.awt.image.DataBuffer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RasterFileTest {

  @Test
  void describesTheSamplesAsGdalDoes() throws IOException {
    // Expected values: gdalinfo 3.6.2 on each file (data-samples/README.md).
    try (RasterFile rhine = RasterFile.open(sample("rasters/rhine_elv0.tif"))) {
      RasterInfo info = rhine.info();
      assertThat(info.format()).isEqualTo(RasterFormat.GEOTIFF);
      assertThat(List.of(info.width(), info.height(), info.bandCount())).containsExactly(997, 682, 1);
      assertThat(info.dataType()).isEqualTo(RasterDataType.FLOAT32);
      assertThat(info.crs().epsg()).isEqualTo(4326);
      assertThat(info.geographic()).isTrue();
      assertThat(info.nodata()).isEqualTo(-9999.0);
      assertGeoTransform(info.geoTransform(), 3.566666666499714, 0.008333333333326, 52.008333333307078,
          -0.008333333333340);
      assertThat(List.of(info.blockWidth(), info.blockHeight())).containsExactly(997, 2);
    }
    try (RasterFile image = RasterFile.open(sample("rasters/test1.tiff"))) {
      RasterInfo info = image.info();
      assertThat(info.dataType()).isEqualTo(RasterDataType.BYTE);
      assertThat(info.crs().epsg()).isEqualTo(3857);
      assertThat(info.geographic()).isFalse();
      assertThat(info.nodata()).isNull();
      assertGeoTransform(info.geoTransform(), -13095817.809482181444764, 72.328612721326948,
          4021262.748792563565075, -72.328612721326948);
      assertThat(List.of(info.blockWidth(), info.blockHeight())).containsExactly(256, 256);
    }
    try (RasterFile grid = RasterFile.open(sample("rasters/west_bijou_escarpment_snippet.asc"))) {
      RasterInfo info = grid.info();
      assertThat(info.format()).isEqualTo(RasterFormat.ASCII_GRID);
      assertThat(List.of(info.width(), info.height())).containsExactly(129, 67);
      assertThat(info.crs().epsg()).as("the .prj's WGS 84").isEqualTo(4326);
      assertThat(info.nodata()).isEqualTo(-32768.0);
      assertGeoTransform(info.geoTransform(), -104.341805555546003, 0.000277777778, 39.524583333344999,
          -0.000277777778);
    }
  }

  @Test
  void aRasterWithoutCrsIsAnErrorUnlessOneIsAssumed() throws IOException {
    try (RasterFile dem = RasterFile.open(sample("rasters/DEM.tif"))) {
      assertThat(dem.info().crs()).as("GeoTools reads no CRS from its keys").isNull();
      assertThatThrownBy(() -> dem.require(RasterReadOptions.DEFAULTS))
          .isInstanceOf(RasterException.class)
          .hasMessageStartingWith("DEM.tif: has no CRS (GeoTools cannot read its CRS keys")
          .hasMessageEndingWith("give the CRS to assume for it");
      RasterInfo assumed = dem.require(new RasterReadOptions(0, LayerCrs.parse("EPSG:32617")));
      assertThat(assumed.crs().epsg()).isEqualTo(32617);
      assertThat(assumed.geographic()).isFalse();
      assertGeoTransform(assumed.geoTransform(), 664692.058977327193134, 89.983495661721150,
          4895827.599877157248557, -90.021537309324245);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"rasters/rhine_elv0.tif", "rasters/DEM.tif", "rasters/test1.tiff",
      "rasters/west_bijou_escarpment_snippet.asc"})
  void windowsWithHalosEqualTheSameCellsOfAWholeRead(String name) throws IOException {
    File file = sample(name);
    try (RasterFile raster = RasterFile.open(file)) {
      RasterInfo info = raster.info();
      float[][] whole = fullRead(file, 1, info.nodata());
      Random random = new Random(name.hashCode());
      List<int[]> windows = new ArrayList<>(List.of(
          new int[] {0, 0, info.width(), info.height(), 1},             // all of it, halo all outside
          new int[] {0, 0, 7, 5, 2},                                      // top-left corner
          new int[] {info.width() - 9, info.height() - 4, 9, 4, 3}));     // bottom-right corner
      for (int i = 0; i < 20; i++) {
        int w = 1 + random.nextInt(Math.min(300, info.width()));
        int h = 1 + random.nextInt(Math.min(300, info.height()));
        windows.add(new int[] {random.nextInt(info.width() - w + 1), random.nextInt(info.height() - h + 1), w, h,
            random.nextInt(4)});
      }
      for (int[] window : windows) {
        HaloTile tile = raster.read(1, window[0], window[1], window[2], window[3], window[4]);
        assertTileMatches(tile, whole);
      }
    }
  }

  /** Every sample type GeoMill reads, uncompressed and with each compression, in strips and in tiles. */
  @ParameterizedTest
  @ValueSource(ints = {DataBuffer.TYPE_BYTE, DataBuffer.TYPE_USHORT, DataBuffer.TYPE_SHORT, DataBuffer.TYPE_INT,
      DataBuffer.TYPE_FLOAT, DataBuffer.TYPE_DOUBLE})
  void everySampleTypeAndCompressionReadsBackExactly(int dataType, @TempDir Path dir) throws IOException {
    RasterDataType expectedType = RasterDataType.ofDataBuffer(dataType, "test");
    double nodata = dataType == DataBuffer.TYPE_BYTE || dataType == DataBuffer.TYPE_USHORT ? 0 : -9999;
    TestGeoTiffs.Cells cells = (band, x, y) -> (x * 7 + y * 3) % 50 == 0 ? nodata
        : switch (dataType) {
          case DataBuffer.TYPE_BYTE -> 1 + (x * 31 + y * 17) % 255;
          case DataBuffer.TYPE_USHORT -> 1 + (x * 331 + y * 977) % 65535;
          case DataBuffer.TYPE_SHORT -> (x * 331 + y * 977) % 60000 - 30000;
          case DataBuffer.TYPE_INT -> (x * 1_000_003L + y * 77_777L) % 16_000_000 - 8_000_000;
          case DataBuffer.TYPE_FLOAT -> (float) (Math.sin(x * 0.1) * 1000 + y * 0.25);
          default -> Math.cos(y * 0.07) * 1e6 + x / 3.0;
        };
    for (String compression : new String[] {null, "Deflate", "LZW", "PackBits"}) {
      for (int tileSize : new int[] {0, 64}) {
        Layout layout = Layout.float32(150, 90).type(dataType).compression(compression).tiles(tileSize)
            .nodata(nodata);
        File file = dir.resolve(expectedType + "-" + compression + "-" + tileSize + ".tif").toFile();
        TestGeoTiffs.write(file, layout, cells);
        try (RasterFile raster = RasterFile.open(file)) {
          assertThat(raster.info().dataType()).isEqualTo(expectedType);
          assertThat(raster.info().nodata()).isEqualTo(nodata);
          for (int[] w : new int[][] {{0, 0, 150, 90, 0}, {63, 30, 70, 40, 2}}) {
            HaloTile tile = raster.read(1, w[0], w[1], w[2], w[3], w[4]);
            for (int r = w[1] - w[4]; r < w[1] + w[3] + w[4]; r++) {
              for (int c = w[0] - w[4]; c < w[0] + w[2] + w[4]; c++) {
                double v = tile.insideRaster(c, r) ? cells.value(0, c, r) : Double.NaN;
                float expected = v == nodata ? Float.NaN : (float) v;
                assertThat(same(tile.at(c, r), expected))
                    .as("%s %s tiles %d at (%d, %d): %s, expected %s", expectedType, compression, tileSize, c, r,
                        tile.at(c, r), expected).isTrue();
              }
            }
          }
        }
      }
    }
  }

  /** GDAL's predictors (horizontal for integers, floating point for Float32), read back as GDAL reads them. */
  @Test
  void gdalPredictorsAreDecoded(@TempDir Path dir) throws Exception {
    File rhine = sample("rasters/rhine_elv0.tif");
    String floats = dir.resolve("p3.tif").toString();
    String ints = dir.resolve("p2.tif").toString();
    ExternalTools.run("gdal_translate", "-q", "-co", "TILED=YES", "-co", "BLOCKXSIZE=128", "-co", "BLOCKYSIZE=128",
        "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=3", rhine.getPath(), floats);
    ExternalTools.run("gdal_translate", "-q", "-ot", "Int16", "-co", "COMPRESS=LZW", "-co", "PREDICTOR=2",
        rhine.getPath(), ints);
    float[][] original = fullRead(rhine, 1, -9999.0);
    try (RasterFile p3 = RasterFile.open(new File(floats)); RasterFile p2 = RasterFile.open(new File(ints))) {
      assertThat(p2.info().dataType()).isEqualTo(RasterDataType.INT16);
      HaloTile f = p3.read(1, 100, 50, 700, 500, 1);
      HaloTile i = p2.read(1, 100, 50, 700, 500, 1);
      for (int r = 49; r < 551; r++) {
        for (int c = 99; c < 801; c++) {
          assertThat(same(f.at(c, r), original[r][c])).as("Float32 at (%d, %d)", c, r).isTrue();
          float v = original[r][c];
          float rounded = Float.isNaN(v) ? Float.NaN : (float) (Math.signum(v) * Math.floor(Math.abs(v) + 0.5));
          assertThat(same(i.at(c, r), rounded)).as("Int16 at (%d, %d): GDAL rounds %s to %s, read %s", c, r, v,
              rounded, i.at(c, r)).isTrue();
        }
      }
    }
  }

  @Test
  void aMultiBandImageIsRefusedWhereOneBandIsExpectedUnlessABandIsChosen(@TempDir Path dir) throws IOException {
    File rgb = dir.resolve("rgb.tif").toFile();
    TestGeoTiffs.write(rgb, Layout.float32(40, 30).type(DataBuffer.TYPE_BYTE).bands(3),
        (band, x, y) -> band * 100 + x + y);
    try (RasterFile raster = RasterFile.open(rgb)) {
      assertThat(raster.info().bandCount()).isEqualTo(3);
      assertThatThrownBy(() -> raster.require(RasterReadOptions.DEFAULTS))
          .isInstanceOf(RasterException.class)
          .hasMessage("rgb.tif: has 3 bands (an RGB or multi-band image?), but a single-band raster such as a DEM"
              + " is expected; choose one with the band option");
      assertThatThrownBy(() -> raster.require(new RasterReadOptions(4, null)))
          .hasMessage("rgb.tif: has no band 4, only 3");
      raster.require(new RasterReadOptions(2, null));
      assertThat(raster.read(2, 10, 5, 3, 3, 0).at(11, 6)).isEqualTo(117f);
    }
  }

  @Test
  void brokenFilesFailWithTheirNameAndTheReason(@TempDir Path dir) throws IOException {
    assertThatThrownBy(() -> RasterFile.open(sample("broken/truncated_rhine_d8.tif")))
        .isInstanceOf(RasterException.class)
        .hasMessage("truncated_rhine_d8.tif: truncated or corrupt TIFF: the image data of image directory 1 runs "
            + "to byte 154167 but the file has only 77083 bytes");
    assertThatThrownBy(() -> RasterFile.open(sample("broken/png_named_as.tif")))
        .hasMessage("png_named_as.tif: not a TIFF file: it does not start with a TIFF signature");
    assertThatThrownBy(() -> RasterFile.open(sample("broken/empty.tif")))
        .hasMessage("empty.tif: empty file (0 bytes)");
    assertThatThrownBy(() -> RasterFile.open(sample("rasters/../README.md")))
        .hasMessage("README.md: not a raster GeoMill reads (a .tif, .tiff or .asc file)");

    // Structure intact, compressed data damaged: found when the window that needs it is read.
    File damaged = dir.resolve("damaged.tif").toFile();
    TestGeoTiffs.write(damaged, Layout.float32(128, 128).compression("Deflate").tiles(64),
        (band, x, y) -> x * y);
    byte[] bytes = Files.readAllBytes(damaged.toPath());
    for (int i = 2000; i < 2400; i++) {
      bytes[i] = (byte) 0xA5;
    }
    Files.write(damaged.toPath(), bytes);
    try (RasterFile raster = RasterFile.open(damaged)) {
      assertThatThrownBy(() -> raster.read(1, 0, 0, 128, 128, 0))
          .isInstanceOf(RasterException.class)
          .hasMessageStartingWith("damaged.tif: cannot read columns 0-127, rows 0-127: the file is truncated or "
              + "corrupt");
    }
  }

  static void assertTileMatches(HaloTile tile, float[][] whole) {
    for (int r = tile.row0() - tile.halo(); r < tile.row0() + tile.height() + tile.halo(); r++) {
      for (int c = tile.col0() - tile.halo(); c < tile.col0() + tile.width() + tile.halo(); c++) {
        float expected = tile.insideRaster(c, r) ? whole[r][c] : Float.NaN;
        if (!same(tile.at(c, r), expected)) {
          throw new AssertionError("window " + tile.width() + "x" + tile.height() + " at (" + tile.col0() + ", "
              + tile.row0() + ") halo " + tile.halo() + ": cell (" + c + ", " + r + ") is " + tile.at(c, r)
              + ", the whole read has " + expected);
        }
      }
    }
  }

  static void assertGeoTransform(GeoTransform actual, double originX, double pixelWidth, double originY,
      double pixelHeight) {
    assertThat(actual.originX()).isCloseTo(originX, within(Math.abs(pixelWidth) * 1e-9));
    assertThat(actual.pixelWidth()).isCloseTo(pixelWidth, within(Math.abs(pixelWidth) * 1e-9));
    assertThat(actual.originY()).isCloseTo(originY, within(Math.abs(pixelHeight) * 1e-9));
    assertThat(actual.pixelHeight()).isCloseTo(pixelHeight, within(Math.abs(pixelHeight) * 1e-9));
    assertThat(actual.rotationX()).isZero();
    assertThat(actual.rotationY()).isZero();
  }
}
