package io.geomill.inventory;

import io.geomill.fs.HadoopFs;
import io.geomill.spark.GeoMillSpark;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes the inventory as {@code inventory.csv} and {@code inventory.parquet} (GeoParquet with a
 * {@code footprint} geometry column in EPSG:4326) into an output folder on any Hadoop file system, one row per
 * dataset, sorted by path.
 *
 * <p>Both are written under a temporary name in the folder's {@code _geomill/} and renamed into place, so no
 * half-written table ever stands under the final name. Replacing an older table deletes it just before the
 * rename: a crash in between leaves no table rather than a wrong one.
 */
public final class InventoryTable {
  public static final String CSV = "inventory.csv";
  public static final String PARQUET = "inventory.parquet";
  /** The GeoParquet geometry column; it replaces the CSV's {@code footprintWkt}. */
  public static final String FOOTPRINT = "footprint";
  private static final String WORK_FOLDER = "_geomill";

  private InventoryTable() {}

  private record Column(String name, DataType type, Function<FileDescription, Object> value) {}

  /** The table's columns, in order: the CSV header and the Parquet schema both come from here. */
  private static final List<Column> COLUMNS = List.of(
      new Column("path", DataTypes.StringType, FileDescription::path),
      new Column("status", DataTypes.StringType, FileDescription::status),
      new Column("error", DataTypes.StringType, FileDescription::error),
      new Column("kind", DataTypes.StringType, FileDescription::kind),
      new Column("format", DataTypes.StringType, FileDescription::format),
      new Column("crs", DataTypes.StringType, FileDescription::crs),
      new Column("width", DataTypes.IntegerType, FileDescription::width),
      new Column("height", DataTypes.IntegerType, FileDescription::height),
      new Column("bandCount", DataTypes.IntegerType, FileDescription::bandCount),
      new Column("pixelSizeX", DataTypes.DoubleType, FileDescription::pixelSizeX),
      new Column("pixelSizeY", DataTypes.DoubleType, FileDescription::pixelSizeY),
      new Column("dataType", DataTypes.StringType, FileDescription::dataType),
      new Column("nodata", DataTypes.DoubleType, FileDescription::nodata),
      new Column("minValue", DataTypes.DoubleType, FileDescription::minValue),
      new Column("maxValue", DataTypes.DoubleType, FileDescription::maxValue),
      new Column("featureCount", DataTypes.LongType, FileDescription::featureCount),
      new Column("geometryTypes", DataTypes.StringType, FileDescription::geometryTypes),
      new Column("fieldCount", DataTypes.IntegerType, FileDescription::fieldCount),
      new Column("fieldNames", DataTypes.StringType, FileDescription::fieldNames),
      new Column("layers", DataTypes.StringType, FileDescription::layers),
      new Column("minX", DataTypes.DoubleType, FileDescription::minX),
      new Column("minY", DataTypes.DoubleType, FileDescription::minY),
      new Column("maxX", DataTypes.DoubleType, FileDescription::maxX),
      new Column("maxY", DataTypes.DoubleType, FileDescription::maxY),
      new Column("problems", DataTypes.StringType, FileDescription::problems),
      new Column("sizeBytes", DataTypes.LongType, FileDescription::sizeBytes),
      new Column("files", DataTypes.StringType, FileDescription::files),
      new Column("uri", DataTypes.StringType, FileDescription::uri),
      new Column("crsWkt", DataTypes.StringType, FileDescription::crsWkt),
      new Column("footprintWkt", DataTypes.StringType, FileDescription::footprintWkt));

