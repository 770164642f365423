package io.geomill.vector;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;

import io.geomill.crs.DeclaredEpsgCode;
import io.geomill.crs.Wgs84Crs;
import io.geomill.fs.HadoopFs;
import io.geomill.fs.LocalFiles;
import io.geomill.inventory.DatasetFiles;
import io.geomill.inventory.DescribeException;
import io.geomill.inventory.FileDescription;
import io.geomill.inventory.Inventory;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.sedona_sql.UDT.GeometryUDT;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.geotools.api.referencing.FactoryException;
import org.geotools.referencing.CRS;

/**
 * Reads a vector layer into Spark with Sedona's readers, after checking it on the driver: the file exists, is
 * what its name says and is readable (the inventory's describe step, which names the file and the reason),
 * and has a CRS. CSV is checked from its header only, so a 10-million-row file is not read twice.
 *
 * <p>The check ({@link #check}) needs no SparkSession, so a job can run it while its session starts; {@link #load}
 * then makes the Spark table. Every layer comes out with its geometry in a column named {@value #GEOMETRY};
 * GeoJSON properties are flattened into columns. CSV columns stay text (numbers are cast where a job needs
 * them, with a check), except a longitude/latitude pair, which is read as numbers: a cell that is not a number
 * gives a point without geometry.
 */
public final class VectorReader {
  public static final String GEOMETRY = "geometry";

  /**
   * @param layer     the GeoPackage table; null when the file has just one
   * @param assumeCrs the CRS to take when the layer has none ("EPSG:n" or WKT); null to refuse such layers
   */
  public record Options(String layer, String assumeCrs) {
    public static final Options DEFAULTS = new Options(null, null);
  }

  /**
   * A layer checked on the driver: what {@link #load} needs to read it.
   *
   * @param name   how messages name it ("points layer PATH")
   * @param uri    the file or folder, qualified
   * @param format its format
   * @param crs    its CRS (the file's, or the assumed one)
   * @param table  the GeoPackage table; null for other formats
   * @param csv    for CSV: how to read it; null for other formats
   */
  public record CheckedLayer(String name, String uri, VectorFormat format, LayerCrs crs, String table,
      CsvLayout csv) {}

  /**
   * How a CSV file is read: Spark's CSV reader with this schema (the header's names, the coordinate pair as
   * numbers), then the geometry from {@code geometrySql}, dropping the columns it was made of.
   */
  public record CsvLayout(char delimiter, StructType schema, String geometrySql, List<String> geometryColumns) {
    /** The geometry is a point from a (longitude or x, latitude or y) column pair, in that order. */
    public boolean coordinatePair() {
      return geometryColumns.size() == 2;
    }

    /** The options Spark's CSV reader is given (with {@link #schema}). */
    public Map<String, String> readerOptions() {
      return Map.of("header", "true", "delimiter", String.valueOf(delimiter), "mode", "PERMISSIVE");
    }
  }

  private VectorReader() {}

  /**
   * {@link #check} then {@link #load}.
   *
   * @param role what the layer is to the job ("points", "polygons"): error messages start with it
   * @throws LayerException when the layer cannot be used, with the reason
   */
  public static VectorLayer read(SparkSession spark, String role, String path, Options options, LocalFiles local) {
    return load(spark, check(spark.sparkContext().hadoopConfiguration(), role, path, options, local));
  }

