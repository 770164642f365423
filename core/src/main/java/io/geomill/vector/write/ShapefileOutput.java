package io.geomill.vector.write;

import com.linuxense.javadbf.DBFField;
import com.linuxense.javadbf.DBFWriter;
import io.geomill.vector.LayerCrs;
import io.geomill.vector.write.LayerProfile.ColumnProfile;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.locationtech.jts.geom.Geometry;

/**
 * Writes a table as an ESRI shapefile in a local folder: {@code NAME.shp} and {@code .shx} (GeoMill's
 * {@link ShpWriter}), {@code .dbf} (javadbf, UTF-8), {@code .prj} (the CRS as WKT 1 laid out as ESRI writes it)
 * and {@code .cpg} ("UTF-8"). The rows are streamed from Spark one partition at a time, so the driver holds
 * one partition, never the table; one aggregation first measures what the fixed-width DBF fields need.
 *
 * <p>Limits of the format, each reported or refused with the column named: one geometry family per file
 * (Polygon with MultiPolygon, Point with MultiPoint, LineString with MultiLineString); 2D shapes (Z dropped,
 * counted); field names of at most 10 characters (cut without collisions, the mapping reported); text of at
 * most 254 bytes (longer values cut, counted); at most 255 fields; 2 GB per file, refused before it is passed.
 */
public final class ShapefileOutput {
  /** The sidecars written beside the .shp, in the order they are committed (the .shp last). */
  public static final List<String> SIDECARS = List.of(".shx", ".dbf", ".prj", ".cpg");
  private static final int MAX_FIELDS = 255;
  private static final int MAX_RECORD_BYTES = 65_535;
  private static final int DBF_HEADER_BYTES = 32;
  private static final int DBF_FIELD_BYTES = 32;

  private final long maxFileBytes;

  /** With the format's own 2 GB limit per file. */
  public ShapefileOutput() {
    this(ShpWriter.MAX_FILE_BYTES);
  }

  /** With a smaller limit per file (tests). */
  ShapefileOutput(long maxFileBytes) {
    this.maxFileBytes = maxFileBytes;
  }

  /**
   * @param name the stem of the files, e.g. "summary" for summary.shp
   * @return what users should know: field names cut, values cut, geometries dropped to 2D
   * @throws IllegalArgumentException when the table cannot be a shapefile (mixed geometry types, a column
   *                                  type DBF lacks, too many fields, a file past 2 GB); the message says why
   */
  public List<String> write(Dataset<Row> table, String geometryColumn, LayerCrs crs, File folder, String name)
      throws IOException {
    LayerProfile profile = LayerProfile.of(table, geometryColumn);
    ShapeType type;
    try {
      type = ShapeType.of(profile.geometryTypes());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ".shp: " + e.getMessage()
          + "; write one geometry type per shapefile, or GeoPackage or GeoParquet", e);
    }
    List<StructField> attributes = new ArrayList<>();
    for (StructField field : table.schema().fields()) {
      if (!field.name().equals(geometryColumn)) {
        attributes.add(field);
      }
    }
    List<DbfColumn> columns = columns(name, attributes, profile);
    List<String> notes = new ArrayList<>();
    List<String> renamed = new ArrayList<>();
    for (DbfColumn column : columns) {
      if (!column.field.getName().equals(column.column)) {
        renamed.add(column.column + " -> " + column.field.getName());
      }
    }
    if (!renamed.isEmpty()) {
      notes.add("DBF field names (at most 10 ASCII characters): " + String.join(", ", renamed));
    }
    checkDbfSize(name, columns, profile.rows());

    int geometryIndex = table.schema().fieldIndex(geometryColumn);
    int[] indexes = attributes.stream().mapToInt(f -> table.schema().fieldIndex(f.name())).toArray();
    File shp = new File(folder, name + ".shp");
    File dbf = new File(folder, name + ".dbf");
    DBFWriter dbfWriter = new DBFWriter(dbf, StandardCharsets.UTF_8);
    try (ShpWriter shapes = new ShpWriter(shp, type, maxFileBytes)) {
      dbfWriter.setFields(columns.stream().map(c -> c.field).toArray(DBFField[]::new));
      Object[] record = new Object[columns.size()];
      Iterator<Row> rows = table.toLocalIterator();
      long index = 0;
      while (rows.hasNext()) {
        Row row = rows.next();
        shapes.write((Geometry) row.get(geometryIndex));
        for (int i = 0; i < indexes.length; i++) {
          record[i] = columns.get(i).convert(row.get(indexes[i]));
        }
        if (indexes.length == 0) {
          record[0] = index;
        }
        dbfWriter.addRecord(record);
        index++;
      }
    } finally {
      dbfWriter.close();
    }
    Files.writeString(new File(folder, name + ".prj").toPath(), prj(crs), StandardCharsets.ISO_8859_1);
    Files.writeString(new File(folder, name + ".cpg").toPath(), "UTF-8", StandardCharsets.ISO_8859_1);

