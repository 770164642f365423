package io.geomill.crs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.coverage.grid.io.imageio.geotiff.CRS2GeoTiffMetadataAdapter;
import org.geotools.referencing.CRS;
import org.geotools.referencing.crs.DefaultGeographicCRS;
import org.geotools.referencing.wkt.Formattable;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Every CRS of {@link Wgs84Crs} against GeoTools' EPSG database, which it stands in for. */
class Wgs84CrsTest {
  private static final String ESRI_WGS84 = "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\","
      + "6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";

  private static List<Integer> codes() {
    List<Integer> codes = new ArrayList<>(List.of(4326, 3857));
    IntStream.rangeClosed(1, 60).forEach(zone -> {
      codes.add(32600 + zone);
      codes.add(32700 + zone);
    });
    return codes;
  }

  private static CoordinateReferenceSystem database(int code) throws Exception {
    return CRS.decode("EPSG:" + code, true);
  }

  private static CoordinateReferenceSystem ours(int code) {
    return Wgs84Crs.decode(code).orElseThrow();
  }

  @Test
  void eachCrsIsTheDatabasesAsGeoToolsWritesAndReadsIt() throws Exception {
    for (int code : codes()) {
      CoordinateReferenceSystem database = database(code);
      assertThat(Wgs84Crs.wkt(code)).as("EPSG:%d", code)
          .isEqualTo(((Formattable) database).toWKT(Formattable.SINGLE_LINE));
      assertThat(Wgs84Crs.databaseWkt(ours(code))).as("EPSG:%d", code).hasValue(Wgs84Crs.wkt(code));
      assertThat(CRS.equalsIgnoreMetadata(ours(code), database)).as("EPSG:%d", code).isTrue();
      assertThat(CRS.lookupEpsgCode(ours(code), false)).isEqualTo(code);
      assertThat(ours(code).getName().getCode()).isEqualTo(database.getName().getCode());
    }
  }

  @Test
  void onlyTheseCrssHaveTheDatabasesWktHere() throws Exception {
    assertThat(Wgs84Crs.databaseWkt(database(32632))).isEmpty(); // an equal CRS, not one of these
    assertThat(Wgs84Crs.databaseWkt(CRS.parseWKT(ESRI_WGS84))).isEmpty();
  }

  @Test
  void otherCodesAreNotKnown() {
    for (int code : new int[] {4258, 3035, 2154, 32600, 32661, 32700, 32761, 23032, 0, -1}) {
      assertThat(Wgs84Crs.decode(code)).as("EPSG:%d", code).isEmpty();
    }
  }

  @Test
  void transformsAreTheDatabasesOperations() throws Exception {
    for (int code : codes()) {
      if (code == 4326) {
        continue;
      }
      MathTransform expected = CRS.findMathTransform(database(4326), database(code), true);
      MathTransform actual = Wgs84Crs.transform(ours(4326), ours(code));
      if (code > 32700) {
        // The database's operation for a southern zone ends with an affine step moving points by 2e-9 m
        // (GeoTools' arithmetic on the false northing); the projection is the same.
        assertSamePoints(actual, expected, 1e-8, code);
      } else {
        assertThat(actual).as("EPSG:%d", code).isEqualTo(expected);
      }
    }
    assertThat(Wgs84Crs.transform(ours(32632), ours(3857)))
        .isEqualTo(CRS.findMathTransform(database(32632), database(3857), true));
    assertThat(Wgs84Crs.transform(DefaultGeographicCRS.WGS84, ours(32618)))
        .isEqualTo(CRS.findMathTransform(DefaultGeographicCRS.WGS84, database(32618), true));
  }

