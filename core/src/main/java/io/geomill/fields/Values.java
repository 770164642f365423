package io.geomill.fields;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Field values between their Java form (what javadbf and JDBC give and take) and Spark's internal form (what a
 * Catalyst expression reads from and returns in an InternalRow).
 */
final class Values {
  private Values() {}

  /** A stored value as Spark holds it for {@code type}. */
  static Object toInternal(Object value, DataType type) {
    if (value == null) {
      return null;
    }
    if (type.equals(DataTypes.StringType)) {
      return UTF8String.fromString(value.toString());
    }
    if (type instanceof DecimalType decimal) {
      BigDecimal exact = value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
      Decimal internal = Decimal.apply(exact);
      if (!internal.changePrecision(decimal.precision(), decimal.scale())) {
        throw new IllegalArgumentException(exact + " does not fit " + decimal.simpleString());
      }
      return internal;
    }
    if (type.equals(DataTypes.LongType)) {
      return value instanceof BigDecimal b ? b.longValueExact() : ((Number) value).longValue();
    }
    if (type.equals(DataTypes.IntegerType)) {
      return value instanceof BigDecimal b ? b.intValueExact() : ((Number) value).intValue();
    }
    if (type.equals(DataTypes.ShortType)) {
      return ((Number) value).shortValue();
    }
    if (type.equals(DataTypes.ByteType)) {
      return ((Number) value).byteValue();
    }
    if (type.equals(DataTypes.DoubleType)) {
      return ((Number) value).doubleValue();
    }
    if (type.equals(DataTypes.FloatType)) {
      return ((Number) value).floatValue();
    }
    if (type.equals(DataTypes.BooleanType)) {
      return value instanceof Number n ? n.intValue() != 0 : (Boolean) value;
    }
    if (type.equals(DataTypes.DateType)) {
      LocalDate day = value instanceof LocalDate d ? d : value instanceof java.util.Date date
          ? new java.sql.Date(date.getTime()).toLocalDate() : LocalDate.parse(value.toString().substring(0, 10));
      return (int) day.toEpochDay();
    }
    if (type.equals(DataTypes.TimestampType)) {
      Instant instant = value instanceof Timestamp t ? t.toInstant() : parseInstant(value.toString());
      return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
    }
    return value; // binary
  }

  /** Spark's internal value as a plain Java value: String, Long, Double, BigDecimal, LocalDate, Instant... */
  static Object toJava(Object internal, DataType type) {
    if (internal == null) {
      return null;
    }
    if (internal instanceof UTF8String text) {
      return text.toString();
    }
    if (internal instanceof Decimal decimal) {
      return decimal.toJavaBigDecimal();
    }
    if (type.equals(DataTypes.DateType)) {
      return LocalDate.ofEpochDay((Integer) internal);
    }
    if (type.equals(DataTypes.TimestampType)) {
      long micros = (Long) internal;
      return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }
    return internal;
  }

  private static Instant parseInstant(String text) {
    String iso = text.strip().replace(' ', 'T');
    try {
      return OffsetDateTime.parse(iso).toInstant();
    } catch (RuntimeException e) {
      return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
    }
  }
}
