package io.geomill.inventory;

import static io.geomill.inventory.RasterDescriptionTest.assertBounds;
import static io.geomill.inventory.RasterDescriptionTest.envelopeOf;
import static io.geomill.inventory.Samples.describe;
import static io.geomill.inventory.Samples.describeSample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;

/**
 * Vectors of data-samples, with what ogrinfo 3.6.2 reports for them ({@code ogrinfo -so -al}; validity through
 * {@code -dialect SQLite "SELECT sum(ST_IsValid(geometry)=0) ..."}: no invalid geometry in any of them), and
 * vector files made here for the defects the samples do not have.
 */
class VectorDescriptionTest {
  private static final List<String> LANDMARK_FIELDS =
      List.of("statefp", "ansicode", "areaid", "fullname", "mtfcc", "aland", "awater", "intptlat", "intptlon");

  @Test
  void pointShapefile() throws Exception {
    FileDescription d = describeSample("vectors/gis_osm_pois_free_1.shp");

    assertThat(d.status()).isEqualTo("ok");
    assertThat(d.kind()).isEqualTo("vector");
    assertThat(d.format()).isEqualTo("ESRI Shapefile");
    assertThat(d.files()).isEqualTo("gis_osm_pois_free_1.shp;gis_osm_pois_free_1.cpg;gis_osm_pois_free_1.dbf;"
        + "gis_osm_pois_free_1.prj;gis_osm_pois_free_1.shx");
    assertThat(d.sizeBytes()).isEqualTo(360544 + 103084 + 1841000 + 144 + 6);
    assertThat(d.featureCount()).isEqualTo(12873);
    assertThat(d.geometryTypes()).isEqualTo("Point");
    assertThat(d.fieldCount()).isEqualTo(4);
    assertThat(d.fieldNames()).isEqualTo("osm_id,code,fclass,name");
    assertThat(d.crs()).isEqualTo("EPSG:4326");
    assertBounds(d, 14.529429, 51.354875, 16.396694, 53.125161, 1e-6);
    assertThat(envelopeOf(d.footprintWkt())).isEqualTo(new Envelope(d.minX(), d.maxX(), d.minY(), d.maxY()));
    assertThat(d.problems()).isNull();
    assertThat(d.width()).isNull();
  }

  @Test
  void polygonShapefileWithOneMultipartShape() throws Exception {
    FileDescription d = describeSample("vectors/nyc-area-landmark/nyu_2451_34514.shp");

    assertThat(d.featureCount()).isEqualTo(346);
    // ogrinfo -al: 345 POLYGON and 1 MULTIPOLYGON
    assertThat(d.geometryTypes()).isEqualTo("Polygon,MultiPolygon");
    assertThat(d.fieldNames()).isEqualTo(String.join(",", LANDMARK_FIELDS));
    assertThat(d.crs()).isEqualTo("EPSG:4326");
    assertBounds(d, -74.231336, 40.505724, -73.709374, 40.915187, 1e-6);
    assertThat(d.files()).contains("nyu_2451_34514.cst", "nyu_2451_34514.dbf", "nyu_2451_34514.prj",
        "nyu_2451_34514.shx");
    assertThat(d.problems()).isNull();
  }

  @Test
  void shapefileDefectsAreProblems() throws Exception {
    FileDescription d = describe(Samples.RESOURCES, "shapes.shp");

    assertThat(d.status()).isEqualTo("ok");
    assertThat(d.featureCount()).isEqualTo(4);
    assertThat(d.geometryTypes()).isEqualTo("Polygon,MultiPolygon");
    assertThat(d.fieldNames()).isEqualTo("id,name");
    assertThat(d.crs()).isEqualTo("EPSG:32633");
    assertBounds(d, 0, 0, 50, 10, 0);
    assertThat(d.problemList()).containsExactly(
        "1 invalid geometry (record 2: Self-intersection at (5.0 5.0))",
        "1 null geometry");
    assertThat(d.footprintWkt()).isNotNull();
  }