  /** Points across the zone (within 3 degrees of its meridian, 80 S to the equator) land within {@code metres}. */
  private static void assertSamePoints(MathTransform actual, MathTransform expected, double metres, int code)
      throws Exception {
    double meridian = 6 * (code % 100) - 183;
    double[] lonLat = new double[2 * 7 * 9];
    for (int i = 0; i < 7; i++) {
      for (int j = 0; j < 9; j++) {
        lonLat[2 * (9 * i + j)] = meridian - 3 + i;
        lonLat[2 * (9 * i + j) + 1] = -80 + 10 * j;
      }
    }
    double[] ours = new double[lonLat.length];
    double[] database = new double[lonLat.length];
    actual.transform(lonLat, 0, ours, 0, lonLat.length / 2);
    expected.transform(lonLat, 0, database, 0, lonLat.length / 2);
    for (int i = 0; i < ours.length; i++) {
      assertThat(ours[i]).as("EPSG:%d, coordinate %d", code, i).isCloseTo(database[i],
          Offset.offset(metres));
    }
  }

  @Test
  void otherDatumsGoToGeoTools() throws Exception {
    CoordinateReferenceSystem ed50 = database(23032);
    assertThat(Wgs84Crs.onWgs84(ed50)).isFalse();
    assertThat(Wgs84Crs.transform(ed50, ours(4326))).isEqualTo(CRS.findMathTransform(ed50, database(4326), true));
  }

  @Test
  void codesOfCrssWithoutOneAreTheDatabasesLookUp() throws Exception {
    CoordinateReferenceSystem esri = CRS.parseWKT(ESRI_WGS84);
    assertThat(Wgs84Crs.code(esri)).isEqualTo(OptionalInt.of(CRS.lookupEpsgCode(esri, true))).hasValue(4326);
    for (String zone : new String[] {"18N", "33S"}) {
      boolean north = zone.endsWith("N");
      int number = Integer.parseInt(zone.substring(0, 2));
      CoordinateReferenceSystem esriUtm = CRS.parseWKT("PROJCS[\"WGS_1984_UTM_Zone_" + zone + "\"," + ESRI_WGS84
          + ",PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"False_Easting\",500000.0],PARAMETER[\"False_Northing\","
          + (north ? "0.0" : "10000000.0") + "],PARAMETER[\"Central_Meridian\"," + (6 * number - 183) + ".0],"
          + "PARAMETER[\"Scale_Factor\",0.9996],PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]");
      assertThat(Wgs84Crs.code(esriUtm)).as(zone).isEqualTo(OptionalInt.of(CRS.lookupEpsgCode(esriUtm, false)))
          .hasValue((north ? 32600 : 32700) + number);
    }
  }

  @Test
  void otherCrssHaveNoCodeHere() throws Exception {
    assertThat(Wgs84Crs.code(database(2154))).isEmpty(); // declares a code that is not one of these
    assertThat(Wgs84Crs.code(CRS.parseWKT(ESRI_WGS84.replace("D_WGS_1984", "D_ETRS_1989")))).isEmpty();
    // on WGS 84, but no UTM zone: a transverse Mercator with another scale
    assertThat(Wgs84Crs.code(CRS.parseWKT(Wgs84Crs.wkt(32618).replace("0.9996", "1.0")
        .replace(", AUTHORITY[\"EPSG\",\"32618\"]]", "]")))).isEmpty();
  }

  @Test
  void geoTiffKeysAreTheDatabasesCrss() throws Exception {
    for (int code : new int[] {4326, 3857, 32618, 32632, 32718}) {
      assertThat(geoKeys(ours(code))).as("EPSG:%d", code).isEqualTo(geoKeys(database(code)));
    }
  }

  /** The TIFF fields GeoTools' encoder makes of a CRS, as text. */
  private static List<String> geoKeys(CoordinateReferenceSystem crs) throws Exception {
    NodeList fields = new CRS2GeoTiffMetadataAdapter(crs).parseCoordinateReferenceSystem().createRootTree()
        .getElementsByTagName("TIFFField");
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < fields.getLength(); i++) {
      Element field = (Element) fields.item(i);
      StringBuilder text = new StringBuilder(field.getAttribute("number"));
      NodeList values = field.getElementsByTagName("*");
      for (int j = 0; j < values.getLength(); j++) {
        text.append(' ').append(((Element) values.item(j)).getAttribute("value"));
      }
      texts.add(text.toString());
    }
    assertThat(texts).isNotEmpty();
    return texts;
  }
}