  /**
   * Checks a layer without Spark: it exists, its format is known and it describes as a non-empty vector layer,
   * it has a CRS (or {@code options} assumes one); for CSV, its header names geometry columns.
   *
   * @param role what the layer is to the job ("points", "polygons"): error messages start with it
   * @throws LayerException when the layer cannot be used, with the reason
   */
  public static CheckedLayer check(Configuration conf, String role, String path, Options options,
      LocalFiles local) {
    Path file = HadoopFs.path(path);
    String name = role + " layer " + path;
    FileStatus status;
    try {
      status = HadoopFs.fileSystem(file, conf).getFileStatus(file);
    } catch (FileNotFoundException e) {
      throw new LayerException(name + ": no such file or folder");
    } catch (IOException e) {
      throw new LayerException(name + ": cannot be read: " + e.getMessage(), e);
    }
    VectorFormat format = VectorFormat.ofName(file.getName(), status.isDirectory()).orElseThrow(() ->
        new LayerException(name + ": not a vector format GeoMill reads (known: " + VectorFormat.knownExtensions()
            + ")"));
    try {
      return format == VectorFormat.CSV ? checkCsv(name, status.getPath(), options, conf)
          : checkDescribed(name, format, status, options, local, conf);
    } catch (IOException e) {
      throw new LayerException(name + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /** The layer as a Spark table (lazy: nothing is read but what Sedona's readers need for the schema). */
  public static VectorLayer load(SparkSession spark, CheckedLayer layer) {
    return layer(layer, read(spark, layer));
  }

  /**
   * {@link #load}, but a shapefile whose files take at most {@code driverReadMaxBytes} is read at once, on the
   * driver ({@link DriverCollect}): for a layer a job collects to the driver anyway, small enough that a Spark
   * job costs more than reading it.
   */
  public static VectorLayer load(SparkSession spark, CheckedLayer layer, long driverReadMaxBytes) {
    Dataset<Row> rows = read(spark, layer);
    if (layer.format() == VectorFormat.SHAPEFILE) {
      rows = DriverCollect.read(spark, rows, driverReadMaxBytes).orElse(rows);
    }
    return layer(layer, rows);
  }

  private static Dataset<Row> read(SparkSession spark, CheckedLayer layer) {
    return switch (layer.format()) {
      case SHAPEFILE -> spark.read().format("shapefile").load(layer.uri());
      case GEOPARQUET -> spark.read().format("geoparquet").load(layer.uri());
      case GEOJSON -> flattenProperties(spark.read().format("geojson").option("multiLine", "true").load(layer.uri()));
      case GEOPACKAGE -> spark.read().format("geopackage").option("tableName", layer.table()).load(layer.uri());
      case CSV -> loadCsv(spark, layer.uri(), layer.csv());
    };
  }

  private static VectorLayer layer(CheckedLayer layer, Dataset<Row> rows) {
    return new VectorLayer(layer.uri(), layer.format(), withGeometryColumn(layer.name(), rows), GEOMETRY,
        layer.crs(), layer.csv());
  }

  private static CheckedLayer checkDescribed(String name, VectorFormat format, FileStatus status, Options options,
      LocalFiles local, Configuration conf) throws IOException {
    Path described = status.isDirectory() ? firstPart(name, status.getPath(), conf) : status.getPath();
    FileDescription description;
    try {
      DatasetFiles dataset = Inventory.dataset(described, conf);
      description = Inventory.describe(dataset, local);
    } catch (DescribeException e) {
      throw new LayerException(name + ": " + afterPath(e.getMessage()), e);
    }
    if (!FileDescription.OK.equals(description.status()) || !FileDescription.VECTOR.equals(description.kind())) {
      throw new LayerException(name + ": not a vector layer (" + description.format() + ")");
    }
    if (description.featureCount() != null && description.featureCount() == 0) {
      throw new LayerException(name + ": the layer is empty (no features)");
    }
    String table = format == VectorFormat.GEOPACKAGE ? gpkgTable(name, description, options.layer()) : null;
    LayerCrs crs = description.crsWkt() == null ? null : LayerCrs.parse(description.crsWkt());
    if (format == VectorFormat.SHAPEFILE && crs != null) {
      openEpsgDatabaseForSedona(description.crsWkt());
    }
    return new CheckedLayer(name, status.getPath().toString(), format, crsOrAssumed(name, crs, options,
        "the layer has no CRS"), table, null);
  }

  /**
   * Sedona's shapefile reader looks up the EPSG code of a .prj that declares none in the task that reads the
   * file, with GeoTools' search, and the search opens GeoTools' EPSG database: about a second of one core, of
   * which the look-up itself is some 30 ms once the database is open (GeoMill's own CRSs do not need it,
   * {@code crs.Wgs84Crs}). Layers are checked while Spark starts: the database is opened here then (by decoding
   * a code), off the job's path, and in local mode the task finds it open. Nothing is searched twice.
   */
  private static void openEpsgDatabaseForSedona(String prj) {
    try {
      if (DeclaredEpsgCode.of(CRS.parseWKT(prj)) == null) {
        CRS.decode("EPSG:" + Wgs84Crs.LON_LAT);
      }
    } catch (FactoryException | RuntimeException e) {
      // Sedona's reader meets the same failure, catches it and reads the layer with SRID 0
    }
  }

  private static CheckedLayer checkCsv(String name, Path file, Options options, Configuration conf)
      throws IOException {
    String header;
    FileSystem fs = HadoopFs.fileSystem(file, conf);
    try (BufferedReader text = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
      header = text.readLine();
    }
    if (header == null || header.isBlank()) {
      throw new LayerException(name + ": empty file");
    }
    char delimiter = CsvColumns.delimiter(file.getName(), header);
    List<String> columns = CsvColumns.sparkNames(header, delimiter);
    Optional<String> wkt = find(columns, CsvColumns.WKT);
    Optional<String> x = find(columns, CsvColumns.X);
    Optional<String> y = find(columns, CsvColumns.Y);
    String geometry;
    List<String> used;
    if (wkt.isPresent()) {
      geometry = "ST_GeomFromWKT(`" + wkt.get() + "`)";
      used = List.of(wkt.get());
    } else if (x.isPresent() && y.isPresent()) {
      // Read as numbers by the CSV reader: in PERMISSIVE mode a cell that is not a number is null, and so is
      // the point (no failed job, no text-to-number cast per row).
      geometry = "ST_Point(`" + x.get() + "`, `" + y.get() + "`)";
      used = List.of(x.get(), y.get());
    } else {
      throw new LayerException(name + ": no geometry columns in the header (" + String.join(", ", columns)
          + "); name a WKT column one of " + CsvColumns.WKT + ", or a coordinate pair one of " + CsvColumns.X
          + " with " + CsvColumns.Y);
    }
    StructType schema = new StructType();
    for (String column : columns) {
      boolean coordinate = wkt.isEmpty() && used.contains(column);
      schema = schema.add(column, coordinate ? DataTypes.DoubleType : DataTypes.StringType, true);
    }
    LayerCrs crs = prjBeside(file, fs);
    String missing = "CSV holds no CRS and there is no .prj beside it"
        + (wkt.isEmpty() ? " (longitude/latitude columns: --assume-crs EPSG:4326 if they are WGS 84)" : "");
    return new CheckedLayer(name, file.toString(), VectorFormat.CSV, crsOrAssumed(name, crs, options, missing),
        null, new CsvLayout(delimiter, schema, geometry, used));
  }

  private static Dataset<Row> loadCsv(SparkSession spark, String uri, CsvLayout csv) {
    // With a schema Spark reads the file once (no pass to find the columns) and skips the header line.
    Dataset<Row> table = spark.read().schema(csv.schema()).options(csv.readerOptions()).csv(uri);
    return table.withColumn(GEOMETRY, expr(csv.geometrySql())).drop(csv.geometryColumns().toArray(String[]::new));
  }

  private static LayerCrs crsOrAssumed(String name, LayerCrs crs, Options options, String missing) {
    if (crs != null) {
      return crs;
    }
    if (options.assumeCrs() == null) {
      throw new LayerException(name + ": " + missing + "; give --assume-crs to say which CRS it is in");
    }
    try {
      return LayerCrs.parse(options.assumeCrs());
    } catch (IllegalArgumentException e) {
      throw new LayerException(name + ": --assume-crs: " + e.getMessage(), e);
    }
  }

  private static LayerCrs prjBeside(Path file, FileSystem fs) throws IOException {
    String stem = file.getName().replaceFirst("\\.[^.]*$", "");
    for (String suffix : List.of(".prj", ".PRJ")) {
      Path prj = new Path(file.getParent(), stem + suffix);
      if (fs.exists(prj)) {
        try (var in = fs.open(prj)) {
          return LayerCrs.parse(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
          throw new LayerException(prj + ": unreadable CRS: " + e.getMessage(), e);
        }
      }
    }
    return null;
  }

  private static String gpkgTable(String name, FileDescription description, String requested) {
    List<String> tables = description.layers() == null ? List.of()
        : Arrays.stream(description.layers().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (requested != null) {
      if (!tables.isEmpty() && !tables.contains(requested)) {
        throw new LayerException(name + ": no layer \"" + requested + "\"; its layers: " + String.join(", ", tables));
      }
      return requested;
    }
    if (tables.size() != 1) {
      throw new LayerException(name + ": holds " + tables.size() + " layers (" + String.join(", ", tables)
          + "); say which with --points-layer / --polygons-layer");
    }
    return tables.get(0);
  }

  /** The first Sedona geometry column becomes {@value #GEOMETRY}. */
  private static Dataset<Row> withGeometryColumn(String name, Dataset<Row> rows) {
    for (StructField field : rows.schema().fields()) {
      if (field.dataType() instanceof GeometryUDT) {
        return field.name().equals(GEOMETRY) ? rows : rows.withColumnRenamed(field.name(), GEOMETRY);
      }
    }
    throw new LayerException(name + ": no geometry column");
  }

  /**
   * Sedona reads a GeoJSON FeatureCollection as one row holding the array of its features: one row per feature
   * first. Line-delimited or single features come as rows already.
   */
  private static Dataset<Row> flattenProperties(Dataset<Row> geojson) {
    if (Arrays.asList(geojson.columns()).contains("features")) {
      geojson = geojson.select(explode(col("features")).as("feature")).select(col("feature.*"));
    }
    List<Column> columns = new ArrayList<>();
    for (String column : geojson.columns()) {
      if (column.equals("properties")) {
        columns.add(col("properties.*"));
      } else if (!column.equals("type")) {
        columns.add(col(column));
      }
    }
    return geojson.select(columns.toArray(Column[]::new));
  }

  private static Path firstPart(String name, Path folder, Configuration conf) throws IOException {
    for (FileStatus part : HadoopFs.fileSystem(folder, conf).listStatus(folder)) {
      if (part.isFile() && HadoopFs.isVisible(part.getPath().getName()) && part.getPath().getName().endsWith(".parquet")) {
        return part.getPath();
      }
    }
    throw new LayerException(name + ": a folder without .parquet files");
  }

  private static Optional<String> find(List<String> columns, List<String> candidates) {
    int index = CsvColumns.indexOf(columns, candidates);
    return index < 0 ? Optional.empty() : Optional.of(columns.get(index));
  }


  /** Describe messages start with the dataset's path, which the layer's name already gives. */
  private static String afterPath(String message) {
    int colon = message.indexOf(": ");
    return colon < 0 ? message : message.substring(colon + 2);
  }
}
