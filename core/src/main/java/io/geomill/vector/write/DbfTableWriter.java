package io.geomill.vector.write;

import com.linuxense.javadbf.DBFField;
import com.linuxense.javadbf.DBFWriter;
import java.io.Closeable;
import java.io.File;
import java.nio.charset.Charset;
import java.util.List;

/**
 * Writes a shapefile's table (.dbf) with javadbf, field by field as defined: the one DBF writer of GeoMill. The
 * shapefile writer gives it fields it sized from the data; calculate-fields gives it an existing file's fields
 * as they are plus the ones a user adds. The format's limits are checked before anything is written
 * ({@link #checkLimits}).
 */
public final class DbfTableWriter implements Closeable {
  static final int MAX_FIELDS = 255;
  static final int MAX_RECORD_BYTES = 65_535;
  private static final int HEADER_BYTES = 32;
  private static final int FIELD_BYTES = 32;

  private final List<DbfColumn> columns;
  private final DBFWriter writer;

  private DbfTableWriter(File file, Charset charset, List<DbfColumn> columns) {
    this.columns = List.copyOf(columns);
    this.writer = new DBFWriter(file, charset);
    writer.setFields(columns.stream().map(c -> c.field).toArray(DBFField[]::new));
  }

  /** A table of given fields in the code page {@code charset}; {@link #checkLimits} first. */
  public static DbfTableWriter create(File file, Charset charset, List<DBFField> fields) {
    return new DbfTableWriter(file, charset, fields.stream().map(f -> DbfColumn.given(f, charset)).toList());
  }

  static DbfTableWriter of(File file, Charset charset, List<DbfColumn> columns) {
    return new DbfTableWriter(file, charset, columns);
  }

  /**
   * Refuses a table the format cannot hold, before anything is written: more than 255 fields, names longer than
   * 10 characters, not ASCII or the same without regard to case, records over 65,535 bytes, a file past
   * {@code maxFileBytes}.
   *
   * @param name how messages name the table ("roads.dbf")
   * @throws IllegalArgumentException naming the table and the limit
   */
  public static void checkLimits(String name, List<DBFField> fields, long rows, long maxFileBytes) {
    if (fields.size() > MAX_FIELDS) {
      throw new IllegalArgumentException(name + ": " + fields.size() + " fields, more than the " + MAX_FIELDS
          + " a DBF holds; write GeoPackage or GeoParquet");
    }
    java.util.Set<String> names = new java.util.HashSet<>();
    for (DBFField field : fields) {
      String fieldName = field.getName();
      if (fieldName.length() > DbfFieldNames.MAX_LENGTH || !fieldName.chars().allMatch(c -> c > 32 && c < 127)) {
        throw new IllegalArgumentException(name + ": field name " + fieldName + " is not a DBF name (at most "
            + DbfFieldNames.MAX_LENGTH + " ASCII characters, no spaces)");
      }
      if (!names.add(fieldName.toLowerCase(java.util.Locale.ROOT))) {
        throw new IllegalArgumentException(name + ": two fields named " + fieldName
            + " (DBF names are compared without regard to case)");
      }
    }
    long recordBytes = 1 + fields.stream().mapToLong(DBFField::getLength).sum(); // the deletion flag
    if (recordBytes > MAX_RECORD_BYTES) {
      throw new IllegalArgumentException(name + ": records of " + recordBytes + " bytes, more than the "
          + MAX_RECORD_BYTES + " a DBF holds; write GeoPackage or GeoParquet");
    }
    long bytes = HEADER_BYTES + FIELD_BYTES * (long) fields.size() + 1 + rows * recordBytes + 1;
    if (bytes > maxFileBytes) {
      throw new ShapefileLimitException(name + ": " + rows + " records of " + recordBytes + " bytes would take "
          + bytes + " bytes, past the " + ShpWriter.limitText(maxFileBytes) + " shapefile limit; write GeoPackage"
          + " or GeoParquet instead");
    }
  }

  /** The format's 2 GB limit. */
  public static long maxFileBytes() {
    return ShpWriter.MAX_FILE_BYTES;
  }

  /** Why {@code value} does not fit field {@code index} without loss, or null (see {@link DbfColumn#misfit}). */
  public String misfit(int index, Object value) {
    return columns.get(index).misfit(value);
  }

  /** A plain Java value (String, Number, Boolean, LocalDate) as javadbf writes it into field {@code index}. */
  public Object convert(int index, Object value) {
    return columns.get(index).convert(value);
  }

  /** One record of javadbf values (as {@link #convert} gives them, or as javadbf read them). */
  public void add(Object[] record) {
    writer.addRecord(record);
  }

  @Override
  public void close() {
    writer.close();
  }
}
