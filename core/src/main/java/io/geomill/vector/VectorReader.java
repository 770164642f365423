package io.geomill.vector;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;

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
import org.apache.spark.sql.types.StructField;

/**
 * Reads a vector layer into Spark with Sedona's readers, after checking it on the driver: the file exists, is
 * what its name says and is readable (the inventory's describe step, which names the file and the reason),
 * and has a CRS. CSV is checked from its header only, so a 10-million-row file is not read twice.
 *
 * <p>Every layer comes out with its geometry in a column named {@value #GEOMETRY}; GeoJSON properties are
 * flattened into columns. CSV columns stay text (numbers are cast where a job needs them, with a check).
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

  private VectorReader() {}

  /**
   * @param role what the layer is to the job ("points", "polygons"): error messages start with it
   * @throws LayerException when the layer cannot be used, with the reason
   */
  public static VectorLayer read(SparkSession spark, String role, String path, Options options, LocalFiles local) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
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
      return format == VectorFormat.CSV ? readCsv(spark, name, status.getPath(), options, conf)
          : readDescribed(spark, name, format, status, options, local, conf);
    } catch (IOException e) {
      throw new LayerException(name + ": cannot be read: " + e.getMessage(), e);
    }
  }

  private static VectorLayer readDescribed(SparkSession spark, String name, VectorFormat format,
      FileStatus status, Options options, LocalFiles local, Configuration conf) throws IOException {
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
    String uri = status.getPath().toString();
    Dataset<Row> rows = switch (format) {
      case SHAPEFILE -> spark.read().format("shapefile").load(uri);
      case GEOPARQUET -> spark.read().format("geoparquet").load(uri);
      case GEOJSON -> flattenProperties(spark.read().format("geojson").option("multiLine", "true").load(uri));
      case GEOPACKAGE -> spark.read().format("geopackage").option("tableName", gpkgTable(name, description,
          options.layer())).load(uri);
      case CSV -> throw new IllegalStateException("CSV is read by readCsv");
    };
    rows = withGeometryColumn(name, rows);
    LayerCrs crs = description.crsWkt() == null ? null : LayerCrs.parse(description.crsWkt());
    return new VectorLayer(uri, format, rows, GEOMETRY, crsOrAssumed(name, crs, options, "the layer has no CRS"));
  }

  private static VectorLayer readCsv(SparkSession spark, String name, Path file, Options options,
      Configuration conf) throws IOException {
    String header;
    FileSystem fs = HadoopFs.fileSystem(file, conf);
    try (BufferedReader text = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
      header = text.readLine();
    }
    if (header == null || header.isBlank()) {
      throw new LayerException(name + ": empty file");
    }
    char delimiter = CsvColumns.delimiter(file.getName(), header);
    Dataset<Row> table = spark.read().option("header", "true").option("delimiter", String.valueOf(delimiter))
        .option("mode", "PERMISSIVE").csv(file.toString());
    List<String> columns = Arrays.asList(table.columns());
    Optional<String> wkt = find(columns, CsvColumns.WKT);
    Optional<String> x = find(columns, CsvColumns.X);
    Optional<String> y = find(columns, CsvColumns.Y);
    Column geometry;
    List<String> used = new ArrayList<>();
    if (wkt.isPresent()) {
      geometry = expr("ST_GeomFromWKT(`" + wkt.get() + "`)");
      used.add(wkt.get());
    } else if (x.isPresent() && y.isPresent()) {
      // try_cast: a cell that is not a number gives a point without geometry, not a failed job (ANSI mode).
      geometry = expr("ST_Point(try_cast(`" + x.get() + "` AS DOUBLE), try_cast(`" + y.get() + "` AS DOUBLE))");
      used.add(x.get());
      used.add(y.get());
    } else {
      throw new LayerException(name + ": no geometry columns in the header (" + String.join(", ", columns)
          + "); name a WKT column one of " + CsvColumns.WKT + ", or a coordinate pair one of " + CsvColumns.X
          + " with " + CsvColumns.Y);
    }
    Dataset<Row> rows = table.withColumn(GEOMETRY, geometry).drop(used.toArray(String[]::new));
    LayerCrs crs = prjBeside(file, fs);
    String missing = "CSV holds no CRS and there is no .prj beside it"
        + (wkt.isEmpty() ? " (longitude/latitude columns: --assume-crs EPSG:4326 if they are WGS 84)" : "");
    return new VectorLayer(file.toString(), VectorFormat.CSV, rows, GEOMETRY, crsOrAssumed(name, crs, options,
        missing));
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
