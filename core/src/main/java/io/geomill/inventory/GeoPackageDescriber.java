package io.geomill.inventory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.referencing.CRS;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.sqlite.SQLiteConfig;

/**
 * OGC GeoPackage, read with the SQLite JDBC driver (inside Sedona's shaded jar): the layers listed in
 * {@code gpkg_contents}, their CRS from {@code gpkg_spatial_ref_sys}, and every geometry blob, read one row at
 * a time, for counts, types, validity and bounds. Tile (raster) layers are listed but their tiles are not read.
 */
final class GeoPackageDescriber implements Describer {

  /** "GPKG", and "GP10"/"GP11" of GeoPackage 1.0 and 1.1. */
  private static final Set<Integer> APPLICATION_IDS = Set.of(0x47504B47, 0x47503130, 0x47503131);
  private static final int[] ENVELOPE_BYTES = {0, 32, 48, 48, 64};

  private record Layer(String name, String dataType, int srsId, Envelope declaredBounds) {}

  @Override
  public void describe(LocalDataset dataset, FileDescription.Builder out) throws Exception {
    out.format(FileDescription.VECTOR, Format.GEOPACKAGE.label);
    if (dataset.files().sidecar("-wal").isPresent()) {
      out.problem("a write-ahead log (" + dataset.sidecarName("-wal") + ") is beside it: recent changes may not"
          + " be in the file itself yet");
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    try (Connection db = config.createConnection("jdbc:sqlite:" + dataset.primary().getAbsolutePath())) {
      describe(db, out);
    } catch (SQLException e) {
      throw new InvalidDataException("corrupt GeoPackage: " + e.getMessage(), e);
    }
  }

  private static void describe(Connection db, FileDescription.Builder out) throws Exception {
    checkIntegrity(db);
    List<Layer> layers = layers(db, out);
    out.layers(String.join(",", layers.stream().map(Layer::name).toList()));
    List<Layer> features = layers.stream().filter(l -> l.dataType().equals("features")).toList();
    if (features.isEmpty()) {
      describeWithoutFeatures(db, layers, out);
      return;
    }
    VectorStats stats = new VectorStats();
    List<String> fields = new ArrayList<>();
    for (Layer layer : features) {
      String geometryColumn = readFeatures(db, layer, stats);
      for (String field : fieldNames(db, layer.name(), geometryColumn)) {
        fields.add(features.size() > 1 ? layer.name() + "." + field : field);
      }
    }
    stats.writeTo(out);
    out.fields(fields);
    Set<Integer> srsIds = new LinkedHashSet<>(features.stream().map(Layer::srsId).toList());
    if (srsIds.size() > 1) {
      Envelope all = stats.envelope();
      if (!all.isNull()) {
        out.bounds(all.getMinX(), all.getMinY(), all.getMaxX(), all.getMaxY());
      }
      out.problem("layers use different CRSs (srs_id " + srsIds + "): the bounds mix them and no CRS is given");
      return;
    }
    Crs.describe(crs(db, features.get(0).srsId(), out), stats.envelope(),
        "(srs_id " + features.get(0).srsId() + " is undefined)", out);
  }

  private static void checkIntegrity(Connection db) throws InvalidDataException {
    try (Statement statement = db.createStatement();
        ResultSet check = statement.executeQuery("PRAGMA quick_check")) {
      List<String> findings = new ArrayList<>();
      while (check.next() && findings.size() < 3) {
        findings.add(check.getString(1));
      }
      if (!findings.equals(List.of("ok"))) {
        throw new InvalidDataException("corrupt GeoPackage: the SQLite integrity check says: "
            + String.join(" ", findings));
      }
    } catch (SQLException e) {
      throw new InvalidDataException("corrupt GeoPackage: " + e.getMessage(), e);
    }
  }

  private static List<Layer> layers(Connection db, FileDescription.Builder out)
      throws SQLException, InvalidDataException {
    int applicationId;
    boolean hasContents;
    try (Statement statement = db.createStatement()) {
      try (ResultSet id = statement.executeQuery("PRAGMA application_id")) {
        applicationId = id.next() ? id.getInt(1) : 0;
      }
      try (ResultSet table = statement.executeQuery(
          "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = 'gpkg_contents'")) {
        hasContents = table.next();
      }
    }
    if (!hasContents) {
      throw new InvalidDataException("named .gpkg but the content is an SQLite database without GeoPackage"
          + " tables (no gpkg_contents)");
    }
    if (!APPLICATION_IDS.contains(applicationId)) {
      out.problem("the SQLite application_id is 0x" + Integer.toHexString(applicationId) + ", not \"GPKG\"");
    }
    List<Layer> layers = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery("SELECT table_name, data_type, srs_id, min_x, min_y, max_x, max_y"
            + " FROM gpkg_contents ORDER BY table_name")) {
      while (rows.next()) {
        Envelope declared = rows.getObject(4) == null ? null
            : new Envelope(rows.getDouble(4), rows.getDouble(6), rows.getDouble(5), rows.getDouble(7));
        layers.add(new Layer(rows.getString(1), rows.getString(2).toLowerCase(Locale.ROOT), rows.getInt(3),
            declared));
      }
    }
    return layers;
  }

