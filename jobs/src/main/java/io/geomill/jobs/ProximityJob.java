package io.geomill.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.geomill.fs.HadoopFs;
import io.geomill.fs.LocalCopies;
import io.geomill.proximity.DistanceUnit;
import io.geomill.proximity.JoinChoice;
import io.geomill.proximity.JoinStrategy;
import io.geomill.proximity.ProximityOptions;
import io.geomill.proximity.ProximitySummary;
import io.geomill.proximity.SummaryRows;
import io.geomill.spark.GeoMillSpark;
import io.geomill.vector.LayerException;
import io.geomill.vector.OutputFormat;
import io.geomill.vector.VectorLayer;
import io.geomill.vector.VectorOutput;
import io.geomill.vector.VectorReader;
import io.geomill.vector.write.ShapefileLimitException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code geomill proximity}: per point and polygon type, the polygons within a distance, counted and summed. */
@Command(name = "proximity", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"For every point and every polygon type: how many polygons lie within --distance of it, and the"
        + " sum of their weights (one Sedona distance join). \"Within\" is a minimum planar distance <= D in a"
        + " projected CRS (0 inside a polygon).",
        "Wide layout: every input point with its attributes and geometry plus count_<type> and sum_<type>."
            + " Long layout: point_id, type, count, sum for the pairs with count > 0."})
final class ProximityJob implements java.util.concurrent.Callable<Integer> {
  private static final int CTRL_C_HOOK_PRIORITY = 100;

  @Mixin
  SparkOptions spark;

  @Option(names = "--points", required = true, paramLabel = "LAYER",
      description = "Points: shapefile, GeoPackage, GeoParquet (file or folder), GeoJSON, or CSV with WKT or lon/lat"
          + " columns; local, file:// or hdfs://.")
  String points;

  @Option(names = "--polygons", required = true, paramLabel = "LAYER", description = "Polygons, same formats.")
  String polygons;

  @Option(names = "--distance", required = true, paramLabel = "D", description = "Search distance, >= 0.")
  double distance;

  @Option(names = "--units", defaultValue = "m", paramLabel = "m|km|ft", description = "Units of D (default m).")
  String units;

  @Option(names = "--type-field", paramLabel = "FIELD", description = "Polygon type field (default: one class).")
  String typeField;

  @Option(names = "--weight-field", paramLabel = "FIELD", description = "Numeric polygon weight (default: 1).")
  String weightField;

  @Option(names = "--types", defaultValue = "all", paramLabel = "T1,T2|all",
      description = "Types to report, in this order (default: all present).")
  String types;

  @Option(names = "--crs", defaultValue = "auto", paramLabel = "EPSG:n|auto",
      description = "CRS to measure in (default auto: the polygons' projected CRS, or their UTM zone, or a"
          + " transverse Mercator centred on them; the distance error is printed).")
  String crs;

  @Option(names = "--assume-crs", paramLabel = "CRS", description = "CRS of a layer that has none (e.g. a CSV).")
  String assumeCrs;

  @Option(names = "--layout", defaultValue = "wide", paramLabel = "wide|long", description = "Output layout.")
  String layout;

  @Option(names = "--id-field", paramLabel = "FIELD",
      description = "Point id for the long layout (default: the 0-based row number, an extra pass).")
  String idField;

  @Option(names = "--join", defaultValue = "auto", paramLabel = "auto|broadcast|partitioned",
      description = "How points meet polygons (default auto: broadcast the polygons when at most"
          + " geomill.proximity.broadcastMaxPolygons = 50000 and their coordinates at most"
          + " geomill.proximity.broadcastMaxBytes = 32m, else partition both sides spatially).")
  String join;

  @Option(names = "--points-layer", paramLabel = "NAME", description = "GeoPackage table of the points.")
  String pointsLayer;

  @Option(names = "--polygons-layer", paramLabel = "NAME", description = "GeoPackage table of the polygons.")
  String polygonsLayer;

  @Option(names = "--out", required = true, paramLabel = "PATH",
      description = "Output file (GeoParquet: a folder; shapefile: the .shp, its .shx .dbf .prj .cpg beside it).")
  String out;

