package io.geomill.raster;

import static io.geomill.raster.RasterFileTest.assertGeoTransform;
import static io.geomill.raster.RasterSamples.same;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geomill.testing.ExternalTools;
import io.geomill.vector.LayerCrs;
import java.awt.geom.AffineTransform;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.geotools.api.metadata.spatial.PixelOrientation;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.gce.geotiff.GeoTiffReader;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GeoTIFFs written by GeoMill's assembler, read back by GeoTools and by GDAL (gdalinfo -json for the structure,
 * gdal_translate to raw ENVI for every cell's bits).
 */
class GeoTiffWriteTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int WIDTH = 300;
  private static final int HEIGHT = 170;
  /** UTM 32N, 30 m cells. */
  private static final GeoTransform UTM_GRID = new GeoTransform(400_000, 30, 0, 5_600_000, 0, -30);

  @TempDir
  Path dir;

  @Test
  void float32WithDeflateAndTheFloatingPointPredictorIsReadByGeoToolsAndGdalCellForCell() throws Exception {
    float[] cells = floatPattern();
    GeoTiffSpec spec = new GeoTiffSpec(RasterDataType.FLOAT32, -9999, UTM_GRID, LayerCrs.parse("EPSG:32632"),
        GeoTiffOptions.DEFAULTS.withBlockSize(64));
    File file = write("utm.tif", spec, cells, 128);

    float[] geotools = readWithGeoTools(file, 32632, UTM_GRID);
    for (int i = 0; i < cells.length; i++) {
      assertThat(same(geotools[i], cells[i])).as("cell %d", i).isTrue();
    }
    JsonNode info = gdalinfo(file);
    assertThat(info.at("/size").toString()).isEqualTo("[300,170]");
    assertThat(info.at("/coordinateSystem/wkt").asText()).endsWith("ID[\"EPSG\",32632]]");
    assertThat(info.at("/geoTransform").toString()).isEqualTo("[400000.0,30.0,0.0,5600000.0,0.0,-30.0]");
    JsonNode band = info.at("/bands/0");
    assertThat(band.at("/type").asText()).isEqualTo("Float32");
    assertThat(band.at("/block").toString()).isEqualTo("[64,64]");
    assertThat(band.at("/noDataValue").asDouble()).isEqualTo(-9999.0);
    assertThat(info.at("/metadata/IMAGE_STRUCTURE/COMPRESSION").asText()).isEqualTo("DEFLATE");
    assertThat(info.at("/metadata/IMAGE_STRUCTURE/PREDICTOR").asText()).isEqualTo("3");
    assertThat(info.at("/metadata//AREA_OR_POINT").asText()).isEqualTo("Area");
    float[] gdal = gdalCells(file, 4);
    for (int i = 0; i < cells.length; i++) {
      assertThat(Float.floatToRawIntBits(gdal[i])).as("cell %d bits", i).isEqualTo(Float.floatToRawIntBits(cells[i]));
    }
    String stats = ExternalTools.run("gdalinfo", "-stats", file.getPath());
    assertThat(stats).contains("STATISTICS_VALID_PERCENT=" + validPercent(cells));
  }

  @Test
  void byteWithTheHorizontalPredictorInAGeographicCrsIsReadByGeoToolsAndGdal() throws Exception {
    byte[] cells = new byte[WIDTH * HEIGHT];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = (byte) (i % 7 == 0 ? 0 : (i * 37 / 11) % 255 + 1);
    }
    GeoTransform degrees = new GeoTransform(3.5, 1 / 120.0, 0, 52.0, 0, -1 / 120.0);
    GeoTiffSpec spec = new GeoTiffSpec(RasterDataType.BYTE, 0, degrees, LayerCrs.parse("EPSG:4326"),
        GeoTiffOptions.DEFAULTS.withBlockSize(32));
    File file = write("geographic.tif", spec, cells, 96);

    float[] geotools = readWithGeoTools(file, 4326, degrees);
    for (int i = 0; i < cells.length; i++) {
      assertThat(geotools[i]).as("cell %d", i).isEqualTo(cells[i] & 0xff);
    }
    JsonNode info = gdalinfo(file);
    assertThat(info.at("/coordinateSystem/wkt").asText()).endsWith("ID[\"EPSG\",4326]]");
    assertThat(info.at("/bands/0/type").asText()).isEqualTo("Byte");
    assertThat(info.at("/bands/0/block").toString()).isEqualTo("[32,32]");
    assertThat(info.at("/bands/0/noDataValue").asDouble()).isZero();
    assertThat(info.at("/metadata/IMAGE_STRUCTURE/PREDICTOR").asText()).isEqualTo("2");
    for (int i = 0; i < 6; i++) { // gdalinfo -json prints 16 significant digits
      assertThat(info.at("/geoTransform/" + i).asDouble()).isCloseTo(degrees.toArray()[i], within(1e-15));
    }
    byte[] gdal = Files.readAllBytes(gdalRaw(file));
    assertThat(gdal).isEqualTo(cells);

    File undeclared = write("undeclared.tif", new GeoTiffSpec(RasterDataType.BYTE, 0, degrees,
        LayerCrs.parse("EPSG:4326"), GeoTiffOptions.DEFAULTS.withBlockSize(32), false), cells, 96);
    assertThat(gdalinfo(undeclared).at("/bands/0/noDataValue").isMissingNode()).isTrue();
    try (RasterFile raster = RasterFile.open(undeclared)) {
      assertThat(raster.info().nodata()).isNull();
      assertThat(raster.read(1, 0, 0, 1, 1, 0).values()[0]).as("0 is a value then").isZero();
    }
  }

  @Test
  void uncompressedBigTiffWithACrsThatHasNoEpsgCode() throws Exception {
    // A Lambert conformal conic of made-up parameters: GeoTools writes it as user-defined GeoTIFF keys.
    CoordinateReferenceSystem custom = CRS.parseWKT("PROJCS[\"made-up LCC\", GEOGCS[\"WGS 84\", DATUM[\"WGS_1984\","
        + " SPHEROID[\"WGS 84\", 6378137.0, 298.257223563]], PRIMEM[\"Greenwich\", 0.0], UNIT[\"degree\","
        + " 0.017453292519943295]], PROJECTION[\"Lambert_Conformal_Conic_2SP\"], PARAMETER[\"central_meridian\","
        + " 11.5], PARAMETER[\"latitude_of_origin\", 47.0], PARAMETER[\"standard_parallel_1\", 45.5],"
        + " PARAMETER[\"standard_parallel_2\", 49.5], PARAMETER[\"false_easting\", 1000000.0],"
        + " PARAMETER[\"false_northing\", 2000000.0], UNIT[\"m\", 1.0]]");
    LayerCrs crs = RasterCrs.of(custom);
    assertThat(crs.epsg()).as("no EPSG code declared, and projected CRSs are not searched for one").isNull();
    float[] cells = floatPattern();
    GeoTiffSpec spec = new GeoTiffSpec(RasterDataType.FLOAT32, -3.4028234663852886E38, UTM_GRID, crs,
        GeoTiffOptions.DEFAULTS.withDeflateLevel(0).withBigTiff(true));
    File file = write("big.tif", spec, cells, 256);

    byte[] head = new byte[4];
    try (var in = Files.newInputStream(file.toPath())) {
      assertThat(in.read(head)).isEqualTo(4);
    }
    assertThat(head).containsExactly('I', 'I', 43, 0);
    try (RasterFile raster = RasterFile.open(file)) {
      assertThat(raster.info().crs().epsg()).isNull();
      // The keys rebuild a CRS of other names but the same projection: points map onto themselves.
      MathTransform toReadBack = CRS.findMathTransform(custom, raster.info().crs().toGeoTools(), true);
      double[] points = {1_000_000, 2_000_000, 1_300_000, 2_250_000, 800_000, 1_900_000};
      double[] mapped = new double[points.length];
      toReadBack.transform(points, 0, mapped, 0, points.length / 2);
      assertThat(mapped).containsExactly(points, within(1e-3));
      assertThat(raster.info().nodata()).isEqualTo(-3.4028234663852886E38);
      HaloTile all = raster.read(1, 0, 0, WIDTH, HEIGHT, 0);
      for (int i = 0; i < cells.length; i++) {
        assertThat(same(all.values()[i], cells[i])).isTrue();
      }
    }
    JsonNode info = gdalinfo(file);
    String wkt = info.at("/coordinateSystem/wkt").asText();
    assertThat(wkt).contains("Lambert Conic Conformal (2SP)", "11.5", "45.5", "49.5", "1000000", "2000000");
    assertThat(info.at("/metadata/IMAGE_STRUCTURE/COMPRESSION").isMissingNode()).isTrue();
    assertThat(info.at("/bands/0/block").toString()).isEqualTo("[256,256]");
    float[] gdal = gdalCells(file, 4);
    for (int i = 0; i < cells.length; i++) {
      assertThat(Float.floatToRawIntBits(gdal[i])).isEqualTo(Float.floatToRawIntBits(cells[i]));
    }
  }

  /** A smooth surface with nodata cells, so the predictor has something to do. */
  private static float[] floatPattern() {
    float[] cells = new float[WIDTH * HEIGHT];
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        cells[y * WIDTH + x] = (x - 40) * (x - 40) + (y - 20) * (y - 20) < 400 ? -9999f
            : (float) (500 + 100 * Math.sin(x / 17.0) * Math.cos(y / 23.0) + x * 0.01);
      }
    }
    return cells;
  }

  private static String validPercent(float[] cells) {
    long valid = 0;
    for (float v : cells) {
      valid += v == -9999f ? 0 : 1;
    }
    return String.format(java.util.Locale.ROOT, "%.2f", valid * 100.0 / cells.length);
  }

  /** Cuts the raster into tiles of {@code tileSize}, encodes each as a task would, assembles the file. */
  private File write(String name, GeoTiffSpec spec, Object cells, int tileSize) throws IOException {
    RasterTiling tiling = RasterTiling.of(WIDTH, HEIGHT, tileSize, spec.options().blockSize());
    byte[][] encoded = new byte[tiling.tileCount()][];
    int[][] sizes = new int[tiling.tileCount()][];
    try (BlockEncoder encoder = new BlockEncoder(spec.type(), spec.options(), spec.nodata())) {
      for (int t = 0; t < tiling.tileCount(); t++) {
        RasterTiling.Tile tile = tiling.tile(t);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sizes[t] = encoder.encode(crop(cells, tile), tiling, tile, out);
        encoded[t] = out.toByteArray();
      }
    }
    File file = dir.resolve(name).toFile();
    long written;
    try (OutputStream out = new FileOutputStream(file)) {
      written = GeoTiffAssembler.write(out, tiling, spec, sizes, t -> new ByteArrayInputStream(encoded[t]));
    }
    assertThat(file.length()).isEqualTo(written);
    return file;
  }

  private static Object crop(Object cells, RasterTiling.Tile tile) {
    Object part = cells instanceof float[] ? new float[(int) tile.cells()] : new byte[(int) tile.cells()];
    for (int y = 0; y < tile.height(); y++) {
      System.arraycopy(cells, (tile.row0() + y) * WIDTH + tile.col0(), part, y * tile.width(), tile.width());
    }
    return part;
  }

  /** The cells as GeoTools' GeoTiffReader decodes them, after checking its CRS and grid. */
  private static float[] readWithGeoTools(File file, int epsg, GeoTransform grid) throws Exception {
    GeoTiffReader reader = new GeoTiffReader(file);
    try {
      GridCoverage2D coverage = reader.read(null);
      assertThat(CRS.lookupEpsgCode(coverage.getCoordinateReferenceSystem(), false)).isEqualTo(epsg);
      AffineTransform corner = (AffineTransform) coverage.getGridGeometry().getGridToCRS2D(PixelOrientation.UPPER_LEFT);
      assertGeoTransform(GeoTransform.ofCornerTransform(corner), grid.originX(), grid.pixelWidth(), grid.originY(),
          grid.pixelHeight());
      Raster data = coverage.getRenderedImage().getData();
      float[] cells = new float[WIDTH * HEIGHT];
      data.getSamples(0, 0, WIDTH, HEIGHT, 0, cells);
      coverage.dispose(true);
      return cells;
    } finally {
      reader.dispose();
    }
  }

  private static JsonNode gdalinfo(File file) throws Exception {
    return JSON.readTree(ExternalTools.run("gdalinfo", "-json", file.getPath()));
  }

  /** Every cell as GDAL decodes it: gdal_translate to ENVI, a raw little-endian dump. */
  private Path gdalRaw(File file) throws Exception {
    Path raw = dir.resolve(file.getName() + ".raw");
    ExternalTools.run("gdal_translate", "-q", "-of", "ENVI", "-co", "INTERLEAVE=BSQ", file.getPath(),
        raw.toString());
    return raw;
  }

  private float[] gdalCells(File file, int bytesPerCell) throws Exception {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(gdalRaw(file))).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(bytes.remaining()).isEqualTo(WIDTH * HEIGHT * bytesPerCell);
    float[] cells = new float[WIDTH * HEIGHT];
    bytes.asFloatBuffer().get(cells);
    return cells;
  }
}
