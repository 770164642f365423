package io.geomill.raster;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.vector.LayerCrs;
import it.geosolutions.imageio.stream.input.FileImageInputStreamExtImpl;
import it.geosolutions.imageioimpl.plugins.tiff.TIFFImageReaderSpi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.coverage.grid.io.imageio.geotiff.GeoTiffIIOMetadataDecoder;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Test;

/** GeoTiffFile's CRS of GeoTIFF keys that name a WGS 84 code, against GeoTools' decoder, on every GeoTIFF here. */
class GeoTiffCrsTest {
  @Test
  void keysNamingAWgs84CodeGiveGeoToolsCrs() throws Exception {
    Map<Integer, Integer> shortcuts = new HashMap<>();
    for (Path tiff : tiffs()) {
      GeoTiffIIOMetadataDecoder metadata = metadata(tiff);
      if (!metadata.hasGeoKey()) {
        continue;
      }
      Integer code = GeoTiffFile.wgs84Code(metadata);
      CoordinateReferenceSystem geoTools;
      try {
        geoTools = GeoTiffFile.decodedByGeoTools(metadata);
      } catch (Exception e) {
        assertThat(code).as("%s: keys GeoTools refuses", tiff).isNull();
        continue;
      }
      CoordinateReferenceSystem ours = GeoTiffFile.decodeCrs(metadata);
      assertThat(LayerCrs.wkt(ours)).as(tiff.toString()).isEqualTo(LayerCrs.wkt(geoTools));
      assertThat(CRS.equalsIgnoreMetadata(ours, geoTools)).as(tiff.toString()).isTrue();
      if (code != null) {
        shortcuts.merge(code, 1, Integer::sum);
      }
    }
    // the samples and test rasters hold GDAL-written EPSG:4326, 3857 and 32632 keys: all taken as their codes
    assertThat(shortcuts).containsKeys(4326, 3857, 32632);
  }

  private static List<Path> tiffs() throws IOException {
    try (Stream<Path> test = Files.walk(Path.of("src", "test", "resources"));
        Stream<Path> samples = Files.walk(RasterSamples.ROOT)) {
      return Stream.concat(test, samples).filter(p -> p.toString().matches(".*\\.tiff?"))
          .filter(p -> !p.startsWith(RasterSamples.ROOT.resolve("broken"))) // truncated and corrupt on purpose
          .sorted().toList();
    }
  }

  private static GeoTiffIIOMetadataDecoder metadata(Path tiff) throws IOException {
    try (ImageInputStream in = new FileImageInputStreamExtImpl(tiff.toFile())) {
      ImageReader reader = new TIFFImageReaderSpi().createReaderInstance();
      reader.setInput(in);
      try {
        return new GeoTiffIIOMetadataDecoder(reader.getImageMetadata(0));
      } finally {
        reader.dispose();
      }
    }
  }
}