  @Option(names = "--format", paramLabel = "geoparquet|gpkg|shp|csv",
      description = "Output format (default: from --out's extension, else geoparquet).")
  String format;

  @Option(names = "--force", description = "Redo when --out exists (default: report it done and stop).")
  boolean force;

  @Option(names = "--timings", description = "Print how long each step took: JVM start, Spark and Sedona start"
      + " (while the inputs are checked), the polygons' pass, the summary itself (read, transform, join, count,"
      + " write).")
  boolean timings;

  @Spec
  CommandLine.Model.CommandSpec commandSpec;

  @Override
  public Integer call() {
    ProximityOptions options;
    OutputFormat outputFormat;
    try {
      options = new ProximityOptions(distance, DistanceUnit.parse(units), typeField, weightField,
          "all".equalsIgnoreCase(types) ? null : Arrays.stream(types.split(",")).map(String::strip).toList(),
          "auto".equalsIgnoreCase(crs) ? null : crs, ProximityOptions.Layout.parse(layout),
          idField, JoinStrategy.parse(join));
      outputFormat = format == null ? OutputFormat.ofPath(out) : OutputFormat.parse(format);
      String problem = outputFormat.problemWith(HadoopFs.path(out).getName(),
          options.layout() == ProximityOptions.Layout.WIDE);
      if (problem != null) {
        throw new IllegalArgumentException("--out " + problem);
      }
    } catch (IllegalArgumentException e) {
      err().println("geomill proximity: " + e.getMessage());
      return GeoMill.EXIT_USAGE;
    }
    // Spark's stage progress bar is the progress of this one-query job; on a terminal only (it redraws with \r).
    SparkConf conf = spark.sparkConf("geomill proximity")
        .set("spark.ui.showConsoleProgress", String.valueOf(System.console() != null));
    // Spark and Sedona take seconds to start and need none of the checks below, which need no Spark: both at once.
    Steps steps = new Steps();
    SparkStart<SparkSession> starting = SparkStart.inBackground(() -> {
      SparkSession started = GeoMillSpark.session(conf);
      steps.sessionStarted = System.nanoTime();
      SparkSession withSedona = GeoMillSpark.withSedona(started);
      steps.sedonaStarted = System.nanoTime();
      return withSedona;
    });
    Path output = HadoopFs.path(out);
    try {
      if (HadoopFs.fileSystem(output, GeoMillSpark.hadoopConf(conf)).exists(output) && !force) {
        out().println("geomill proximity: " + output + " exists: done already (--force redoes it)");
        out().flush();
        starting.discard();
        return 0;
      }
    } catch (IOException e) {
      return usageError(starting, "--out " + out + ": cannot be used: " + e.getMessage());
    }
    VectorReader.CheckedLayer pointInput;
    VectorReader.CheckedLayer polygonInput;
    try {
      Configuration hadoop = GeoMillSpark.hadoopConf(conf);
      LocalCopies local = new LocalCopies(hadoop, () -> Files.createTempDirectory("geomill-proximity-").toFile());
      pointInput = VectorReader.check(hadoop, "points", points, new VectorReader.Options(pointsLayer, assumeCrs), local);
      polygonInput = VectorReader.check(hadoop, "polygons", polygons,
          new VectorReader.Options(polygonsLayer, assumeCrs), local);
    } catch (LayerException e) {
      return usageError(starting, e.getMessage());
    }
    steps.inputsChecked = System.nanoTime();
    SparkSession session = starting.await();
    steps.sparkReady = System.nanoTime();
    steps.cpuAtSparkReady = Steps.processCpu();
    // About four tasks per core, unless set: Spark's defaults give a file of a few hundred MB one task per core
    // (a core busy with the JIT compiler or the driver then holds up the whole stage) and 200 shuffle partitions
    // (200 files per map task) for a summary a few cores aggregate in a second.
    String tasks = String.valueOf(4 * session.sparkContext().defaultParallelism());
    for (String key : List.of("spark.sql.files.minPartitionNum", "spark.sql.shuffle.partitions")) {
      if (!conf.contains(key)) {
        session.conf().set(key, tasks);
      }
    }
    String jobGroup = "geomill-proximity-" + UUID.randomUUID();
    session.sparkContext().setJobGroup(jobGroup, "geomill proximity", true);
    Runnable onCtrlC = () -> {
      err().println("geomill proximity: cancelling");
      session.sparkContext().cancelJobGroup(jobGroup);
    };
    ShutdownHookManager.get().addShutdownHook(onCtrlC, CTRL_C_HOOK_PRIORITY, 10, TimeUnit.SECONDS);
    try {
      int exit = run(session, VectorReader.load(session, pointInput),
          VectorReader.load(session, polygonInput, JoinChoice.driverReadMaxBytes(session.conf())), options,
          outputFormat, output, steps);
      if (timings) {
        out().println(steps.describe());
        out().flush();
      }
      return exit;
    } catch (LayerException | IllegalArgumentException e) {
      // A layer that cannot be used, or a setting that cannot be (e.g. a geomill.proximity.* --conf value).
      err().println("geomill proximity: " + e.getMessage());
      return GeoMill.EXIT_USAGE;
    } finally {
      if (!ShutdownHookManager.get().isShutdownInProgress()) {
        ShutdownHookManager.get().removeShutdownHook(onCtrlC);
      }
    }
  }

