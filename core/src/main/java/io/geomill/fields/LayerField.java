package io.geomill.fields;

import java.io.Serializable;
import java.util.Locale;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * One attribute field of a layer as it is stored (a DBF field's type letter, width and decimals, or a GeoPackage
 * column's declared type) and the Spark type its values have in expressions. DBF types follow Sedona's
 * shapefile reader, so an expression means the same here as over {@code spark.read.format("shapefile")}.
 *
 * @param type     the Spark type; null for a stored type calculate-fields cannot read or set (kept as it is)
 * @param dbfType  'C', 'N', 'F', 'L', 'D' ...; 0 for a GeoPackage column
 * @param sqlType  a GeoPackage column's declared type ("TEXT", "INTEGER", "TEXT(20)"); null for a DBF field
 */
public record LayerField(String name, DataType type, char dbfType, int length, int decimals, String sqlType)
    implements Serializable {

  public static LayerField dbf(String name, char dbfType, int length, int decimals) {
    DataType type = switch (Character.toUpperCase(dbfType)) {
      case 'C' -> DataTypes.StringType;
      case 'N', 'F' -> decimals == 0 ? (length <= 18 ? DataTypes.LongType
          : DataTypes.createDecimalType(Math.min(38, length), 0))
          : length <= 38 ? DataTypes.createDecimalType(length, decimals) : DataTypes.DoubleType;
      case 'L' -> DataTypes.BooleanType;
      case 'D' -> DataTypes.DateType;
      default -> null;
    };
    return new LayerField(name, type, Character.toUpperCase(dbfType), length, decimals, null);
  }

  public static LayerField gpkg(String name, String sqlType) {
    String declared = sqlType == null ? "" : sqlType.strip().toUpperCase(Locale.ROOT);
    String base = declared.replaceFirst("\\s*\\(.*", "");
    DataType type = switch (base) {
      case "TEXT", "VARCHAR", "CHAR", "CLOB" -> DataTypes.StringType;
      case "BOOLEAN" -> DataTypes.BooleanType;
      case "TINYINT" -> DataTypes.ByteType;
      case "SMALLINT" -> DataTypes.ShortType;
      case "MEDIUMINT" -> DataTypes.IntegerType;
      case "INT", "INTEGER", "BIGINT" -> DataTypes.LongType;
      case "FLOAT" -> DataTypes.FloatType;
      case "DOUBLE", "REAL", "NUMERIC" -> DataTypes.DoubleType;
      case "DATE" -> DataTypes.DateType;
      case "DATETIME" -> DataTypes.TimestampType;
      case "BLOB" -> DataTypes.BinaryType;
      default -> null;
    };
    int length = declared.matches("TEXT\\s*\\(\\d+\\)") ? Integer.parseInt(declared.replaceAll("\\D", "")) : 0;
    return new LayerField(name, type, (char) 0, length, 0, sqlType);
  }

  /** The field --add creates, in a shapefile or a GeoPackage. */
  public static LayerField added(NewField field, boolean shapefile) {
    if (shapefile) {
      return new LayerField(field.name(), field.type().sparkType, field.type().dbfType, field.length(), field.scale(),
          null);
    }
    String sql = switch (field.type()) {
      case TEXT -> "TEXT(" + field.length() + ")";
      case SHORT -> "SMALLINT";
      case LONG -> "MEDIUMINT";
      case BIGINTEGER -> "INTEGER";
      case FLOAT -> "FLOAT";
      case DOUBLE -> "DOUBLE";
      case DATE -> "DATE";
      case BOOLEAN -> "BOOLEAN";
    };
    return new LayerField(field.name(), field.type().sparkType, (char) 0, field.type() == FieldType.TEXT
        ? field.length() : 0, 0, sql);
  }

  boolean isDbf() {
    return sqlType == null;
  }

  /** "C(20)", "N(10,3)", "TEXT", for messages. */
  public String describe() {
    if (!isDbf()) {
      return sqlType;
    }
    return dbfType + "(" + length + (decimals > 0 ? "," + decimals : "") + ")";
  }
}
