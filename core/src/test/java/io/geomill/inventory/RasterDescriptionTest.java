package io.geomill.inventory;

import static io.geomill.inventory.Samples.describe;
import static io.geomill.inventory.Samples.describeSample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import it.geosolutions.jaiext.range.NoDataContainer;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.media.jai.PlanarImage;
import javax.media.jai.RasterFactory;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridCoverageFactory;
import org.geotools.coverage.util.CoverageUtilities;
import org.geotools.gce.geotiff.GeoTiffWriter;
import org.geotools.geometry.jts.ReferencedEnvelope;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.WKTReader;

/**
 * Rasters of data-samples, with the values gdalinfo 3.6.2 reports for them ({@code gdalinfo -stats}), and
 * rasters generated here for the cases the samples do not cover.
 */
class RasterDescriptionTest {

  @Test
  void geoTiffInLonLatWithNodata() throws Exception {
    FileDescription d = describeSample("rasters/rhine_elv0.tif");

    assertThat(d.status()).isEqualTo("ok");
    assertThat(d.kind()).isEqualTo("raster");
    assertThat(d.format()).isEqualTo("GeoTIFF");
    assertThat(d.crs()).isEqualTo("EPSG:4326");
    assertThat(d.crsWkt()).startsWith("GEOGCS[\"WGS 84\"").doesNotContain("\n");
    assertThat(d.width()).isEqualTo(997);
    assertThat(d.height()).isEqualTo(682);
    assertThat(d.bandCount()).isEqualTo(1);
    assertThat(d.dataType()).isEqualTo("Float32");
    assertThat(d.nodata()).isEqualTo(-9999.0);
    assertThat(d.minValue()).isEqualTo(0.0);
    assertThat(d.maxValue()).isCloseTo(3532.1, within(1e-3));
    assertThat(d.pixelSizeX()).isCloseTo(0.008333333333326, within(1e-12));
    assertThat(d.pixelSizeY()).isCloseTo(0.008333333333340, within(1e-12));
    assertBounds(d, 3.5666667, 46.3250000, 11.8750000, 52.0083333, 1e-7);
    assertThat(envelopeOf(d.footprintWkt())).isEqualTo(new Envelope(d.minX(), d.maxX(), d.minY(), d.maxY()));
    assertThat(d.problems()).isNull();
    assertThat(d.sizeBytes()).isEqualTo(869446);
    assertThat(d.files()).isEqualTo("rhine_elv0.tif");
    assertThat(d.path()).isEqualTo("rasters/rhine_elv0.tif");
    assertThat(d.uri()).startsWith("file:/").endsWith("/data-samples/rasters/rhine_elv0.tif");
  }

  @Test
  void geoTiffWhoseCrsKeysAreNotGeographicNorProjected() throws Exception {
    // gdalinfo: ENGCRS["unnamed"], PixelIsPoint, corners (664692.059, 4878903.551) - (686018.147, 4895827.600)
    FileDescription d = describeSample("rasters/DEM.tif");

    assertThat(d.status()).isEqualTo("ok");
    assertThat(d.crs()).isNull();
    assertThat(d.footprintWkt()).isNull();
    assertThat(d.problemList())
        .contains("no CRS (the GeoTIFF keys define neither a geographic nor a projected CRS)");
    assertThat(d.width()).isEqualTo(237);
    assertThat(d.height()).isEqualTo(188);
    assertThat(d.dataType()).isEqualTo("Float32");
    assertThat(d.nodata()).isEqualTo(-32768.0);
    assertThat(d.minValue()).isCloseTo(212.229, within(1e-3));
    assertThat(d.maxValue()).isCloseTo(1233.097, within(1e-3));
    assertThat(d.pixelSizeX()).isCloseTo(89.983495661721150, within(1e-9));
    assertThat(d.pixelSizeY()).isCloseTo(90.021537309324245, within(1e-9));
    assertBounds(d, 664692.059, 4878903.551, 686018.147, 4895827.600, 1e-3);
  }

  @Test
  void projectedGeoTiffWithoutNodataGetsAReprojectedFootprint() throws Exception {
    FileDescription d = describeSample("rasters/test1.tiff");

    assertThat(d.crs()).isEqualTo("EPSG:3857");
    assertThat(d.dataType()).isEqualTo("Byte");
    assertThat(d.width()).isEqualTo(512);
    assertThat(d.height()).isEqualTo(517);
    assertThat(d.nodata()).isNull();
    assertThat(d.minValue()).isEqualTo(0.0);
    assertThat(d.maxValue()).isEqualTo(255.0);
    assertThat(d.problemList()).containsExactly("no nodata value set");
    assertBounds(d, -13095817.809, 3983868.856, -13058785.560, 4021262.749, 1e-3);
    // gdalinfo's corners in lon/lat: 117d38'30.24"W 33d39'52.95"N to 117d18'32.64"W 33d56'37.80"N
    Envelope footprint = envelopeOf(d.footprintWkt());
    assertThat(footprint.getMinX()).isCloseTo(-(117 + 38 / 60.0 + 30.24 / 3600), within(1e-5));
    assertThat(footprint.getMaxX()).isCloseTo(-(117 + 18 / 60.0 + 32.64 / 3600), within(1e-5));
    assertThat(footprint.getMinY()).isCloseTo(33 + 39 / 60.0 + 52.95 / 3600, within(1e-5));
    assertThat(footprint.getMaxY()).isCloseTo(33 + 56 / 60.0 + 37.80 / 3600, within(1e-5));
  }