  /**
   * Writes both tables.
   *
   * @param outputFolder a Hadoop path or URI (file://, hdfs://, or a local path); created if missing
   * @param rows         one per dataset, failed ones included ({@link Inventory#rows} makes them)
   * @throws UncheckedIOException when the output folder cannot be written
   */
  public static void write(SparkSession spark, String outputFolder, List<FileDescription> rows) {
    List<FileDescription> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(FileDescription::path));
    Path folder = HadoopFs.path(outputFolder);
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    try {
      FileSystem fs = HadoopFs.fileSystem(folder, conf);
      Path work = new Path(folder, WORK_FOLDER);
      fs.mkdirs(work);
      writeCsv(fs, work, new Path(folder, CSV), sorted);
      writeGeoParquet(spark, fs, work, new Path(folder, PARQUET), sorted);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the inventory into " + folder + ": " + e.getMessage(), e);
    }
  }

  /** The CSV text: a header, then one line per row; RFC 4180 quoting, empty fields for nulls, '\n' lines. */
  static String csv(List<FileDescription> rows) {
    StringBuilder text = new StringBuilder();
    appendLine(text, COLUMNS.stream().map(Column::name).map(Object.class::cast).toList());
    for (FileDescription row : rows) {
      appendLine(text, COLUMNS.stream().map(c -> c.value().apply(row)).toList());
    }
    return text.toString();
  }

  private static void appendLine(StringBuilder text, List<Object> values) {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        text.append(',');
      }
      Object value = values.get(i);
      String field = value == null ? "" : value.toString();
      boolean quote = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
          || field.indexOf('\r') >= 0;
      text.append(quote ? '"' + field.replace("\"", "\"\"") + '"' : field);
    }
    text.append('\n');
  }

  private static void writeCsv(FileSystem fs, Path work, Path target, List<FileDescription> rows)
      throws IOException {
    Path temporary = new Path(work, CSV + "." + UUID.randomUUID() + ".tmp");
    try (Writer out = new OutputStreamWriter(fs.create(temporary, true), StandardCharsets.UTF_8)) {
      out.write(csv(rows));
    }
    replace(fs, temporary, target);
  }

  private static void writeGeoParquet(SparkSession spark, FileSystem fs, Path work, Path target,
      List<FileDescription> rows) throws IOException {
    SparkSession sedona = GeoMillSpark.sedona(spark);
    List<StructField> fields = COLUMNS.stream()
        .map(c -> DataTypes.createStructField(c.name(), c.type(), true)).toList();
    List<Row> data = rows.stream()
        .map(row -> RowFactory.create(COLUMNS.stream().map(c -> c.value().apply(row)).toArray())).toList();
    Dataset<Row> table = sedona.createDataFrame(data, new StructType(fields.toArray(StructField[]::new)))
        .withColumn(FOOTPRINT, functions.expr("ST_SetSRID(ST_GeomFromWKT(footprintWkt), 4326)"))
        .drop("footprintWkt");
    Path temporary = new Path(work, PARQUET + "." + UUID.randomUUID() + ".tmp");
    // One partition: the table is one row per dataset, small, and one file keeps its row order.
    // Sedona writes "crs": null (unknown) unless told; an empty value omits the key, which GeoParquet defines
    // as OGC:CRS84, i.e. WGS 84 longitude/latitude: exactly the footprints.
    table.coalesce(1).write().format("geoparquet").option("geoparquet.crs", "").save(temporary.toString());
    removeChecksums(fs, temporary);
    replace(fs, temporary, target);
  }

  /** Spark writes through the checksumming local file system: its hidden .crc files are litter here. */
  private static void removeChecksums(FileSystem fs, Path folder) throws IOException {
    for (FileStatus file : fs.listStatus(folder)) {
      if (file.getPath().getName().endsWith(".crc")) {
        fs.delete(file.getPath(), false);
      }
    }
  }

  private static void replace(FileSystem fs, Path temporary, Path target) throws IOException {
    if (fs.exists(target) && !fs.delete(target, true)) {
      throw new IOException("cannot remove the previous " + target);
    }
    if (!fs.rename(temporary, target)) {
      throw new IOException("cannot rename " + temporary + " to " + target);
    }
  }
}
