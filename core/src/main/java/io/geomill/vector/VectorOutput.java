package io.geomill.vector;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.geomill.fs.HadoopFs;
import io.geomill.vector.write.CsvParts;
import io.geomill.vector.write.GeoPackageOutput;
import io.geomill.vector.write.ShapefileOutput;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Writes a job's table to its output path, all or nothing: the output is made under a hidden staging name
 * beside the final one and renamed into place when complete, so a failed or cancelled run never leaves a
 * half-written file under the final name. Any Hadoop path.
 *
 * <p>GeoParquet is written by Spark in parallel (a folder of part files, as Spark writes it). CSV is written by
 * Spark in parallel and its parts joined into one file with one header. GeoPackage and shapefile are single
 * files built on the driver from the rows streamed one partition at a time, in a local folder (copied to the
 * output's file system when it is not local), then renamed into place; see {@link #commitShapefile} for how a
 * shapefile's five files are committed.
 */
public final class VectorOutput {
  private static final String PARTS = "parts";

  private VectorOutput() {}

  /** The staging path of an output: removed on failure, so a rerun starts clean. */
  public static Path stagingPath(Path out) {
    return new Path(out.getParent(), "." + out.getName() + ".geomill-tmp-" + UUID.randomUUID());
  }

  /**
   * @param geometryColumn the geometry column, or null for a table without geometry (GeoParquet and CSV only)
   * @param crs            the geometry's CRS (recorded in the output where the format has a place for it)
   * @return what users should know about the output (GeoPackage and shapefile: names or values the format
   *     changed); empty when nothing
   * @throws IllegalArgumentException when the table cannot be written in that format; the message says why
   */
  public static List<String> write(SparkSession spark, Dataset<Row> table, String geometryColumn, LayerCrs crs,
      Path out, OutputFormat format) {
    String problem = format.problemWith(out.getName(), geometryColumn != null);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    return staged(out, conf, (fs, staging) -> switch (format) {
      case GEOPARQUET -> commit(fs, writeGeoParquet(table, geometryColumn, crs, staging), out);
      case CSV -> commit(fs, writeCsv(table, geometryColumn, staging, fs), out);
      case GPKG -> {
        List<String> notes = writeLocally(table, staging, fs, conf, (rows, folder) -> new GeoPackageOutput()
            .write(rows, geometryColumn, crs, new File(folder, out.getName()), stem(out)));
        commit(fs, new Path(staging, out.getName()), out);
        yield notes;
      }
      case SHP -> {
        List<String> notes = writeLocally(table, staging, fs, conf, (rows, folder) -> new ShapefileOutput()
            .write(rows, geometryColumn, crs, folder, stem(out)));
        commitShapefile(fs, staging, out);
        yield notes;
      }
    });
  }

  /** Writes into a staging path and commits from it ({@code out}'s file system and its staging path given). */
  @FunctionalInterface
  private interface StagedWrite {
    List<String> write(FileSystem fs, Path staging) throws IOException;
  }

  /** Runs {@code write} with a fresh staging path beside {@code out}, removed afterwards whatever happened. */
  private static List<String> staged(Path out, Configuration conf, StagedWrite write) {
    Path staging = stagingPath(out);
    try {
      FileSystem fs = HadoopFs.fileSystem(out, conf);
      try {
        return write.write(fs, staging);
      } finally {
        fs.delete(staging, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
  }

  /** Builds a file output in a local folder. */
  @FunctionalInterface
  private interface LocalWriter {
    List<String> write(Dataset<Row> rows, File folder) throws IOException;
  }

  /**
   * Runs a writer that needs a local, seekable file (SQLite, the shapefile's headers written last) in a local
   * folder: the staging folder itself when the output is local, else a temporary folder whose files are then
   * copied into the staging folder on the output's file system. The writers read the table twice (a profile,
   * then the rows), so it is cached for the time of the write and the plan runs once.
   */
  private static List<String> writeLocally(Dataset<Row> table, Path staging, FileSystem fs, Configuration conf,
      LocalWriter writer) throws IOException {
    boolean local = HadoopFs.isLocal(staging);
    File folder = local ? HadoopFs.localFile(staging) : Files.createTempDirectory("geomill-out-").toFile();
    Dataset<Row> rows = table.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      if (!folder.isDirectory() && !folder.mkdirs()) {
        throw new IOException("cannot create " + folder);
      }
      List<String> notes = writer.write(rows, folder);
      if (!local) {
        fs.mkdirs(staging);
        for (File file : Objects.requireNonNull(folder.listFiles())) {
          fs.copyFromLocalFile(false, true, new Path(file.toURI()), new Path(staging, file.getName()));
        }
      }
      return notes;
    } finally {
      rows.unpersist();
      if (!local) {
        FileUtil.fullyDelete(folder);
      }
    }
  }

  private static List<String> commit(FileSystem fs, Path made, Path out) throws IOException {
    if (fs.exists(out)) {
      fs.delete(out, true);
    }
    if (!fs.rename(made, out)) {
      throw new IOException("cannot rename " + made + " to " + out);
    }
    return List.of();
  }

  /**
   * A shapefile is five files; {@code out} is its .shp. The old .shp goes first and the new one comes last,
   * after its sidecars: whenever {@code out} exists, the whole set beside it is complete, and a run that
   * stopped half-way leaves no .shp, so a rerun sees the output as not done and writes it again. Stale
   * spatial indexes of an older file of that name (.qix, .sbn, .sbx) are removed: they would not match.
   */
  private static void commitShapefile(FileSystem fs, Path staging, Path out) throws IOException {
    String stem = stem(out);
    if (fs.exists(out)) {
      fs.delete(out, false);
    }
    for (String stale : List.of(".qix", ".sbn", ".sbx")) {
      fs.delete(new Path(out.getParent(), stem + stale), false);
    }
    for (String sidecar : ShapefileOutput.SIDECARS) {
      commit(fs, new Path(staging, stem + sidecar), new Path(out.getParent(), stem + sidecar));
    }
    commit(fs, new Path(staging, stem + ".shp"), out);
  }

  /** The output's name without its extension: the shapefile's stem, the GeoPackage's table. */
  private static String stem(Path out) {
    String name = out.getName();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static Path writeGeoParquet(Dataset<Row> table, String geometryColumn, LayerCrs crs, Path staging) {
    var writer = table.write().mode(SaveMode.ErrorIfExists).format(geometryColumn == null ? "parquet" : "geoparquet");
    if (geometryColumn != null && crs != null && !Integer.valueOf(4326).equals(crs.epsg())) {
      // GeoParquet's default CRS is OGC:CRS84; anything else must be said, as PROJJSON, which GeoTools cannot
      // write: an EPSG identifier is given, and a CRS without one is recorded as unknown.
      writer = writer.option("geoparquet.crs", crs.epsg() == null ? ""
          : "{\"id\":{\"authority\":\"EPSG\",\"code\":" + crs.epsg() + "}}");
    }
    writer.save(staging.toString());
    return staging;
  }

  /**
   * Writes Spark's binary rows of {@code schema} as one CSV file, as {@link #write} writes a table of them in
   * {@link OutputFormat#CSV} (the same bytes), all or nothing: the tasks that make the rows write them as part
   * files ({@link CsvParts}), with no query plan or output commit of Spark's, and the parts are joined here.
   */
  public static void writeCsv(SparkSession spark, RDD<InternalRow> rows, StructType schema, Path out) {
    staged(out, spark.sparkContext().hadoopConfiguration(), (fs, staging) -> {
      Path parts = new Path(staging, PARTS);
      CsvParts.write(spark, rows, schema, parts);
      return commit(fs, joinCsvParts(fs, parts, schema.fieldNames(), staging), out);
    });
  }

  private static Path writeCsv(Dataset<Row> table, String geometryColumn, Path staging, FileSystem fs)
      throws IOException {
    List<Column> columns = new ArrayList<>();
    for (String name : table.columns()) {
      columns.add(name.equals(geometryColumn) ? expr("ST_AsText(`" + name + "`)").as("wkt") : col("`" + name + "`"));
    }
    Path parts = new Path(staging, PARTS);
    Dataset<Row> text = table.select(columns.toArray(Column[]::new));
    text.write().option("header", "true").csv(parts.toString());
    return joinCsvParts(fs, parts, text.columns(), staging);
  }

  /**
   * The part files of a CSV write ({@code part-*}, each with a header line, in name order, which is partition
   * order) joined into one file with one header, in {@code staging}.
   *
   * @param columns the header when there is no part with a header
   */
  private static Path joinCsvParts(FileSystem fs, Path parts, String[] columns, Path staging) throws IOException {
    Path joined = new Path(staging, "joined.csv");
    FileStatus[] files = fs.listStatus(parts, path -> path.getName().startsWith("part-"));
    Arrays.sort(files, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
    boolean headerWritten = false;
    try (OutputStream csv = fs.create(joined, false)) {
      for (FileStatus part : files) {
        try (InputStream in = fs.open(part.getPath())) {
          byte[] header = readLine(in);
          if (header.length == 0) {
            continue; // an empty partition: Spark writes no header either
          }
          if (!headerWritten) {
            csv.write(header);
            headerWritten = true;
          }
          in.transferTo(csv);
        }
      }
      if (!headerWritten) {
        csv.write((String.join(",", columns) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    return joined;
  }

  /** One line, its newline included. */
  private static byte[] readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) >= 0; ) {
      line.write(b);
      if (b == '\n') {
        break;
      }
    }
    return line.toByteArray();
  }
}
