package io.geomill.jobs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import io.geomill.fs.HadoopFs;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What {@code geomill inventory --out FOLDER} left in FOLDER, on any Hadoop file system: the table
 * (inventory.csv), the report (geomill-report.json) and the engine's bookkeeping (_geomill/done, _geomill/tmp).
 */
public final class InventoryOutput {
  public static final String CSV = "inventory.csv";
  public static final String PARQUET = "inventory.parquet";
  public static final String REPORT = "geomill-report.json";

  private final Path folder;
  private final Configuration conf;

  private InventoryOutput(Path folder, Configuration conf) {
    this.folder = folder;
    this.conf = conf;
  }

  public static InventoryOutput in(java.nio.file.Path localFolder) {
    return at(localFolder.toString(), new Configuration());
  }

  public static InventoryOutput at(String uri, Configuration conf) {
    return new InventoryOutput(HadoopFs.path(uri), conf);
  }

  /** The rows of inventory.csv, each a column-name-to-value map (null for an empty field). */
  public List<Map<String, String>> rows() {
    CsvParserSettings settings = new CsvParserSettings();
    settings.setHeaderExtractionEnabled(true);
    settings.setMaxCharsPerColumn(-1); // WKT of a CRS or a footprint can be long
    settings.getFormat().setLineSeparator("\n");
    CsvParser parser = new CsvParser(settings);
    try (InputStream in = fs().open(new Path(folder, CSV))) {
      List<String[]> records = parser.parseAll(new InputStreamReader(in, StandardCharsets.UTF_8));
      String[] header = parser.getContext().headers();
      List<Map<String, String>> rows = new ArrayList<>();
      for (String[] record : records) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
          row.put(header[i], i < record.length ? record[i] : null);
        }
        rows.add(row);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + CSV + " in " + folder, e);
    }
  }

  /** One column of the table, row by row. */
  public List<String> column(String name) {
    return rows().stream().map(row -> row.get(name)).toList();
  }

  public JsonNode report() {
    try (InputStream in = fs().open(new Path(folder, REPORT))) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + REPORT + " in " + folder, e);
    }
  }

  /** A count of the report: total, ok, failed, skipped or cancelled. */
  public int reportCount(String name) {
    JsonNode count = report().path("counts").path(name);
    if (!count.isInt()) {
      throw new AssertionError("the report has no count '" + name + "': " + report().path("counts"));
    }
    return count.asInt();
  }

  /** The report's item entries (item, status, outputs, executor, attempt, ...), in input order. */
  public List<JsonNode> reportItems() {
    return StreamSupport.stream(report().path("items").spliterator(), false).toList();
  }

  public boolean exists(String name) {
    try {
      return fs().exists(new Path(folder, name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The names directly in the output folder. */
  public TreeSet<String> topLevelNames() {
    return names(folder);
  }

  /** How many items are committed: the records in _geomill/done (what a rerun resumes from). */
  public int doneCount() {
    return names(new Path(folder, "_geomill/done")).size();
  }

  /** What is left in the staging folder _geomill/tmp (empty when it is gone). */
  public TreeSet<String> staging() {
    return names(new Path(folder, "_geomill/tmp"));
  }

  private TreeSet<String> names(Path dir) {
    TreeSet<String> names = new TreeSet<>();
    try {
      FileSystem fs = fs();
      if (fs.exists(dir)) {
        for (FileStatus status : fs.listStatus(dir)) {
          names.add(status.getPath().getName());
        }
      }
      return names;
    } catch (FileNotFoundException vanished) {
      // Listed while the job deletes it (staging at the end of a run): it is gone, so it holds nothing.
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private FileSystem fs() throws IOException {
    return HadoopFs.fileSystem(folder, conf);
  }

  @Override
  public String toString() {
    return folder.toString();
  }
}