  /** Reports bad usage or an input that cannot be used, before Spark was needed: its start is discarded. */
  private int usageError(SparkStart<SparkSession> starting, String message) {
    err().println("geomill proximity: " + message);
    err().flush();
    starting.discard();
    return GeoMill.EXIT_USAGE;
  }

  private int run(SparkSession session, VectorLayer pointLayer, VectorLayer polygonLayer, ProximityOptions options,
      OutputFormat outputFormat, Path output, Steps steps) {
    ProximitySummary.Result result = ProximitySummary.summarize(session, pointLayer, polygonLayer, options);
    steps.prepared = System.nanoTime();
    steps.cpuAtPrepared = Steps.processCpu();
    PrintWriter out = out();
    out.printf("geomill proximity: %s within %s %s; distances in %s%n", pointLayer.uri(),
        trim(options.distance()), options.unit().name().toLowerCase(Locale.ROOT), result.crs().describe());
    out.printf("  polygons: %d used, %d skipped (no geometry or no type), %d invalid repaired (ST_MakeValid),"
        + " %d with no weight (counted with 0); types: %s%n", result.polygons(), result.skipped(),
        result.repaired(), result.nullWeights(), String.join(", ", result.types()));
    out.printf("  join: %s%n", result.join().describe());
    out.flush();

    boolean wide = options.layout() == ProximityOptions.Layout.WIDE;
    SummaryRows internalRows = outputFormat == OutputFormat.CSV ? result.internalRows().orElse(null) : null;
    List<String> notes;
    Supplier<Map<String, Object>> totals;
    try {
      if (internalRows != null) {
        // the rows as the lean path makes them, written by its own tasks, their totals counted as they are made
        VectorOutput.writeCsv(session, internalRows.rdd(), internalRows.schema(), output);
        notes = List.of();
        totals = () -> Map.of("rows", internalRows.rows().value(), "pairs", internalRows.pairs().value(),
            "weights", internalRows.weights().value());
      } else {
        Observation stats = new Observation("proximity");
        Dataset<Row> observed = result.table().observe(stats, count(lit(1)).as("rows"),
            wide ? count(when(col(pointLayer.geometryColumn()).isNull()
                .or(expr("ST_IsEmpty(`" + pointLayer.geometryColumn() + "`)")), 1)).as("no_geometry")
                : lit(0L).as("no_geometry"),
            wide ? count(when(anyCount(result), 1)).as("with_polygons") : lit(0L).as("with_polygons"),
            sum(wide ? total(result, 0) : col("count")).as("pairs"),
            sum(wide ? total(result, 1) : col("sum")).as("weights"));
        notes = VectorOutput.write(session, observed, wide ? pointLayer.geometryColumn() : null, pointLayer.crs(),
            output, outputFormat);
        totals = () -> observed(stats);
      }
    } catch (IllegalArgumentException | ShapefileLimitException e) {
      // the table cannot be written in that format (mixed geometry types, past 2 GB): nothing under --out
      err().println("geomill proximity: --out " + output + ": " + e.getMessage());
      return GeoMill.EXIT_JOB_FAILED;
    }
    steps.written = System.nanoTime();
    steps.cpuAtWritten = Steps.processCpu();
    Map<String, Object> counted = totals.get();
    if (wide) {
      out.printf("  points: %s, %s with a polygon within D, %s without geometry (zeros)%n", counted.get("rows"),
          counted.get("with_polygons"), counted.get("no_geometry"));
    } else {
      out.printf("  (point, type) rows: %s%n", counted.get("rows"));
    }
    out.printf("  point-polygon pairs within D: %s, their weights summed: %s%n", orZero(counted.get("pairs")),
        trim(((Number) orZero(counted.get("weights"))).doubleValue()));
    for (String note : notes) {
      out.printf("  note: %s%n", note);
    }
    out.printf("  wrote %s (%s) in %.1f s%n", output, outputFormat.name().toLowerCase(Locale.ROOT),
        (steps.written - steps.sparkReady) / 1e9);
    out.flush();
    return 0;
  }