  @Test
  void geoJsonMadeFromThePolygonShapefile() throws Exception {
    FileDescription d = describeSample("vectors/nyc_area_landmarks.geojson");

    assertThat(d.format()).isEqualTo("GeoJSON");
    assertThat(d.featureCount()).isEqualTo(346);
    assertThat(d.geometryTypes()).isEqualTo("Polygon,MultiPolygon");
    assertThat(d.fieldNames()).isEqualTo(String.join(",", LANDMARK_FIELDS));
    assertThat(d.crs()).isEqualTo("EPSG:4326");
    assertBounds(d, -74.231336, 40.505724, -73.709374, 40.915187, 1e-9);
    assertThat(d.problems()).isNull();
  }

  @Test
  void geoJsonDefectsAndLegacyCrs(@TempDir Path dir) throws Exception {
    Samples.write(dir, "defects.geojson", """
        {"type": "FeatureCollection",
         "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}},
         "features": [
          {"type": "Feature", "properties": {"a": 1}, "geometry": {"type": "LineString", "coordinates": [[0, 0], [100, 50]]}},
          {"type": "Feature", "properties": {"b": "x"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [10, 10], [10, 0], [0, 10], [0, 0]]]}},
          {"type": "Feature", "properties": {"a": 2}, "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [0, 0]]]}},
          {"type": "Feature", "properties": null, "geometry": null},
          {"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[0, 0], ["a", 1]]}}
         ]}
        """);

    FileDescription d = describe(dir, "defects.geojson");

    assertThat(d.featureCount()).isEqualTo(5);
    assertThat(d.geometryTypes()).isEqualTo("LineString,Polygon");
    assertThat(d.fieldNames()).isEqualTo("a,b");
    assertThat(d.crs()).isEqualTo("EPSG:3857");
    assertBounds(d, 0, 0, 100, 50, 0);
    assertThat(d.problemList()).containsExactly(
        "2 invalid geometries (feature 2: Self-intersection at (5.0 5.0), feature 3: Too few distinct points in"
            + " geometry component at (0.0 0.0))",
        "1 unreadable geometry (feature 5: a position is not an array of numbers: [\"a\",1])",
        "1 null geometry");
  }

  @Test
  void bareGeoJsonGeometry(@TempDir Path dir) throws Exception {
    Samples.write(dir, "point.geojson", "{\"coordinates\": [7.5, 47.25, 300], \"type\": \"Point\"}");

    FileDescription d = describe(dir, "point.geojson");

    assertThat(d.featureCount()).isEqualTo(1);
    assertThat(d.geometryTypes()).isEqualTo("Point Z");
    assertBounds(d, 7.5, 47.25, 7.5, 47.25, 0);
    assertThat(d.fieldCount()).isZero();
  }

  @Test
  void geoPackageMadeFromThePolygonShapefile() throws Exception {
    FileDescription d = describeSample("vectors/nyc_area_landmarks.gpkg");

    assertThat(d.format()).isEqualTo("GeoPackage");
    assertThat(d.layers()).isEqualTo("nyc_area_landmarks");
    assertThat(d.featureCount()).isEqualTo(346);
    // ogr2ogr -nlt PROMOTE_TO_MULTI made every polygon a multipolygon
    assertThat(d.geometryTypes()).isEqualTo("MultiPolygon");
    assertThat(d.fieldNames()).isEqualTo(String.join(",", LANDMARK_FIELDS));
    assertThat(d.crs()).isEqualTo("EPSG:4326");
    assertBounds(d, -74.231336, 40.505724, -73.709374, 40.915187, 1e-6);
    assertThat(d.problems()).isNull();
  }

  @Test
  void csvWithWktColumn(@TempDir Path dir) throws Exception {
    Samples.write(dir, "places.csv", """
        id,name,WKT
        1,"Smith, John","POINT (10 20)"
        2,"the ""big"" one","LINESTRING (0 0, 30 40)"
        3,nowhere,
        """);

    FileDescription d = describe(dir, "places.csv");

    assertThat(d.kind()).isEqualTo("vector");
    assertThat(d.format()).isEqualTo("CSV (WKT)");
    assertThat(d.featureCount()).isEqualTo(3);
    assertThat(d.geometryTypes()).isEqualTo("Point,LineString");
    assertThat(d.fieldNames()).isEqualTo("id,name");
    assertBounds(d, 0, 0, 30, 40, 0);
    assertThat(d.crs()).isNull();
    assertThat(d.problemList()).containsExactly("1 null geometry", "no CRS (CSV holds none and .prj is missing)");
  }

