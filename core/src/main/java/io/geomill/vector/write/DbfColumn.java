package io.geomill.vector.write;

import com.linuxense.javadbf.DBFDataType;
import com.linuxense.javadbf.DBFField;
import io.geomill.vector.write.LayerProfile.ColumnProfile;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * One table column as a DBF field: its type and width chosen from the Spark type and the measured values, and
 * the conversion of a value to what javadbf writes. Widths are as narrow as the data allows: text as long as
 * its longest value (254 bytes at most, longer values cut and counted), integers as many digits as the widest
 * value, decimals with 15 places (GDAL's default for reals; fewer when the integer part needs the room).
 */
final class DbfColumn {
  /** javadbf's (and dBASE's) widest number field. */
  static final int MAX_NUMBER_WIDTH = 32;
  private static final int REAL_DECIMALS = 15;

  /** What a column holds, and so how its values are converted. */
  enum Kind {
    TEXT("text"), INTEGER("integer"), REAL("real"), BOOLEAN("boolean"), DATE("date");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  final String column;
  final Kind kind;
  final DBFField field;
  private long truncated;
  private long nonFinite;

  private DbfColumn(String column, Kind kind, DBFField field) {
    this.column = column;
    this.kind = kind;
    this.field = field;
  }

  /**
   * @throws IllegalArgumentException for a type a DBF cannot hold, or numbers too wide for it
   */
  static DbfColumn of(String column, String fieldName, DataType type, ColumnProfile profile) {
    if (type.equals(DataTypes.StringType)) {
      int width = (int) Math.max(1, Math.min(LayerProfile.DBF_MAX_TEXT_BYTES, profile.maxBytes()));
      return new DbfColumn(column, Kind.TEXT, new DBFField(fieldName, DBFDataType.CHARACTER, width, 0));
    }
    if (LayerProfile.isIntegral(type)) {
      int width = Math.max(digits(profile.min()), digits(profile.max()));
      return new DbfColumn(column, Kind.INTEGER, new DBFField(fieldName, DBFDataType.NUMERIC, width, 0));
    }
    if (type.equals(DataTypes.DoubleType) || type.equals(DataTypes.FloatType) || type instanceof DecimalType) {
      int wanted = type instanceof DecimalType decimal ? decimal.scale() : REAL_DECIMALS;
      int integerWidth = digits(profile.max()) + 1; // the largest absolute value, and room for a minus sign
      int places = Math.min(wanted, MAX_NUMBER_WIDTH - integerWidth - 1);
      if (places < 0) {
        throw new IllegalArgumentException("column " + column + " holds values up to " + profile.max()
            + ", wider than a DBF number field (" + MAX_NUMBER_WIDTH + " characters)");
      }
      int width = integerWidth + (places > 0 ? places + 1 : 0);
      return new DbfColumn(column, Kind.REAL, new DBFField(fieldName, DBFDataType.NUMERIC, width, places));
    }
    if (type.equals(DataTypes.BooleanType)) {
      return new DbfColumn(column, Kind.BOOLEAN, new DBFField(fieldName, DBFDataType.LOGICAL, 1, 0));
    }
    if (type.equals(DataTypes.DateType)) {
      return new DbfColumn(column, Kind.DATE, new DBFField(fieldName, DBFDataType.DATE, 8, 0));
    }
    throw new IllegalArgumentException("column " + column + " (" + type.simpleString()
        + ") has no DBF field type; drop it, or write GeoPackage or GeoParquet");
  }

  /** The value javadbf writes; null for null. */
  Object convert(Object value) {
    if (value == null) {
      return null;
    }
    return switch (kind) {
      case TEXT -> text((String) value);
      case INTEGER -> ((Number) value).longValue();
      case REAL -> real(value);
      case BOOLEAN -> value;
      case DATE -> value instanceof LocalDate day ? java.sql.Date.valueOf(day) : value;
    };
  }

  /** How the field is described to users: "N(6,0) integer". */
  String describe() {
    return (char) field.getType().getCode() + "(" + field.getLength()
        + (field.getDecimalCount() > 0 ? "," + field.getDecimalCount() : "") + ") " + kind.label;
  }

  /** Values cut to the field width. */
  long truncated() {
    return truncated;
  }

  /** NaN and infinite values, written as null (a DBF number holds neither). */
  long nonFinite() {
    return nonFinite;
  }

  private String text(String value) {
    int width = field.getLength();
    if (value.length() * 3 <= width) {
      return value; // cannot be longer than the field in UTF-8
    }
    CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder();
    ByteBuffer room = ByteBuffer.allocate(width);
    CharBuffer chars = CharBuffer.wrap(value);
    utf8.encode(chars, room, true);
    if (!chars.hasRemaining()) {
      return value;
    }
    truncated++;
    return value.substring(0, chars.position()); // whole characters only
  }

  private Object real(Object value) {
    BigDecimal exact;
    if (value instanceof BigDecimal decimal) {
      exact = decimal;
    } else {
      double number = ((Number) value).doubleValue();
      if (!Double.isFinite(number)) {
        nonFinite++;
        return null;
      }
      // a float's own shortest digits, not those of its binary expansion as a double
      exact = value instanceof Float f ? new BigDecimal(Float.toString(f)) : BigDecimal.valueOf(number);
    }
    BigDecimal rounded = exact.setScale(field.getDecimalCount(), RoundingMode.HALF_EVEN);
    if (rounded.toPlainString().length() > field.getLength()) {
      // The profile measured the widest value; this is a guard, never a silent cut (javadbf would cut digits).
      throw new IllegalStateException("column " + column + ": " + exact + " does not fit its field of " + field.getLength());
    }
    return rounded;
  }

  /** Characters of the integer part, with a minus sign when negative; 1 for null (an all-null column). */
  private static int digits(BigDecimal value) {
    if (value == null) {
      return 1;
    }
    BigDecimal whole = value.abs().setScale(0, RoundingMode.CEILING);
    return whole.toPlainString().length() + (value.signum() < 0 ? 1 : 0);
  }
}
