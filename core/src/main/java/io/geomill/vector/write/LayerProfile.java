package io.geomill.vector.write;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;

/**
 * What a file writer must know before its first row, found in one Spark aggregation over the table: the
 * geometry types present (a shapefile has one shape type, a GeoPackage column one geometry type), and per
 * column the room its values need (a DBF field has a fixed width).
 *
 * @param rows           the row count
 * @param geometryTypes  JTS geometry type names of the non-empty geometries ("Point", "MultiPolygon", ...)
 * @param noGeometry     rows whose geometry is null or empty
 * @param withZ          rows whose geometry has a third dimension
 * @param columns        per attribute column, what was measured (absent for types that need nothing)
 */
record LayerProfile(long rows, Set<String> geometryTypes, long noGeometry, long withZ,
    Map<String, ColumnProfile> columns) {

  /**
   * @param maxBytes      strings: the longest value in UTF-8 bytes
   * @param overLimit     strings: values longer than the DBF limit (254 bytes)
   * @param min           integers: the smallest value (null when all are null); others: null
   * @param max           integers: the largest value; decimals and floating point: the largest absolute finite
   *                      value; null when there is none
   * @param nonFinite     floating point: NaN and infinite values
   */
  record ColumnProfile(long maxBytes, long overLimit, BigDecimal min, BigDecimal max, long nonFinite) {}

  static final int DBF_MAX_TEXT_BYTES = 254;

  static LayerProfile of(Dataset<Row> table, String geometryColumn) {
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(count(lit(1)));
    String g = "`" + geometryColumn + "`";
    aggregates.add(collect_set(expr("CASE WHEN " + g + " IS NOT NULL AND NOT ST_IsEmpty(" + g
        + ") THEN substring(ST_GeometryType(" + g + "), 4) END")));
    aggregates.add(count(expr("CASE WHEN " + g + " IS NULL OR ST_IsEmpty(" + g + ") THEN 1 END")));
    aggregates.add(count(expr("CASE WHEN ST_NDims(" + g + ") > 2 THEN 1 END")));
    List<StructField> measured = new ArrayList<>();
    for (StructField field : table.schema().fields()) {
      if (field.name().equals(geometryColumn)) {
        continue;
      }
      Column c = col("`" + field.name() + "`");
      DataType type = field.dataType();
      if (type.equals(DataTypes.StringType)) {
        aggregates.add(max(octet_length(c)));
        aggregates.add(count(when(octet_length(c).gt(DBF_MAX_TEXT_BYTES), 1)));
      } else if (isIntegral(type)) {
        aggregates.add(min(c).cast(DataTypes.LongType));
        aggregates.add(max(c).cast(DataTypes.LongType));
      } else if (type.equals(DataTypes.DoubleType) || type.equals(DataTypes.FloatType)) {
        Column finite = when(isnan(c).or(abs(c).equalTo(Double.POSITIVE_INFINITY)), null).otherwise(abs(c));
        aggregates.add(max(finite).cast(DataTypes.DoubleType));
        aggregates.add(count(when(isnan(c).or(abs(c).equalTo(Double.POSITIVE_INFINITY)), 1)));
      } else if (type instanceof DecimalType) {
        aggregates.add(max(abs(c)));
      } else {
        continue;
      }
      measured.add(field);
    }
    Row row = table.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new)).first();
    Set<String> types = new TreeSet<>(row.getList(1));
    Map<String, ColumnProfile> columns = new HashMap<>();
    int i = 4;
    for (StructField field : measured) {
      DataType type = field.dataType();
      if (type.equals(DataTypes.StringType)) {
        columns.put(field.name(), new ColumnProfile(row.isNullAt(i) ? 0 : ((Number) row.get(i)).longValue(),
            row.getLong(i + 1), null, null, 0));
        i += 2;
      } else if (isIntegral(type)) {
        columns.put(field.name(), new ColumnProfile(0, 0, decimal(row, i), decimal(row, i + 1), 0));
        i += 2;
      } else if (type instanceof DecimalType) {
        columns.put(field.name(), new ColumnProfile(0, 0, null, decimal(row, i), 0));
        i += 1;
      } else {
        columns.put(field.name(), new ColumnProfile(0, 0, null, decimal(row, i), row.getLong(i + 1)));
        i += 2;
      }
    }
    return new LayerProfile(row.getLong(0), types, row.getLong(2), row.getLong(3), columns);
  }

  static boolean isIntegral(DataType type) {
    return type.equals(DataTypes.ByteType) || type.equals(DataTypes.ShortType) || type.equals(DataTypes.IntegerType)
        || type.equals(DataTypes.LongType);
  }

  private static BigDecimal decimal(Row row, int i) {
    Object value = row.get(i);
    if (value == null) {
      return null;
    }
    return value instanceof BigDecimal exact ? exact
        : value instanceof Long whole ? BigDecimal.valueOf(whole) : BigDecimal.valueOf(((Number) value).doubleValue());
  }
}
