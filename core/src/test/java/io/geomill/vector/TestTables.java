package io.geomill.vector;

import io.geomill.TestSpark;
import java.sql.Date;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Small tables with every column type the writers support, nulls, and the geometries that are hard to write. */
public final class TestTables {
  public static final LayerCrs WGS84 = LayerCrs.parse("EPSG:4326");
  public static final LayerCrs UTM_18N = LayerCrs.parse("EPSG:32618");

  private TestTables() {}

  /**
   * Polygons in EPSG:4326: a polygon with a hole whose rings are both counter-clockwise (as JTS may have them,
   * and as a shapefile must not), a multipolygon of two parts one of which has a hole, a row with every
   * attribute null (the date aside, see below), a row without geometry, and two long column names that cut
   * to the same ten characters. Column {@code id} orders the rows.
   *
   * <p>The date is never null: Sedona 1.8.0's GeoPackage reader fails on a NULL DATE (it parses the text
   * unchecked), which would stop the GeoPackage read-back before any value is compared.
   */
  public static Dataset<Row> polygons() {
    StructType schema = new StructType()
        .add("id", DataTypes.IntegerType)
        .add("name", DataTypes.StringType)
        .add("small", DataTypes.IntegerType)
        .add("population", DataTypes.LongType)
        .add("ratio", DataTypes.DoubleType)
        .add("open", DataTypes.BooleanType)
        .add("surveyed", DataTypes.DateType)
        .add("count_landmark", DataTypes.LongType)
        .add("count_landmarks2", DataTypes.LongType)
        .add("wkt", DataTypes.StringType);
    List<Row> rows = Arrays.asList(
        RowFactory.create(1, "Central Park", 1, 1_600_000L, 0.125, true, Date.valueOf("2024-01-31"), 3L, 7L,
            // shell and hole both counter-clockwise
            "POLYGON ((-73.98 40.76, -73.95 40.76, -73.95 40.80, -73.98 40.80, -73.98 40.76),"
                + " (-73.97 40.77, -73.96 40.77, -73.96 40.78, -73.97 40.78, -73.97 40.77))"),
        RowFactory.create(2, "Café Zürich, ü", -2, 42L, -3.75, false, Date.valueOf("1999-12-31"), 0L, 0L,
            "MULTIPOLYGON (((-74.02 40.70, -74.02 40.72, -74.00 40.72, -74.00 40.70, -74.02 40.70)),"
                + " ((-73.90 40.60, -73.90 40.66, -73.84 40.66, -73.84 40.60, -73.90 40.60),"
                + " (-73.88 40.62, -73.86 40.62, -73.86 40.64, -73.88 40.64, -73.88 40.62)))"),
        RowFactory.create(3, null, null, null, null, null, Date.valueOf("2000-02-29"), null, null,
            "POLYGON ((-73.80 40.70, -73.80 40.71, -73.79 40.71, -73.79 40.70, -73.80 40.70))"),
        RowFactory.create(4, "no geometry", 12_345, 9_876_543_210L, 123456.000001, true,
            Date.valueOf("2020-06-15"), 1L, 2L, null));
    return withGeometry(TestSpark.session().createDataFrame(rows, schema));
  }

  /** Points in EPSG:32618 (UTM metres), one without geometry. */
  public static Dataset<Row> points() {
    StructType schema = new StructType()
        .add("id", DataTypes.IntegerType)
        .add("label", DataTypes.StringType)
        .add("wkt", DataTypes.StringType);
    List<Row> rows = Arrays.asList(
        RowFactory.create(1, "a", "POINT (583960.5 4507523.25)"),
        RowFactory.create(2, "b", "POINT (585000 4510000)"),
        RowFactory.create(3, "c", null));
    return withGeometry(TestSpark.session().createDataFrame(rows, schema));
  }

  private static Dataset<Row> withGeometry(Dataset<Row> table) {
    return table.withColumn("geometry", functions.expr("ST_GeomFromWKT(wkt)")).drop("wkt");
  }
}