  /** The sum over all types of their count ({@code index} 0) or sum ({@code index} 1) columns. */
  private static Column total(ProximitySummary.Result result, int index) {
    Column total = lit(0);
    for (List<String> names : result.columns().values()) {
      total = total.plus(col(names.get(index)));
    }
    return total;
  }

  private static Object orZero(Object value) {
    return value == null ? 0L : value;
  }

  /** When each step of a run ended (System.nanoTime), and the process's CPU time then, for --timings. */
  private static final class Steps {
    final long jvmStarted = System.nanoTime()
        - (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) * 1_000_000L;
    final long called = System.nanoTime();
    volatile long sessionStarted;
    volatile long sedonaStarted;
    long inputsChecked;
    long sparkReady;
    long prepared;
    long written;
    long cpuAtSparkReady;
    long cpuAtPrepared;
    long cpuAtWritten;

    /** CPU time of all the JVM's threads (JIT compilers and GC included), in ns. */
    static long processCpu() {
      return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }

    String describe() {
      return String.format(Locale.ROOT, "  timings (s): jvm_start=%.2f spark_session=%.2f sedona=%.2f"
          + " inputs_checked=%.2f (at the same time) waited_for_spark=%.2f polygons_and_plan=%.2f"
          + " summary_and_write=%.2f total=%.2f", seconds(jvmStarted, called), seconds(called, sessionStarted),
          seconds(sessionStarted, sedonaStarted), seconds(called, inputsChecked), seconds(inputsChecked, sparkReady),
          seconds(sparkReady, prepared), seconds(prepared, written), seconds(jvmStarted, written))
          + String.format(Locale.ROOT, "%n  cpu (s, all threads): until_spark_ready=%.2f polygons_and_plan=%.2f"
          + " summary_and_write=%.2f", cpuAtSparkReady / 1e9, seconds(cpuAtSparkReady, cpuAtPrepared),
          seconds(cpuAtPrepared, cpuAtWritten));
    }

    private static double seconds(long from, long to) {
      return (to - from) / 1e9;
    }
  }

  private static Column anyCount(ProximitySummary.Result result) {
    Column any = lit(false);
    for (List<String> names : result.columns().values()) {
      any = any.or(col(names.get(0)).gt(0));
    }
    return any;
  }

  /** What the write observed; empty if the metrics did not come back (they come with the write's last job). */
  private static Map<String, Object> observed(Observation stats) {
    try {
      return stats.getAsJava();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    }
  }


  private static String trim(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  private PrintWriter out() {
    return commandSpec.commandLine().getOut();
  }

  private PrintWriter err() {
    return commandSpec.commandLine().getErr();
  }
}
