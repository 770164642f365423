package io.geomill.inventory;

import static io.geomill.inventory.Samples.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a dataset can be unusable fails with a message that starts with the file's path and says why: the
 * broken files of data-samples/broken (see its README for how each was made) and more made here.
 */
class DescribeErrorsTest {
  private static final Path BROKEN = Samples.ROOT.resolve("broken");

  @Test
  void zeroByteFile() {
    assertThat(failure(BROKEN, "empty.tif")).isEqualTo("empty.tif: empty file (0 bytes)");
  }

  @Test
  void geoTiffCutInHalf() {
    assertThat(failure(BROKEN, "truncated_rhine_d8.tif")).isEqualTo("truncated_rhine_d8.tif: truncated or corrupt"
        + " TIFF: the image data of image directory 1 runs to byte 154167 but the file has only 77083 bytes");
  }

  @Test
  void geoTiffCutBeforeItsImageDirectory(@TempDir Path dir) throws Exception {
    // DEM.tif keeps its image directory at the end of the file, at byte 178232.
    byte[] dem = Files.readAllBytes(Samples.ROOT.resolve("rasters/DEM.tif"));
    Samples.write(dir, "half_dem.tif", Arrays.copyOf(dem, dem.length / 2));

    assertThat(failure(dir, "half_dem.tif")).isEqualTo("half_dem.tif: truncated or corrupt TIFF: image directory 1"
        + " should start at byte 178232 but the file has only 90090 bytes");
  }

  @Test
  void geoTiffWithGarbledPixels(@TempDir Path dir) throws Exception {
    byte[] tif = Files.readAllBytes(Samples.ROOT.resolve("rasters/rhine_elv0.tif"));
    for (int i = 300_000; i < 400_000; i++) {
      tif[i] = (byte) (i * 7919);
    }
    Samples.write(dir, "garbled.tif", tif);

    assertThat(failure(dir, "garbled.tif"))
        .startsWith("garbled.tif: cannot read the pixels, the file is truncated or corrupt: ");
  }

  @Test
  void asciiGridCutShort(@TempDir Path dir) throws Exception {
    List<String> lines = Files.readAllLines(Samples.ROOT.resolve("rasters/west_bijou_escarpment_snippet.asc"));
    Files.write(dir.resolve("cut.asc"), lines.subList(0, 30));

    assertThat(failure(dir, "cut.asc")).startsWith("cut.asc: cannot read the pixels, the file is truncated or"
        + " corrupt: ");
  }

  @Test
  void asciiGridWithoutHeader(@TempDir Path dir) throws Exception {
    Samples.write(dir, "codes.asc", "1 2 4\n8 16 32\n");

    assertThat(failure(dir, "codes.asc")).isEqualTo("codes.asc: named .asc but the content is plain text, not an"
        + " Esri ASCII grid");
  }

  @Test
  void geoPackageCutShort(@TempDir Path dir) throws Exception {
    byte[] gpkg = Files.readAllBytes(Samples.ROOT.resolve("vectors/nyc_area_landmarks.gpkg"));
    Samples.write(dir, "cut.gpkg", Arrays.copyOf(gpkg, gpkg.length / 2));

    assertThat(failure(dir, "cut.gpkg")).startsWith("cut.gpkg: corrupt GeoPackage: ").contains("malformed");
  }

  @Test
  void textNamedAsGeoTiff() {
    assertThat(failure(BROKEN, "notes_named_as.tif"))
        .isEqualTo("notes_named_as.tif: named .tif but the content is plain text, not a TIFF image");
  }

  @Test
  void pngNamedAsGeoTiff() {
    assertThat(failure(BROKEN, "png_named_as.tif"))
        .isEqualTo("png_named_as.tif: named .tif but the content is a PNG image, not a TIFF image");
  }

  @Test
  void shapefileWithoutItsDbf() {
    assertThat(failure(BROKEN, "pois_without_dbf.shp"))
        .isEqualTo("pois_without_dbf.shp: shapefile sidecar missing: pois_without_dbf.dbf");
  }

  @Test
  void shapefileWithoutItsShxOrDbf(@TempDir Path dir) throws Exception {
    Files.copy(Samples.RESOURCES.resolve("shapes.shp"), dir.resolve("roads.shp"));

    assertThat(failure(dir, "roads.shp")).isEqualTo("roads.shp: shapefile sidecars missing: roads.shx, roads.dbf");
  }

  @Test
  void orphanDbf() {
    assertThat(failure(BROKEN, "orphan.dbf")).isEqualTo("orphan.dbf: orphan sidecar: there is no orphan.shp beside it");
  }

  @Test
  void orphanPrjAndAuxXmlNameTheirPossiblePrimaries(@TempDir Path dir) throws Exception {
    Samples.write(dir, "dem.prj", "GEOGCS[]");
    Samples.write(dir, "dem.tif.aux.xml", "<PAMDataset/>");

    assertThat(failure(dir, "dem.prj")).isEqualTo("dem.prj: orphan sidecar: there is no dem.tif or dem.tiff or"
        + " dem.asc or dem.shp or dem.csv or dem.tsv beside it");
    assertThat(failure(dir, "dem.tif.aux.xml"))
        .isEqualTo("dem.tif.aux.xml: orphan sidecar: there is no dem.tif beside it");
  }