    for (DbfColumn column : columns) {
      if (column.truncated() > 0) {
        notes.add(column.column + ": " + column.truncated() + " value(s) longer than " + column.field.getLength()
            + " bytes cut to fit the DBF field");
      }
      if (column.nonFinite() > 0) {
        notes.add(column.column + ": " + column.nonFinite() + " NaN or infinite value(s) written as null");
      }
    }
    if (profile.withZ() > 0) {
      notes.add(profile.withZ() + " geometries with Z written in 2D (x, y)");
    }
    if (profile.noGeometry() > 0) {
      notes.add(profile.noGeometry() + " rows without geometry written as null shapes");
    }
    return notes;
  }

  /**
   * The CRS for the .prj: WKT 1 without the AXIS, AUTHORITY and TOWGS84 nodes, as ESRI lays .prj files out.
   * GeoTools' own "ESRI" flavour renames some projections to names GDAL does not know (Lambert Conformal Conic
   * among them); with OGC names GDAL identifies the EPSG code of each CRS the tests try.
   */
  static String prj(LayerCrs crs) {
    if (crs == null) {
      return "";
    }
    return crs.wkt().replaceAll(",\\s*AXIS\\[\"[^\"]*\",\\s*\\w+\\]", "")
        .replaceAll(",\\s*AUTHORITY\\[\"[^\"]*\",\\s*\"[^\"]*\"\\]", "")
        .replaceAll(",\\s*TOWGS84\\[[^\\]]*\\]", "");
  }

  private static List<DbfColumn> columns(String name, List<StructField> attributes, LayerProfile profile) {
    if (attributes.isEmpty()) {
      // A DBF needs a field: the row number, as GDAL writes a table without attributes.
      return List.of(DbfColumn.of("FID", "FID", DataTypes.LongType, new ColumnProfile(0, 0, BigDecimal.ZERO,
          BigDecimal.valueOf(Math.max(0, profile.rows() - 1)), 0)));
    }
    if (attributes.size() > MAX_FIELDS) {
      throw new IllegalArgumentException(name + ".shp: " + attributes.size() + " attribute columns, more than the "
          + MAX_FIELDS + " a DBF holds; write GeoPackage or GeoParquet");
    }
    Map<String, String> fieldNames = DbfFieldNames.of(attributes.stream().map(StructField::name).toList());
    List<DbfColumn> columns = new ArrayList<>();
    for (StructField field : attributes) {
      try {
        columns.add(DbfColumn.of(field.name(), fieldNames.get(field.name()), field.dataType(),
            profile.columns().get(field.name())));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + ".dbf: " + e.getMessage(), e);
      }
    }
    return columns;
  }

  /** Refuses a DBF that would pass the limits, before anything is written. */
  private void checkDbfSize(String name, List<DbfColumn> columns, long rows) {
    long recordBytes = 1 + columns.stream().mapToLong(c -> c.field.getLength()).sum(); // the deletion flag
    if (recordBytes > MAX_RECORD_BYTES) {
      throw new IllegalArgumentException(name + ".dbf: records of " + recordBytes + " bytes, more than the "
          + MAX_RECORD_BYTES + " a DBF holds; write GeoPackage or GeoParquet");
    }
    long bytes = DBF_HEADER_BYTES + DBF_FIELD_BYTES * (long) columns.size() + 1 + rows * recordBytes + 1;
    if (bytes > maxFileBytes) {
      throw new ShapefileLimitException(name + ".dbf: " + rows + " records of " + recordBytes + " bytes would take "
          + bytes + " bytes, past the " + ShpWriter.limitText(maxFileBytes) + " shapefile limit; write GeoPackage"
          + " or GeoParquet instead");
    }
  }
}
