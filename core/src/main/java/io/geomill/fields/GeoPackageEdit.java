package io.geomill.fields;

import io.geomill.fields.Calculation.Evaluator;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import mil.nga.geopackage.extension.rtree.GeometryFunction;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.sf.GeometryEnvelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.sqlite.SQLiteConfig;

/**
 * Edits the feature tables of a copy of a GeoPackage with SQL, in one transaction: {@code ALTER TABLE ... ADD
 * COLUMN} (types as GeoMill's GeoPackage writer declares them), one {@code UPDATE} per feature for the set
 * fields, {@code ALTER TABLE ... DROP COLUMN}. Everything else in the file (other tables, the R-tree index,
 * styles, metadata, feature ids and order) is the input's.
 */
final class GeoPackageEdit {
  private GeoPackageEdit() {}

  /** The feature layers of a GeoPackage, all of them or the one named. */
  static List<EditTarget.LayerPlan> layers(File gpkg, String only) throws SQLException {
    try (Connection db = open(gpkg, true)) {
      List<String[]> tables = new ArrayList<>();
      try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(
          "SELECT c.table_name, g.column_name FROM gpkg_contents c JOIN gpkg_geometry_columns g"
              + " ON g.table_name = c.table_name WHERE lower(c.data_type) = 'features' ORDER BY c.table_name")) {
        while (rows.next()) {
          tables.add(new String[] {rows.getString(1), rows.getString(2)});
        }
      }
      if (only != null && tables.stream().noneMatch(t -> t[0].equals(only))) {
        throw new FieldEditException("no feature layer \"" + only + "\"; its feature layers: " + String.join(", ",
            tables.stream().map(t -> t[0]).toList()));
      }
      if (tables.isEmpty()) {
        throw new FieldEditException("the GeoPackage has no feature layers");
      }
      List<EditTarget.LayerPlan> layers = new ArrayList<>();
      for (String[] table : tables) {
        if (only != null && !table[0].equals(only)) {
          continue;
        }
        List<LayerField> fields = layers(db, table[0]);
        String key = primaryKey(db, table[0]);
        if (key == null) {
          throw new FieldEditException("layer " + table[0] + " has no INTEGER PRIMARY KEY (the GeoPackage feature id)");
        }
        layers.add(new EditTarget.LayerPlan(table[0], table[1], key, fields, null));
      }
      return layers;
    }
  }

  /** Applies the calculations to the layers of {@code gpkg} (a copy, edited in place); returns the features. */
  static long edit(File gpkg, List<EditTarget.LayerPlan> layers, List<Calculation> calculations, String fileName,
      String filePath) throws SQLException, IOException {
    long features = 0;
    try (Connection db = open(gpkg, false)) {
      db.setAutoCommit(false);
      try {
        for (int i = 0; i < layers.size(); i++) {
          features += editLayer(db, layers.get(i), calculations.get(i), fileName, filePath);
        }
        db.commit();
      } catch (SQLException | RuntimeException e) {
        db.rollback();
        throw e;
      }
    }
    return features;
  }

  private static long editLayer(Connection db, EditTarget.LayerPlan layer, Calculation calculation, String fileName,
      String filePath) throws SQLException {
    List<LayerField> current = layers(db, layer.name());
    if (!current.equals(layer.fields())) {
      throw new FieldEditException("layer " + layer.name() + " changed since the job started (its fields differ);"
          + " rerun");
    }
    String table = quote(layer.name());
    try (Statement statement = db.createStatement()) {
      for (LayerField added : calculation.added()) {
        statement.executeUpdate("ALTER TABLE " + table + " ADD COLUMN " + quote(added.name()) + " " + added.sqlType());
      }
    }
    List<LayerField> existing = calculation.existing();
    List<Integer> set = new ArrayList<>();
    for (int column = 0; column < existing.size() + calculation.added().size(); column++) {
      if (calculation.isSet(column)) {
        set.add(column);
      }
    }
    long features = 0;
    if (!set.isEmpty()) {
      features = update(db, layer, calculation, set, fileName, filePath);
    }
    try (Statement statement = db.createStatement()) {
      java.util.Set<Integer> kept = new java.util.HashSet<>();
      for (int column : calculation.outputColumns()) {
        kept.add(column);
      }
      for (int column = 0; column < existing.size(); column++) {
        if (!kept.contains(column)) {
          statement.executeUpdate("ALTER TABLE " + table + " DROP COLUMN " + quote(existing.get(column).name()));
        }
      }
      try (PreparedStatement touch = db.prepareStatement(
          "UPDATE gpkg_contents SET last_change = ? WHERE table_name = ?")) {
        touch.setString(1, DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(
            java.time.temporal.ChronoUnit.MILLIS)));
        touch.setString(2, layer.name());
        touch.executeUpdate();
      }
    }
    return features;
  }

  private static long update(Connection db, EditTarget.LayerPlan layer, Calculation calculation, List<Integer> set,
      String fileName, String filePath) throws SQLException {
    List<LayerField> existing = calculation.existing();
    StringBuilder select = new StringBuilder("SELECT ").append(quote(layer.primaryKey()));
    existing.forEach(f -> select.append(", ").append(quote(f.name())));
    select.append(", ").append(quote(layer.geometryColumn())).append(" FROM ").append(quote(layer.name()))
        .append(" ORDER BY ").append(quote(layer.primaryKey()));
    StringBuilder update = new StringBuilder("UPDATE ").append(quote(layer.name())).append(" SET ");
    List<LayerField> all = new ArrayList<>(existing);
    all.addAll(calculation.added());
    for (int i = 0; i < set.size(); i++) {
      update.append(i > 0 ? ", " : "").append(quote(all.get(set.get(i)).name())).append(" = ?");
    }
    update.append(" WHERE ").append(quote(layer.primaryKey())).append(" = ?");
    Evaluator evaluator = calculation.evaluator(ShapefileEdit.stem(fileName), fileName, filePath, layer.name());
    WKBReader wkb = new WKBReader();
    long feature = 0;
    try (Statement query = db.createStatement(); ResultSet rows = query.executeQuery(select.toString());
        PreparedStatement writes = db.prepareStatement(update.toString())) {
      while (rows.next()) {
        feature++;
        for (int c = 0; c < existing.size(); c++) {
          evaluator.load(c, rows.getObject(c + 2), feature);
        }
        if (calculation.needsGeometry()) {
          evaluator.loadGeometry(geometry(rows.getBytes(existing.size() + 2), wkb, evaluator, feature));
        }
        evaluator.evaluate(feature);
        for (int i = 0; i < set.size(); i++) {
          LayerField field = all.get(set.get(i));
          Object value = evaluator.value(set.get(i));
          String misfit = misfit(field, value);
          if (misfit != null) {
            evaluator.fail("field " + field.name(), feature, misfit);
            value = null;
          }
          writes.setObject(i + 1, stored(value));
        }
        writes.setLong(set.size() + 1, rows.getLong(1));
        writes.addBatch();
        if (feature % 10_000 == 0) {
          writes.executeBatch();
        }
      }
      writes.executeBatch();
    }
    String problems = evaluator.problems();
    if (problems != null) {
      throw new FieldEditException("layer " + layer.name() + ": " + problems);
    }
    return feature;
  }

  private static Geometry geometry(byte[] blob, WKBReader wkb, Evaluator evaluator, long feature) {
    if (blob == null) {
      return null;
    }
    try {
      GeoPackageGeometryData data = GeoPackageGeometryData.create(blob);
      return data.isEmpty() || data.getWkb() == null ? null : wkb.read(data.getWkb());
    } catch (IOException | ParseException | RuntimeException e) {
      evaluator.fail("geometry", feature, e);
      return null;
    }
  }

  /** A TEXT(n) column holds at most n characters. */
  private static String misfit(LayerField field, Object value) {
    if (value instanceof String text && field.length() > 0 && text.codePointCount(0, text.length()) > field.length()) {
      return "a value of " + text.codePointCount(0, text.length()) + " characters, more than the "
          + field.sqlType() + " column holds";
    }
    return null;
  }

  /** A value as the GeoPackage stores it: dates as ISO text, booleans as 0/1, decimals as doubles. */
  private static Object stored(Object value) {
    if (value instanceof LocalDate day) {
      return day.toString();
    }
    if (value instanceof Instant instant) {
      return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
    if (value instanceof Boolean flag) {
      return flag ? 1 : 0;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.doubleValue();
    }
    if (value instanceof Float number) {
      return Double.parseDouble(Float.toString(number)); // the float's own digits
    }
    return value;
  }

  private static List<LayerField> layers(Connection db, String table) throws SQLException {
    List<LayerField> fields = new ArrayList<>();
    String geometry;
    try (PreparedStatement query = db.prepareStatement(
        "SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?")) {
      query.setString(1, table);
      try (ResultSet row = query.executeQuery()) {
        geometry = row.next() ? row.getString(1) : "";
      }
    }
    try (Statement statement = db.createStatement();
        ResultSet columns = statement.executeQuery("PRAGMA table_info(" + quote(table) + ")")) {
      while (columns.next()) {
        String name = columns.getString("name");
        if (!isKey(columns) && !name.equalsIgnoreCase(geometry)) {
          fields.add(LayerField.gpkg(name, columns.getString("type")));
        }
      }
    }
    return fields;
  }

  private static String primaryKey(Connection db, String table) throws SQLException {
    try (Statement statement = db.createStatement();
        ResultSet columns = statement.executeQuery("PRAGMA table_info(" + quote(table) + ")")) {
      while (columns.next()) {
        if (isKey(columns)) {
          return columns.getString("name");
        }
      }
    }
    return null;
  }

  private static boolean isKey(ResultSet column) throws SQLException {
    return column.getInt("pk") > 0 && "INTEGER".equalsIgnoreCase(column.getString("type"));
  }

  private static Connection open(File gpkg, boolean readOnly) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(readOnly);
    Connection db = config.createConnection("jdbc:sqlite:" + gpkg.getAbsolutePath());
    if (!readOnly) {
      try {
        addRTreeFunctions(db);
      } catch (SQLException | RuntimeException e) {
        db.close();
        throw e;
      }
    }
    return db;
  }

  /**
   * The SQL functions the R-tree extension's triggers call (GDAL and NGA create those triggers on every indexed
   * table): SQLite compiles a table's triggers into any UPDATE or ALTER of it, so the functions must exist even
   * when the geometry is not changed. NGA's {@link GeometryFunction} parses the blob (null for a NULL one).
   */
  private static void addRTreeFunctions(Connection db) throws SQLException {
    Map<String, java.util.function.Function<GeoPackageGeometryData, Object>> functions = Map.of(
        "ST_IsEmpty", data -> data == null ? null : data.isEmpty() ? 1 : 0,
        "ST_MinX", data -> envelope(data, GeometryEnvelope::getMinX),
        "ST_MaxX", data -> envelope(data, GeometryEnvelope::getMaxX),
        "ST_MinY", data -> envelope(data, GeometryEnvelope::getMinY),
        "ST_MaxY", data -> envelope(data, GeometryEnvelope::getMaxY));
    for (Map.Entry<String, java.util.function.Function<GeoPackageGeometryData, Object>> function
        : functions.entrySet()) {
      org.sqlite.Function.create(db, function.getKey(), new GeometryFunction(function.getKey()) {
        @Override
        public Object execute(GeoPackageGeometryData data) {
          return function.getValue().apply(data);
        }
      });
    }
  }

  private static Object envelope(GeoPackageGeometryData data, ToDoubleFunction<GeometryEnvelope> bound) {
    GeometryEnvelope envelope = data == null ? null : data.getOrBuildEnvelope();
    return envelope == null ? null : bound.applyAsDouble(envelope);
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  static boolean isGeoPackage(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".gpkg");
  }
}
