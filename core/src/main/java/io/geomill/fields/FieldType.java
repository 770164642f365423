package io.geomill.fields;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The types {@code --add} creates, named as ArcPy's AddField names them (with SQL aliases), and what each is
 * in a DBF (type letter, default width and decimals) and in Spark (the type values are cast to).
 */
public enum FieldType {
  TEXT('C', 254, 0, DataTypes.StringType, "TEXT", "STRING"),
  SHORT('N', 6, 0, DataTypes.ShortType, "SHORT", "SMALLINT"),
  LONG('N', 11, 0, DataTypes.IntegerType, "LONG", "INTEGER", "INT"),
  BIGINTEGER('N', 20, 0, DataTypes.LongType, "BIGINTEGER", "BIGINT"),
  FLOAT('N', 13, 6, DataTypes.FloatType, "FLOAT"),
  DOUBLE('N', 24, 15, DataTypes.DoubleType, "DOUBLE"),
  DATE('D', 8, 0, DataTypes.DateType, "DATE"),
  BOOLEAN('L', 1, 0, DataTypes.BooleanType, "BOOLEAN");

  /** dBASE's widest character field. */
  public static final int MAX_TEXT_LENGTH = 254;
  /** The widest number field javadbf (and GDAL's default reals) write. */
  public static final int MAX_NUMBER_WIDTH = 32;

  public final char dbfType;
  public final int defaultLength;
  public final int defaultScale;
  public final DataType sparkType;
  private final String[] names;

  FieldType(char dbfType, int defaultLength, int defaultScale, DataType sparkType, String... names) {
    this.dbfType = dbfType;
    this.defaultLength = defaultLength;
    this.defaultScale = defaultScale;
    this.sparkType = sparkType;
    this.names = names;
  }

  public static Optional<FieldType> ofName(String name) {
    String upper = name.strip().toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(t -> Arrays.asList(t.names).contains(upper)).findFirst();
  }

  public static String knownNames() {
    return String.join(", ", Arrays.stream(values()).map(t -> String.join("/", t.names)).toList());
  }

  boolean takesLength() {
    return this != DATE && this != BOOLEAN;
  }

  boolean takesScale() {
    return this == FLOAT || this == DOUBLE;
  }
}