  @Test
  void shapefileWhoseHeaderLengthDisagreesWithItsSize() {
    assertThat(failure(BROKEN, "pois_truncated.shp")).isEqualTo("pois_truncated.shp: truncated shapefile: the header"
        + " of pois_truncated.shp says 380 bytes but the file has 250");
  }

  @Test
  void shapefileWithTrailingGarbage(@TempDir Path dir) throws Exception {
    copyShapes(dir, "shapes");
    Files.write(dir.resolve("shapes.shp"), new byte[] {1, 2, 3, 4}, java.nio.file.StandardOpenOption.APPEND);

    assertThat(failure(dir, "shapes.shp"))
        .isEqualTo("shapes.shp: corrupt shapefile: the header of shapes.shp says 688 bytes but the file has 692");
  }

  @Test
  void shapefileWithTruncatedIndex(@TempDir Path dir) throws Exception {
    copyShapes(dir, "shapes");
    truncate(dir.resolve("shapes.shx"), 120);

    assertThat(failure(dir, "shapes.shp"))
        .isEqualTo("shapes.shp: truncated shapefile: the header of shapes.shx says 132 bytes but the file has 120");
  }

  @Test
  void shapefileWithTruncatedTable(@TempDir Path dir) throws Exception {
    copyShapes(dir, "shapes");
    truncate(dir.resolve("shapes.dbf"), 500);

    assertThat(failure(dir, "shapes.shp")).isEqualTo("shapes.shp: truncated dBASE table: the header of shapes.dbf"
        + " says 4 records of 161 bytes (741 bytes) but the file has 500");
  }

  @Test
  void geoJsonCutShort(@TempDir Path dir) throws Exception {
    byte[] geojson = Files.readAllBytes(Samples.ROOT.resolve("vectors/nyc_area_landmarks.geojson"));
    Samples.write(dir, "cut.geojson", Arrays.copyOf(geojson, 5000));

    assertThat(failure(dir, "cut.geojson")).startsWith("cut.geojson: corrupt GeoJSON: Unexpected end-of-input")
        .contains("(line ");
  }

  @Test
  void jsonNamedAsGeoJson(@TempDir Path dir) throws Exception {
    Samples.write(dir, "package.geojson", "{\"name\": \"not a map\", \"version\": 2}");

    assertThat(failure(dir, "package.geojson")).isEqualTo("package.geojson: named .geojson but the content is JSON"
        + " text that is not GeoJSON (no GeoJSON \"type\" member)");
  }

  @Test
  void sqliteDatabaseNamedAsGeoPackage(@TempDir Path dir) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("plain.gpkg"));
        Statement statement = db.createStatement()) {
      statement.execute("CREATE TABLE t (a INTEGER)");
    }

    assertThat(failure(dir, "plain.gpkg")).isEqualTo("plain.gpkg: named .gpkg but the content is an SQLite database"
        + " without GeoPackage tables (no gpkg_contents)");
  }

  @Test
  void unsupportedGeodataFormat(@TempDir Path dir) throws Exception {
    Samples.write(dir, "climate.nc", new byte[] {'C', 'D', 'F', 1, 0, 0, 0, 0});

    assertThat(failure(dir, "climate.nc")).isEqualTo("climate.nc: unsupported format: NetCDF file");
  }

  @Test
  void unknownFormat(@TempDir Path dir) throws Exception {
    Samples.write(dir, "tool.bin", new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0});

    assertThat(failure(dir, "tool.bin")).isEqualTo("tool.bin: unknown format: not a raster or vector format GeoMill"
        + " reads (the content starts with bytes 7f 45 4c 46 02 01 01 00)");
  }

  @Test
  void geoTiffUnderAForeignExtension(@TempDir Path dir) throws Exception {
    Files.copy(Samples.ROOT.resolve("rasters/test1.tiff"), dir.resolve("scan.dat"));

    assertThat(failure(dir, "scan.dat")).isEqualTo("scan.dat: the content is a TIFF image but the name does not end"
        + " in .tif or .tiff: rename it to have it described as GeoTIFF");
  }

  @Test
  void pathInTheMessageIsTheRelativePath(@TempDir Path dir) throws Exception {
    Samples.write(dir, "deep/er/empty.asc", new byte[0]);

    assertThat(failure(dir, "deep/er/empty.asc")).isEqualTo("deep/er/empty.asc: empty file (0 bytes)");
  }

  private static void copyShapes(Path dir, String name) throws Exception {
    for (String extension : new String[] {".shp", ".shx", ".dbf", ".prj", ".cpg"}) {
      Files.copy(Samples.RESOURCES.resolve("shapes" + extension), dir.resolve(name + extension));
    }
  }

  private static void truncate(Path file, long length) throws Exception {
    try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
      out.setLength(length);
    }
  }
}