  @Test
  void asciiGridTakesItsCrsFromThePrj() throws Exception {
    FileDescription d = describeSample("rasters/west_bijou_escarpment_snippet.asc");

    assertThat(d.format()).isEqualTo("Esri ASCII Grid");
    assertThat(d.files()).isEqualTo("west_bijou_escarpment_snippet.asc;west_bijou_escarpment_snippet.prj");
    assertThat(d.sizeBytes()).isEqualTo(43423 + 146);
    assertThat(d.crs()).isEqualTo("EPSG:4326");
    assertThat(d.width()).isEqualTo(129);
    assertThat(d.height()).isEqualTo(67);
    assertThat(d.dataType()).isEqualTo("Int32");
    assertThat(d.nodata()).isEqualTo(-32768.0);
    assertThat(d.minValue()).isEqualTo(1690.0);
    assertThat(d.maxValue()).isEqualTo(1807.0);
    assertThat(d.pixelSizeX()).isCloseTo(0.000277777778, within(1e-12));
    assertBounds(d, -104.3418056, 39.5059722, -104.3059722, 39.5245833, 1e-7);
    assertThat(d.footprintWkt()).startsWith("POLYGON ((-104.3418");
    assertThat(d.problems()).isNull();
  }

  @Test
  void asciiGridWithoutPrjHasNoCrs(@TempDir Path dir) throws Exception {
    Samples.write(dir, "grid.asc", """
        ncols 3
        nrows 2
        xllcorner 100
        yllcorner 200
        cellsize 10
        NODATA_value -9999
        1 2.5 -9999
        4 5 6
        """);

    FileDescription d = describe(dir, "grid.asc");

    assertThat(d.crs()).isNull();
    assertThat(d.problemList()).containsExactly("no CRS (.prj missing)");
    assertThat(d.dataType()).isEqualTo("Float32");
    assertThat(d.minValue()).isEqualTo(1.0);
    assertThat(d.maxValue()).isEqualTo(6.0);
    assertBounds(d, 100, 200, 130, 220, 1e-9);
  }

  @Test
  void rasterOfNothingButNodataIsAProblemNotAFailure(@TempDir Path dir) throws Exception {
    File tif = dir.resolve("empty_area.tif").toFile();
    writeConstantGeoTiff(tif, -9999f, -9999.0);

    FileDescription d = describe(dir, "empty_area.tif");

    assertThat(d.status()).isEqualTo("ok");
    assertThat(d.nodata()).isEqualTo(-9999.0);
    assertThat(d.minValue()).isNull();
    assertThat(d.maxValue()).isNull();
    assertThat(d.problemList()).containsExactly("raster is all nodata");
    assertThat(d.crs()).isEqualTo("EPSG:32633");
    assertBounds(d, 500000, 4000000, 500000 + 64 * 30, 4000000 + 48 * 30, 1e-6);
  }

  @Test
  void float32NodataIsMatchedAsAFloat(@TempDir Path dir) throws Exception {
    // -3.4028235e+38 as written by many tools is not exactly the float's double value.
    File tif = dir.resolve("float_nodata.tif").toFile();
    writeConstantGeoTiff(tif, -Float.MAX_VALUE, -3.4028235e+38);

    assertThat(describe(dir, "float_nodata.tif").problemList()).contains("raster is all nodata");
  }

  /** A 64 x 48 Float32 GeoTIFF in UTM 33N, every pixel {@code value}, with {@code nodata} declared. */
  static void writeConstantGeoTiff(File file, float value, double nodata) throws Exception {
    WritableRaster raster = RasterFactory.createBandedRaster(DataBuffer.TYPE_FLOAT, 64, 48, 1, null);
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        raster.setSample(x, y, 0, value);
      }
    }
    ReferencedEnvelope envelope = new ReferencedEnvelope(500000, 500000 + 64 * 30, 4000000, 4000000 + 48 * 30,
        CRS.decode("EPSG:32633"));
    Map<String, Object> properties = new HashMap<>();
    CoverageUtilities.setNoDataProperty(properties, new NoDataContainer(nodata));
    BufferedImage image = new BufferedImage(PlanarImage.createColorModel(raster.getSampleModel()), raster, false,
        null);
    GridCoverage2D coverage = new GridCoverageFactory().create("test", image, envelope, null, null, properties);
    GeoTiffWriter writer = new GeoTiffWriter(file);
    try {
      writer.write(coverage, null);
    } finally {
      writer.dispose();
    }
  }

  static void assertBounds(FileDescription d, double minX, double minY, double maxX, double maxY, double tolerance) {
    assertThat(d.minX()).isCloseTo(minX, within(tolerance));
    assertThat(d.minY()).isCloseTo(minY, within(tolerance));
    assertThat(d.maxX()).isCloseTo(maxX, within(tolerance));
    assertThat(d.maxY()).isCloseTo(maxY, within(tolerance));
  }

  static Envelope envelopeOf(String wkt) throws Exception {
    assertThat(wkt).isNotNull();
    return new WKTReader().read(wkt).getEnvelopeInternal();
  }
}
