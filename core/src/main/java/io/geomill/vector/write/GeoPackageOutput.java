package io.geomill.vector.write;

import io.geomill.vector.LayerCrs;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import mil.nga.geopackage.BoundingBox;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.contents.Contents;
import mil.nga.geopackage.contents.ContentsDao;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.extension.rtree.RTreeIndexExtension;
import mil.nga.geopackage.features.columns.GeometryColumns;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureTable;
import mil.nga.geopackage.features.user.FeatureTableMetadata;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import mil.nga.geopackage.srs.SpatialReferenceSystemDao;
import mil.nga.sf.GeometryType;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;

/**
 * Writes a table as one feature table of a new GeoPackage (NGA's {@code geopackage} library for the schema,
 * the spatial reference system, the geometry encoding and the R-tree index). The rows are streamed from
 * Spark one partition at a time and inserted with batched prepared statements, one transaction per
 * {@value #BATCH_ROWS} rows; the R-tree is built once at the end, which is faster than a trigger per row.
 *
 * <p>A row without geometry gets an empty geometry of the column's type (see {@link #empty}). The geometry column
 * type comes from the data: one type as it is; a type with its multi form (Polygon
 * and MultiPolygon) as the multi form, the single geometries promoted; anything more mixed as GEOMETRY.
 * Columns: text TEXT, booleans BOOLEAN, integers TINYINT/SMALLINT/MEDIUMINT/INTEGER by width, float FLOAT,
 * double and decimal DOUBLE, date DATE, binary BLOB; other types (timestamps, arrays, maps, structs) are
 * refused with the column named.
 */
public final class GeoPackageOutput {
  static final int BATCH_ROWS = 10_000;
  /** The first srs_id of the user range, for a CRS without an EPSG code. */
  private static final int USER_SRS_ID = 100_000;
  private static final int GEOPACKAGE_1_3 = 10_300;
  private static final GeometryFactory EMPTY = new GeometryFactory();

  /**
   * @param file      the .gpkg to create (must not exist)
   * @param tableName the feature table
   * @return what users should know (geometries promoted, Z dropped)
   * @throws IllegalArgumentException for a column type a GeoPackage cannot hold
   */
  public List<String> write(Dataset<Row> table, String geometryColumn, LayerCrs crs, File file, String tableName)
      throws IOException {
    LayerProfile profile = LayerProfile.of(table, geometryColumn);
    GeometryType geometryType = geometryType(profile.geometryTypes());
    List<StructField> attributes = new ArrayList<>();
    List<FeatureColumn> columns = new ArrayList<>();
    for (StructField field : table.schema().fields()) {
      if (!field.name().equals(geometryColumn)) {
        attributes.add(field);
        columns.add(FeatureColumn.createColumn(field.name(), dataType(file, field)));
      }
    }
    String idColumn = attributes.stream().anyMatch(f -> f.name().equalsIgnoreCase("fid")) ? "geomill_fid" : "fid";
    GeoPackageManager.create(file);
    GeoPackage geoPackage = GeoPackageManager.open(file);
    try {
      long srsId = srs(geoPackage, crs).getSrsId();
      GeometryColumns geometryColumns = new GeometryColumns();
      geometryColumns.setTableName(tableName);
      geometryColumns.setColumnName(geometryColumn);
      geometryColumns.setGeometryType(geometryType);
      geometryColumns.setSrsId(srsId);
      geometryColumns.setZ((byte) 0);
      geometryColumns.setM((byte) 0);
      FeatureTable featureTable = geoPackage.createFeatureTable(
          FeatureTableMetadata.create(geometryColumns, idColumn, columns));
      Envelope extent = insertRows(geoPackage, table, geometryColumn, attributes, tableName, geometryType, srsId);
      new RTreeIndexExtension(geoPackage).create(featureTable);
      // NGA stamps GeoPackage 1.4; GDAL before 3.7 (Debian 12 has 3.6) warns on every open of a 1.4 file. The
      // tables written here are those of 1.3 (no 1.4 extension is used), so the file says 1.3.
      geoPackage.execSQL("PRAGMA user_version = " + GEOPACKAGE_1_3);
      if (!extent.isNull()) {
        ContentsDao contentsDao = geoPackage.getContentsDao();
        Contents contents = contentsDao.queryForId(tableName);
        contents.setBoundingBox(new BoundingBox(extent.getMinX(), extent.getMinY(), extent.getMaxX(),
            extent.getMaxY()));
        contentsDao.update(contents);
      }
    } catch (SQLException e) {
      throw new IOException(file.getName() + ": " + e.getMessage(), e);
    } finally {
      geoPackage.close();
    }
    List<String> notes = new ArrayList<>();
    if (profile.geometryTypes().size() > 1) {
      notes.add("geometry types " + String.join(", ", profile.geometryTypes()) + " written as "
          + geometryType.getName());
    }
    if (profile.withZ() > 0) {
      notes.add(profile.withZ() + " geometries with Z written in 2D (x, y)");
    }
    if (profile.noGeometry() > 0) {
      notes.add(profile.noGeometry() + " rows without geometry written with an empty geometry");
    }
    return notes;
  }