  @Test
  void csvWithLonLatColumnsAndPrj(@TempDir Path dir) throws Exception {
    Samples.write(dir, "stations.csv", "name;lat;lon\nA;47.5;7.25\nB;46.0;8.0\n");
    Samples.write(dir, "stations.prj", "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\","
        + "6378137,298.257223563]],PRIMEM[\"Greenwich\",0],UNIT[\"Degree\",0.017453292519943295]]");

    FileDescription d = describe(dir, "stations.csv");

    assertThat(d.format()).isEqualTo("CSV (points)");
    assertThat(d.files()).isEqualTo("stations.csv;stations.prj");
    assertThat(d.featureCount()).isEqualTo(2);
    assertThat(d.fieldNames()).isEqualTo("name");
    assertThat(d.crs()).isEqualTo("EPSG:4326");
    assertBounds(d, 7.25, 46.0, 8.0, 47.5, 0);
    assertThat(d.problems()).isNull();
  }

  @Test
  void filesThatAreNotGeodataAreReportedAsSuch(@TempDir Path dir) throws Exception {
    Samples.write(dir, "README.txt", "Read me.\n");
    Samples.write(dir, "table.csv", "name,population\nBern,140000\n");
    Samples.write(dir, "config.json", "{\"type\": \"settings\", \"verbose\": true}");
    Samples.write(dir, "notes.md", "# Notes\n");

    assertNotGeodata(describe(dir, "README.txt"), "Plain text");
    assertNotGeodata(describe(dir, "table.csv"), "CSV text without geometry columns");
    assertNotGeodata(describe(dir, "config.json"), "JSON text that is not GeoJSON (no GeoJSON \"type\" member)");
    assertNotGeodata(describe(dir, "notes.md"), "Plain text");
    assertNotGeodata(describeSample("vectors/nyc-area-landmark/wfsrequest.txt"), "Plain text");
  }

  private static void assertNotGeodata(FileDescription d, String format) {
    assertThat(d.status()).isEqualTo("not geodata");
    assertThat(d.kind()).isEqualTo("other");
    assertThat(d.format()).isEqualTo(format);
    assertThat(d.error()).isNull();
    assertThat(d.sizeBytes()).isPositive();
  }

  @Test
  void describeTaskUsesTheItemContextForLocalCopies() throws Exception {
    DatasetFiles dataset = Samples.dataset(Samples.ROOT, "vectors/gis_osm_pois_free_1.shp");
    List<String> fetched = new java.util.ArrayList<>();
    io.geomill.batch.ItemContext context = new io.geomill.batch.ItemContext() {
      @Override
      public java.io.File local(String uri) throws java.io.IOException {
        fetched.add(uri.substring(uri.lastIndexOf('/') + 1));
        return Samples.LOCAL.local(uri);
      }

      @Override
      public String itemId() {
        return dataset.id();
      }

      @Override
      public java.io.File stage(String relativeName) {
        throw new IllegalStateException("describing writes nothing");
      }

      @Override
      public org.apache.hadoop.conf.Configuration hadoopConf() {
        return new org.apache.hadoop.conf.Configuration();
      }
    };

    FileDescription d = Inventory.task().run(dataset, context);

    assertThat(d.featureCount()).isEqualTo(12873);
    assertThat(fetched).contains("gis_osm_pois_free_1.shp", "gis_osm_pois_free_1.shx", "gis_osm_pois_free_1.dbf",
        "gis_osm_pois_free_1.prj", "gis_osm_pois_free_1.cpg");
    assertThat(d.minX()).isCloseTo(14.529429, within(1e-6));
  }
}
