package io.geomill.vector;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.geomill.fs.HadoopFs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes a job's table to its output path, all or nothing: the output is made under a hidden staging name
 * beside the final one and renamed into place when complete, so a failed or cancelled run never leaves a
 * half-written file under the final name. Any Hadoop path.
 *
 * <p>GeoParquet is written by Spark in parallel (a folder of part files, as Spark writes it). CSV is written by
 * Spark in parallel and its parts joined into one file with one header.
 */
public final class VectorOutput {
  private VectorOutput() {}

  /** The staging path of an output: removed on failure, so a rerun starts clean. */
  public static Path stagingPath(Path out) {
    return new Path(out.getParent(), "." + out.getName() + ".geomill-tmp-" + UUID.randomUUID());
  }

  /**
   * @param geometryColumn the geometry column, or null for a table without geometry
   * @param crs            the geometry's CRS (recorded in the output where the format has a place for it)
   */
  public static void write(SparkSession spark, Dataset<Row> table, String geometryColumn, LayerCrs crs,
      Path out, OutputFormat format) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Path staging = stagingPath(out);
    try {
      FileSystem fs = HadoopFs.fileSystem(out, conf);
      try {
        Path made = switch (format) {
          case GEOPARQUET -> writeGeoParquet(table, geometryColumn, crs, staging);
          case CSV -> writeCsv(table, geometryColumn, staging, fs);
          case GPKG, SHP -> throw new UnsupportedOperationException(format + " output is not available yet");
        };
        if (fs.exists(out)) {
          fs.delete(out, true);
        }
        if (!fs.rename(made, out)) {
          throw new IOException("cannot rename " + made + " to " + out);
        }
      } finally {
        fs.delete(staging, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
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

  private static Path writeCsv(Dataset<Row> table, String geometryColumn, Path staging, FileSystem fs)
      throws IOException {
    List<Column> columns = new ArrayList<>();
    for (String name : table.columns()) {
      columns.add(name.equals(geometryColumn) ? expr("ST_AsText(`" + name + "`)").as("wkt") : col("`" + name + "`"));
    }
    Path parts = new Path(staging, "parts");
    Dataset<Row> text = table.select(columns.toArray(Column[]::new));
    text.write().option("header", "true").csv(parts.toString());
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
        csv.write((String.join(",", text.columns()) + "\n").getBytes(StandardCharsets.UTF_8));
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