  private static Envelope insertRows(GeoPackage geoPackage, Dataset<Row> table, String geometryColumn,
      List<StructField> attributes, String tableName, GeometryType geometryType, long srsId)
      throws SQLException, IOException {
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(quote(tableName)).append(" (")
        .append(quote(geometryColumn));
    for (StructField field : attributes) {
      sql.append(", ").append(quote(field.name()));
    }
    sql.append(") VALUES (?").append(", ?".repeat(attributes.size())).append(")");
    int geometryIndex = table.schema().fieldIndex(geometryColumn);
    int[] indexes = attributes.stream().mapToInt(f -> table.schema().fieldIndex(f.name())).toArray();
    WKBWriter wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN);
    Envelope extent = new Envelope();
    Connection connection = geoPackage.getConnection().getConnection();
    geoPackage.beginTransaction();
    boolean done = false;
    try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
      Iterator<Row> rows = table.toLocalIterator();
      int batched = 0;
      while (rows.hasNext()) {
        Row row = rows.next();
        Geometry geometry = (Geometry) row.get(geometryIndex);
        Geometry written = geometry == null ? empty(geometryType) : promoted(geometry, geometryType);
        extent.expandToInclude(written.getEnvelopeInternal());
        byte[] body = wkb.write(written);
        insert.setBytes(1, written.isEmpty() ? emptyBlob(srsId, body)
            : written instanceof Point ? GeoPackageGeometryData.bytesFromWkb(srsId, body)
            : GeoPackageGeometryData.bytesFromWkbAndBuildEnvelope(srsId, body));
        for (int i = 0; i < indexes.length; i++) {
          set(insert, i + 2, attributes.get(i).dataType(), row.get(indexes[i]));
        }
        insert.addBatch();
        if (++batched == BATCH_ROWS) {
          insert.executeBatch();
          geoPackage.endAndBeginTransaction();
          batched = 0;
        }
      }
      insert.executeBatch();
      done = true;
    } finally {
      geoPackage.endTransaction(done);
    }
    return extent;
  }

  private static void set(PreparedStatement insert, int index, DataType type, Object value) throws SQLException {
    if (value == null) {
      insert.setNull(index, Types.NULL);
    } else if (type.equals(DataTypes.FloatType)) {
      insert.setDouble(index, Double.parseDouble(Float.toString((Float) value))); // the float's own digits
    } else if (type instanceof DecimalType) {
      insert.setDouble(index, ((BigDecimal) value).doubleValue());
    } else if (type.equals(DataTypes.BooleanType)) {
      insert.setInt(index, (Boolean) value ? 1 : 0);
    } else if (type.equals(DataTypes.DateType)) {
      insert.setString(index, (value instanceof LocalDate day ? day : ((java.sql.Date) value).toLocalDate())
          .toString());
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      insert.setLong(index, ((Number) value).longValue());
    } else if (value instanceof Double number) {
      insert.setDouble(index, number);
    } else if (value instanceof byte[] bytes) {
      insert.setBytes(index, bytes);
    } else {
      insert.setString(index, value.toString());
    }
  }

  private static GeoPackageDataType dataType(File file, StructField field) {
    DataType type = field.dataType();
    if (type.equals(DataTypes.StringType)) {
      return GeoPackageDataType.TEXT;
    } else if (type.equals(DataTypes.BooleanType)) {
      return GeoPackageDataType.BOOLEAN;
    } else if (type.equals(DataTypes.ByteType)) {
      return GeoPackageDataType.TINYINT;
    } else if (type.equals(DataTypes.ShortType)) {
      return GeoPackageDataType.SMALLINT;
    } else if (type.equals(DataTypes.IntegerType)) {
      return GeoPackageDataType.MEDIUMINT;
    } else if (type.equals(DataTypes.LongType)) {
      return GeoPackageDataType.INTEGER;
    } else if (type.equals(DataTypes.FloatType)) {
      return GeoPackageDataType.FLOAT;
    } else if (type.equals(DataTypes.DoubleType) || type instanceof DecimalType) {
      return GeoPackageDataType.DOUBLE;
    } else if (type.equals(DataTypes.DateType)) {
      return GeoPackageDataType.DATE;
    } else if (type.equals(DataTypes.BinaryType)) {
      return GeoPackageDataType.BLOB;
    }
    throw new IllegalArgumentException(file.getName() + ": column " + field.name() + " (" + type.simpleString()
        + ") has no GeoPackage column type; drop it, or write GeoParquet");
  }

  /** The layer's CRS in gpkg_spatial_ref_sys: by EPSG code when it has one, else its WKT in the user range. */
  private static SpatialReferenceSystem srs(GeoPackage geoPackage, LayerCrs crs) throws SQLException {
    SpatialReferenceSystemDao dao = geoPackage.getSpatialReferenceSystemDao();
    if (crs == null) {
      return dao.queryForId(-1L); // "undefined Cartesian SRS", present in every GeoPackage
    }
    long id = crs.epsg() != null ? crs.epsg() : USER_SRS_ID;
    SpatialReferenceSystem existing = dao.queryForId(id);
    if (existing != null) {
      return existing;
    }
    SpatialReferenceSystem srs = new SpatialReferenceSystem();
    srs.setSrsId(id);
    srs.setSrsName(crs.label());
    srs.setOrganization(crs.epsg() != null ? "EPSG" : "NONE");
    srs.setOrganizationCoordsysId(id);
    srs.setDefinition(crs.wkt());
    dao.create(srs);
    return srs;
  }

  /** The column's type: one type as it is, a type with its multi form as the multi form, else GEOMETRY. */
  static GeometryType geometryType(Set<String> types) {
    Set<String> names = new java.util.TreeSet<>();
    for (String type : types) {
      names.add(type.equals("LinearRing") ? "LineString" : type);
    }
    if (names.size() == 1) {
      return GeometryType.findName(names.iterator().next());
    }
    for (String single : List.of("Point", "LineString", "Polygon")) {
      if (names.equals(Set.of(single, "Multi" + single))) {
        return GeometryType.findName("Multi" + single);
      }
    }
    return GeometryType.GEOMETRY;
  }

  /**
   * What a row without geometry gets: an empty geometry of the column's type, not NULL. Sedona 1.8.0's
   * GeoPackage reader, GeoMill's own for inputs, fails on a NULL geometry; an empty one reads back everywhere.
   */
  private static Geometry empty(GeometryType type) {
    return switch (type) {
      case POINT -> EMPTY.createPoint();
      case LINESTRING -> EMPTY.createLineString();
      case POLYGON -> EMPTY.createPolygon();
      case MULTIPOINT -> EMPTY.createMultiPoint();
      case MULTILINESTRING -> EMPTY.createMultiLineString();
      case MULTIPOLYGON -> EMPTY.createMultiPolygon();
      default -> EMPTY.createGeometryCollection();
    };
  }

  /**
   * A GeoPackage geometry blob flagged empty, with its WKB: NGA writes an empty point as a header without WKB,
   * which GDAL accepts and Sedona's reader cannot read. Header (GeoPackage 1.3, 2.1.3): "GP", version 0,
   * flags (bit 4 empty, bits 1-3 envelope 0 = none, bit 0 little-endian), the srs_id.
   */
  private static byte[] emptyBlob(long srsId, byte[] wkb) {
    return ByteBuffer.allocate(8 + wkb.length).order(ByteOrder.LITTLE_ENDIAN).put((byte) 'G').put((byte) 'P')
        .put((byte) 0).put((byte) 0b1_0001).putInt((int) srsId).put(wkb).array();
  }

  private static Geometry promoted(Geometry geometry, GeometryType type) {
    GeometryFactory factory = geometry.getFactory();
    if (type == GeometryType.MULTIPOLYGON && geometry instanceof Polygon polygon) {
      return factory.createMultiPolygon(new Polygon[] {polygon});
    }
    if (type == GeometryType.MULTILINESTRING && geometry instanceof LineString line) {
      return factory.createMultiLineString(new LineString[] {line});
    }
    if (type == GeometryType.MULTIPOINT && geometry instanceof Point point) {
      return factory.createMultiPoint(new Point[] {point});
    }
    return geometry;
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
