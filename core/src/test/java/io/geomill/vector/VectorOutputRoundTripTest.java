package io.geomill.vector;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.TestSpark;
import io.geomill.fs.HadoopFs;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.locationtech.jts.geom.Geometry;

/**
 * Each output format written and read back with Sedona's reader for it: the same rows, the same values, the
 * same geometries (topologically equal: a shapefile gives back a one-part multipolygon as a polygon, and its
 * rings in its own orientation).
 */
class VectorOutputRoundTripTest {
  /** The shapefile's field names: cut to 10 characters, the second of the two colliding names numbered. */
  private static final Map<String, String> SHAPEFILE_NAMES = Map.of("count_land", "count_landmark",
      "count_la_1", "count_landmarks2");

  @TempDir
  Path work;

  @ParameterizedTest
  @EnumSource(OutputFormat.class)
  void polygonsWithHolesMultipartsAndNullsComeBackTheSame(OutputFormat format) throws Exception {
    Dataset<Row> source = TestTables.polygons();
    Path out = work.resolve("polygons" + format.extension);

    List<String> notes = VectorOutput.write(TestSpark.session(), source, "geometry", TestTables.WGS84,
        HadoopFs.path(out.toString()), format);

    Dataset<Row> back = readBack(format, out, "polygons", source);
    assertSameRows(format, source, back);
    if (format == OutputFormat.SHP) {
      assertThat(notes).anySatisfy(note -> assertThat(note)
          .contains("count_landmark -> count_land").contains("count_landmarks2 -> count_la_1"));
    }
    assertOnlyOutputsLeft(format, "polygons");
  }

  @ParameterizedTest
  @EnumSource(OutputFormat.class)
  void projectedPointsComeBackTheSame(OutputFormat format) throws Exception {
    Dataset<Row> source = TestTables.points();
    Path out = work.resolve("points" + format.extension);

    VectorOutput.write(TestSpark.session(), source, "geometry", TestTables.UTM_18N, HadoopFs.path(out.toString()),
        format);

    assertSameRows(format, source, readBack(format, out, "points", source));
    assertOnlyOutputsLeft(format, "points");
  }

  private static Dataset<Row> readBack(OutputFormat format, Path out, String table, Dataset<Row> source) {
    var read = TestSpark.session().read();
    return switch (format) {
      case GEOPARQUET -> read.format("geoparquet").load(out.toString());
      // a feature table's primary key, fid, is the GeoPackage's own
      case GPKG -> read.format("geopackage").option("tableName", table).load(out.toString()).drop("fid");
      case SHP -> {
        Dataset<Row> shapes = read.format("shapefile").load(out.toString());
        for (String name : shapes.columns()) {
          if (SHAPEFILE_NAMES.containsKey(name)) {
            shapes = shapes.withColumnRenamed(name, SHAPEFILE_NAMES.get(name));
          }
        }
        yield shapes;
      }
      case CSV -> {
        // CSV is text: each column cast back to its type, the geometry parsed from its WKT
        Dataset<Row> text = read.option("header", "true").csv(out.toString());
        List<Column> typed = new ArrayList<>();
        for (StructField field : source.schema().fields()) {
          typed.add(field.name().equals("geometry") ? expr("ST_GeomFromWKT(wkt)").as("geometry")
              : col(field.name()).cast(field.dataType()).as(field.name()));
        }
        yield text.select(typed.toArray(Column[]::new));
      }
    };
  }

  private static void assertSameRows(OutputFormat format, Dataset<Row> source, Dataset<Row> back) {
    assertThat(back.columns()).containsExactlyInAnyOrder(source.columns());
    Map<Integer, Row> actual = byId(back);
    Map<Integer, Row> expected = byId(source);
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    for (Map.Entry<Integer, Row> entry : expected.entrySet()) {
      Row want = entry.getValue();
      Row got = actual.get(entry.getKey());
      for (StructField field : source.schema().fields()) {
        Object wanted = want.getAs(field.name());
        Object found = got.getAs(field.name());
        String where = format + " row " + entry.getKey() + " column " + field.name();
        if (format == OutputFormat.GPKG && field.name().equals("geometry") && wanted == null) {
          // a row without geometry has an empty one in a GeoPackage (Sedona's reader fails on NULL)
          assertThat(((Geometry) found).isEmpty()).as(where + ": " + found).isTrue();
        } else if (wanted instanceof Geometry || found instanceof Geometry) {
          assertThat(found).as(where).isNotNull();
          assertThat(((Geometry) found).equalsTopo((Geometry) wanted)).as(where + ": " + found + " vs " + wanted)
              .isTrue();
        } else {
          assertThat(normalized(found)).as(where).isEqualTo(normalized(expected(format, field.dataType(), wanted)));
        }
      }
    }
  }

  /**
   * The value each reader can give back. A DBF has no null text (a null is blank, read back as ""). Sedona
   * 1.8.0's GeoPackage reader reads INTEGER columns with ResultSet.getInt (32 bits) and NULL numbers and
   * booleans as 0 and false; the GeoPackage itself holds the exact values and NULLs, which the GDAL test reads.
   */
  private static Object expected(OutputFormat format, DataType type, Object value) {
    if (format == OutputFormat.SHP && type.equals(DataTypes.StringType) && value == null) {
      return "";
    }
    if (format == OutputFormat.GPKG) {
      if (value == null && type.equals(DataTypes.BooleanType)) {
        return false;
      }
      if (value == null && !type.equals(DataTypes.StringType) && !type.equals(DataTypes.DateType)) {
        return 0;
      }
      if (value instanceof Long number) {
        return number.intValue();
      }
    }
    return value;
  }

  /** Numbers compare by value whatever their Java type (a DBF real comes back as a decimal). */
  private static Object normalized(Object value) {
    if (value instanceof Number number) {
      return new BigDecimal(number.toString()).stripTrailingZeros();
    }
    return value == null ? null : value.toString();
  }

  private static Map<Integer, Row> byId(Dataset<Row> table) {
    Map<Integer, Row> rows = new HashMap<>();
    for (Row row : table.collectAsList()) {
      rows.put(((Number) row.getAs("id")).intValue(), row);
    }
    return rows;
  }

  /** Nothing but the output (for a shapefile its five files) is left: no staging folder. */
  private void assertOnlyOutputsLeft(OutputFormat format, String stem) throws Exception {
    try (Stream<Path> files = Files.list(work)) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      if (format == OutputFormat.SHP) {
        assertThat(names).containsExactlyInAnyOrder(stem + ".shp", stem + ".shx", stem + ".dbf", stem + ".prj",
            stem + ".cpg");
      } else {
        assertThat(names).containsExactly(stem + format.extension);
      }
    }
  }
}