  /** Streams a feature layer's geometry blobs into {@code stats}; returns the geometry column's name. */
  private static String readFeatures(Connection db, Layer layer, VectorStats stats)
      throws SQLException, InvalidDataException {
    String column;
    try (PreparedStatement query = db.prepareStatement(
        "SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?")) {
      query.setString(1, layer.name());
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          throw new InvalidDataException("corrupt GeoPackage: feature layer " + layer.name()
              + " has no row in gpkg_geometry_columns");
        }
        column = row.getString(1);
      }
    }
    WKBReader wkb = new WKBReader();
    String prefix = layer.name() + " row ";
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery("SELECT rowid, " + quote(column) + " FROM " + quote(layer.name()))) {
      while (rows.next()) {
        String id = prefix + rows.getLong(1);
        byte[] blob = rows.getBytes(2);
        if (blob == null) {
          stats.add(id, null, "");
          continue;
        }
        try {
          stats.add(id, geometry(blob, wkb), "");
        } catch (ParseException | IllegalArgumentException e) {
          stats.addUnreadable(id, e.getMessage());
        }
      }
    }
    return column;
  }

  /**
   * A GeoPackage geometry blob: "GP", version, flags, srs_id, an optional envelope whose size the flags give,
   * then standard WKB.
   */
  static Geometry geometry(byte[] blob, WKBReader wkb) throws ParseException {
    if (blob.length < 8 || blob[0] != 'G' || blob[1] != 'P') {
      throw new IllegalArgumentException("not a GeoPackage geometry blob");
    }
    int flags = blob[3];
    if ((flags & 0x20) != 0) {
      throw new IllegalArgumentException("an extension geometry type, not standard WKB");
    }
    int envelope = (flags >> 1) & 0x7;
    if (envelope >= ENVELOPE_BYTES.length) {
      throw new IllegalArgumentException("invalid envelope code " + envelope + " in the blob header");
    }
    return wkb.read(Arrays.copyOfRange(blob, 8 + ENVELOPE_BYTES[envelope], blob.length));
  }

  private static List<String> fieldNames(Connection db, String table, String geometryColumn) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet columns = statement.executeQuery("PRAGMA table_info(" + quote(table) + ")")) {
      while (columns.next()) {
        String name = columns.getString("name");
        boolean rowId = columns.getInt("pk") > 0 && "INTEGER".equalsIgnoreCase(columns.getString("type"));
        if (!name.equalsIgnoreCase(geometryColumn) && !rowId) {
          names.add(name);
        }
      }
    }
    return names;
  }

  /** Tiles or attributes only: list them, take bounds and CRS from gpkg_contents. */
  private static void describeWithoutFeatures(Connection db, List<Layer> layers, FileDescription.Builder out)
      throws Exception {
    out.features(0, null);
    List<Layer> tiles = layers.stream().filter(l -> l.dataType().contains("tiles")).toList();
    if (tiles.isEmpty()) {
      out.problem(layers.isEmpty() ? "no layers" : "no feature or tile layers (only attribute tables)");
      return;
    }
    out.format(FileDescription.RASTER, Format.GEOPACKAGE.label);
    out.problem("tile pyramid layers are listed but their tiles are not read");
    Layer first = tiles.get(0);
    Crs.describe(crs(db, first.srsId(), out), first.declaredBounds(), "(srs_id " + first.srsId()
        + " is undefined)", out);
  }

  /** The layer's CRS; null for the undefined systems -1 and 0 (and a problem if the definition is unusable). */
  private static CoordinateReferenceSystem crs(Connection db, int srsId, FileDescription.Builder out)
      throws SQLException {
    if (srsId == -1 || srsId == 0) {
      return null;
    }
    try (PreparedStatement query = db.prepareStatement("SELECT organization, organization_coordsys_id,"
        + " definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?")) {
      query.setInt(1, srsId);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          out.problem("srs_id " + srsId + " is not in gpkg_spatial_ref_sys");
          return null;
        }
        try {
          // GeoPackage stores x = easting/longitude whatever the EPSG axis order says.
          return "EPSG".equalsIgnoreCase(row.getString(1)) ? Crs.decodeLonLat(row.getInt(2))
              : CRS.parseWKT(row.getString(3));
        } catch (Exception e) {
          out.problem("unusable CRS definition for srs_id " + srsId + ": " + e.getMessage());
          return null;
        }
      }
    }
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
