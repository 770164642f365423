package io.geomill.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geomill.TestSpark;
import io.geomill.fs.HadoopFs;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a shapefile cannot hold: refused with the output named, or cut and reported. */
class VectorOutputErrorsTest {
  @TempDir
  Path work;

  @Test
  void pointsAndPolygonsInOneShapefileAreRefusedAndNothingIsLeft() {
    Dataset<Row> mixed = table(new StructType().add("id", DataTypes.IntegerType).add("wkt", DataTypes.StringType),
        RowFactory.create(1, "POINT (1 2)"),
        RowFactory.create(2, "POLYGON ((0 0, 1 0, 1 1, 0 0))"));

    assertThatThrownBy(() -> write(mixed, "mixed.shp", OutputFormat.SHP))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mixed.shp")
        .hasMessageContaining("Point, Polygon");
    assertThat(work.toFile().list()).isEmpty();
    // a GeoPackage column can be of any geometry
    assertThat(write(mixed, "mixed.gpkg", OutputFormat.GPKG))
        .containsExactly("geometry types Point, Polygon written as GEOMETRY");
  }

  @Test
  void zIsDroppedNaNBecomesNullAndBothAreCounted() {
    Dataset<Row> table = table(new StructType().add("id", DataTypes.IntegerType).add("value", DataTypes.DoubleType)
            .add("wkt", DataTypes.StringType),
        RowFactory.create(1, Double.NaN, "POINT Z (1 2 3)"), RowFactory.create(2, 2.5, "POINT (3 4)"));

    List<String> notes = write(table, "z.shp", OutputFormat.SHP);

    List<Row> back = TestSpark.session().read().format("shapefile").load(work.resolve("z.shp").toString())
        .selectExpr("id", "value", "ST_AsText(geometry)").orderBy("id").collectAsList();
    assertThat(back.get(0).isNullAt(1)).isTrue();
    assertThat(back).extracting(row -> row.getString(2)).containsExactly("POINT (1 2)", "POINT (3 4)");
    assertThat(notes).contains("value: 1 NaN or infinite value(s) written as null",
        "1 geometries with Z written in 2D (x, y)");
  }

  @Test
  void columnsADbfCannotHoldAreRefusedByName() {
    Dataset<Row> timestamps = TestTables.points().selectExpr("id", "current_timestamp() AS seen", "geometry");
    Dataset<Row> wide = TestTables.points().selectExpr(Stream.concat(
        IntStream.range(0, 256).mapToObj(i -> "id AS c" + i), Stream.of("geometry")).toArray(String[]::new));

    assertThatThrownBy(() -> write(timestamps, "t.shp", OutputFormat.SHP))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("t.dbf: column seen (timestamp) has no DBF field type; drop it, or write GeoPackage or"
            + " GeoParquet");
    assertThatThrownBy(() -> write(wide, "w.shp", OutputFormat.SHP))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("w.shp: 256 attribute columns, more than the 255 a DBF holds");
    assertThat(work.toFile().list()).isEmpty();
  }

  @Test
  void pointsWithMultiPointsMakeOneMultiPointShapefile() {
    Dataset<Row> points = table(new StructType().add("id", DataTypes.IntegerType).add("wkt", DataTypes.StringType),
        RowFactory.create(1, "POINT (1 2)"),
        RowFactory.create(2, "MULTIPOINT ((3 4), (5 6))"));

    write(points, "points.shp", OutputFormat.SHP);

    List<Row> back = TestSpark.session().read().format("shapefile").load(work.resolve("points.shp").toString())
        .selectExpr("id", "ST_AsText(geometry)").orderBy("id").collectAsList();
    assertThat(back).extracting(row -> row.getString(1)).containsExactly("MULTIPOINT ((1 2))",
        "MULTIPOINT ((3 4), (5 6))");
  }

  @Test
  void namesThatCollideWhenCutAreNumberedAroundTheNamesThatFit() {
    Dataset<Row> table = table(new StructType().add("count_landmark", DataTypes.IntegerType)
            .add("count_landmarks2", DataTypes.IntegerType).add("count_land", DataTypes.IntegerType)
            .add("Count_La_1", DataTypes.IntegerType).add("höhe", DataTypes.IntegerType)
            .add("wkt", DataTypes.StringType),
        RowFactory.create(1, 2, 3, 4, 5, "POINT (0 0)"));

    List<String> notes = write(table, "names.shp", OutputFormat.SHP);

    Row back = TestSpark.session().read().format("shapefile").load(work.resolve("names.shp").toString()).first();
    Map<String, Object> values = Arrays.stream(back.schema().fieldNames()).filter(name -> !name.equals("geometry"))
        .collect(Collectors.toMap(name -> name, back::getAs));
    // the names that fit keep theirs; the cut ones take the next free numbers, case ignored
    // (and a DBF name is ASCII)
    assertThat(values).containsExactlyInAnyOrderEntriesOf(Map.of("count_la_2", 1L, "count_la_3", 2L,
        "count_land", 3L, "Count_La_1", 4L, "h_he", 5L));
    assertThat(notes).containsExactly("DBF field names (at most 10 ASCII characters): count_landmark -> count_la_2,"
        + " count_landmarks2 -> count_la_3, höhe -> h_he");
  }

  @Test
  void textOver254BytesIsCutAtACharacterAndCounted() {
    String ascii = "x".repeat(300);
    String accented = "é".repeat(200); // 400 bytes in UTF-8
    Dataset<Row> table = table(new StructType().add("id", DataTypes.IntegerType).add("note", DataTypes.StringType)
            .add("wkt", DataTypes.StringType),
        RowFactory.create(1, ascii, "POINT (0 0)"), RowFactory.create(2, accented, "POINT (1 1)"),
        RowFactory.create(3, "short", "POINT (2 2)"));

    List<String> notes = write(table, "long.shp", OutputFormat.SHP);

    List<Row> back = TestSpark.session().read().format("shapefile").load(work.resolve("long.shp").toString())
        .orderBy("id").collectAsList();
    assertThat(back).extracting(row -> row.<String>getAs("note")).containsExactly("x".repeat(254),
        "é".repeat(127), "short");
    assertThat(notes).contains("note: 2 value(s) longer than 254 bytes cut to fit the DBF field");
  }

  @Test
  void theLongLayoutHasNoGeometryForAShapefileOrGeoPackage() {
    Dataset<Row> table = TestSpark.session().range(3).toDF("point_id");

    for (OutputFormat format : new OutputFormat[] {OutputFormat.SHP, OutputFormat.GPKG}) {
      assertThatThrownBy(() -> VectorOutput.write(TestSpark.session(), table, null, null,
          HadoopFs.path(work.resolve("long" + format.extension).toString()), format))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without geometry");
    }
    assertThat(work.toFile().list()).isEmpty();
  }

  private List<String> write(Dataset<Row> table, String name, OutputFormat format) {
    return VectorOutput.write(TestSpark.session(), table, "geometry", TestTables.WGS84,
        HadoopFs.path(work.resolve(name).toString()), format);
  }

  private static Dataset<Row> table(StructType schema, Row... rows) {
    return TestSpark.session().createDataFrame(Arrays.asList(rows), schema)
        .withColumn("geometry", functions.expr("ST_GeomFromWKT(wkt)")).drop("wkt");
  }
}
