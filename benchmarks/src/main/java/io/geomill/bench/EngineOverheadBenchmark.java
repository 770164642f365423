package io.geomill.bench;

import io.geomill.batch.ItemFunction;
import io.geomill.batch.ParallelMap;
import io.geomill.spark.GeoMillSpark;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * Engine overhead and scaling (issue 2): the same workload as a plain loop, a 2-thread executor, and GeoMill's
 * {@link ParallelMap#map} on local[1] and local[2]; a bare Spark RDD map (spark-local1/2) is the reference floor
 * of what Spark itself costs. One variant per JVM; bench/engine-overhead.sh runs them all and makes the table.
 *
 * <pre>
 * EngineOverheadBenchmark &lt;variant&gt; &lt;tiny|primes&gt; [--runs 5] [--warmup 1] [--items N] [--chunk-size N]
 *     [--base N] [--thread-cpu]
 *   variant: sequential | threads2 | geomill-local1 | geomill-local2 | spark-local1 | spark-local2, and any
 *            GeoMill or Spark variant with -chunkN (geomill-local2-chunk1: --chunk-size 1)
 *   tiny:    1,000 items, k*k;   primes: 50 items, the sum of the primes below 100,000 + 100 k;
 *   primes-heavy: the same with 1,000,000 + 100 k (about 130 ms per item) (--base changes
 *   100,000); --chunk-size N puts N items in each Spark task (GeoMill and bare Spark alike; the default is
 *   ParallelMap's, Pool.map's rule: about 4 tasks per core)
 * EngineOverheadBenchmark summarize &lt;raw-file&gt;      (Markdown table of the RESULT lines in the file)
 * </pre>
 *
 * Prints one line: {@code RESULT variant=.. workload=.. items=.. cores=.. session_ms=.. median_ms=.. min_ms=..
 * max_ms=.. item_ms=.. cpu_ms=.. spark_tasks=.. task_deser_ms=.. ... runs_ms=a,b,.. checksum=..}. The untimed
 * warm-up runs first (JIT, and Spark's first-job costs); {@code session_ms} is the SparkSession creation (for
 * {@code threads2}: creating the pool; 0 for {@code sequential}), never part of the timed maps. The checksum
 * (count, sum, order-sensitive hash of the results) must be the same for every run and every variant.
 */
public final class EngineOverheadBenchmark {
  /** The base of the primes workload: item k sums the primes below BASE + 100 k (Parallel Python's sum_primes). */
  static final int PRIMES_BASE = 100_000;
  /**
   * The base of primes-heavy: items of about 130 ms, the size of a Python sum_primes item and closer to a real
   * geoprocessing item (a raster, a chain) than the 5.6 ms the issue's example base gives in Java.
   */
  static final int HEAVY_PRIMES_BASE = 1_000_000;

  /**
   * Time spent inside the items (all threads; local mode runs the executors in this JVM): wall minus this is
   * what the way of running costs, and this against the sequential figure shows if the items themselves ran
   * slower (CPU taken by other threads, e.g. JIT compilation or GC).
   */
  static final LongAdder ITEM_NANOS = new LongAdder();

  private EngineOverheadBenchmark() {}

  /** The work of one item, identical for every variant. */
  static final class Work implements ItemFunction<Integer, Integer, Long> {
    private static final long serialVersionUID = 1L;
    private final String workload;

    Work(String workload) {
      this.workload = workload;
    }

    @Override
    public Long apply(Integer k, Integer base) {
      long start = System.nanoTime();
      long result = switch (workload) {
        case "tiny" -> (long) k * k;
        case "primes", "primes-heavy" -> sumPrimesBelow(base + 100 * k);
        default -> throw new IllegalArgumentException("unknown workload " + workload);
      };
      ITEM_NANOS.add(System.nanoTime() - start);
      return result;
    }
  }

  /** Sum of the primes below n by plain trial division (the multiprocessing / Parallel Python example). */
  static long sumPrimesBelow(int n) {
    long sum = 0;
    for (int x = 2; x < n; x++) {
      if (isPrime(x)) {
        sum += x;
      }
    }
    return sum;
  }

  static boolean isPrime(int n) {
    if (n < 2) {
      return false;
    }
    if (n == 2) {
      return true;
    }
    int max = (int) Math.ceil(Math.sqrt(n));
    for (int i = 2; i <= max; i++) {
      if (n % i == 0) {
        return false;
      }
    }
    return true;
  }

  /** One way of mapping the work over the inputs. */
  private interface Runner extends AutoCloseable {
    List<Long> map(List<Integer> inputs, Work work, Integer base) throws Exception;

    /** The session of a Spark variant, else null. */
    default SparkSession spark() {
      return null;
    }

    @Override
    default void close() {}
  }

  public static void main(String[] args) throws Exception {
    if (args.length >= 1 && args[0].equals("summarize")) {
      if (args.length != 2) {
        usage("summarize needs the raw file");
      }
      System.out.print(summarize(Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8)));
      return;
    }
    if (args.length < 2) {
      usage("need a variant and a workload");
    }
    String variant = args[0];
    String workload = args[1];
    int runs = 5;
    int warmup = 1;
    int chunkSize = 0;
    Matcher chunkSuffix = Pattern.compile("(.+)-chunk(\\d+)").matcher(variant); // geomill-local2-chunk1
    if (chunkSuffix.matches()) {
      variant = chunkSuffix.group(1);
      chunkSize = Integer.parseInt(chunkSuffix.group(2));
    }
    int primesBase = workload.equals("primes-heavy") ? HEAVY_PRIMES_BASE : PRIMES_BASE;
    boolean threadCpu = false;
    int items = switch (workload) {
      case "tiny" -> 1000;
      case "primes", "primes-heavy" -> 50;
      default -> {
        usage("unknown workload " + workload);
        yield 0;
      }
    };
    for (int i = 2; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(value);
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--items" -> items = Integer.parseInt(value);
        case "--chunk-size" -> chunkSize = Integer.parseInt(value);
        case "--base" -> primesBase = Integer.parseInt(value);
        case "--thread-cpu" -> {
          threadCpu = true;
          i--; // a flag without a value
        }
        default -> usage("unknown option " + args[i]);
      }
      i++;
    }

    List<Integer> inputs = new ArrayList<>(items);
    for (int k = 0; k < items; k++) {
      inputs.add(k);
    }
    Work work = new Work(workload);

    long sessionStart = System.nanoTime();
    int cores;
    Runner runner;
    switch (variant) {
      case "sequential" -> {
        cores = 1;
        runner = (in, fn, base) -> {
          List<Long> out = new ArrayList<>(in.size());
          for (Integer k : in) {
            out.add(fn.apply(k, base));
          }
          return out;
        };
      }
      case "threads2" -> {
        cores = 2;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        runner = new Runner() {
          @Override
          public List<Long> map(List<Integer> in, Work fn, Integer base) throws Exception {
            List<Callable<Long>> calls = new ArrayList<>(in.size());
            for (Integer k : in) {
              calls.add(() -> fn.apply(k, base));
            }
            List<Long> out = new ArrayList<>(in.size());
            for (Future<Long> f : pool.invokeAll(calls)) {
              out.add(f.get());
            }
            return out;
          }

          @Override
          public void close() {
            pool.shutdownNow();
          }
        };
      }
      case "geomill-local1", "geomill-local2" -> {
        cores = variant.endsWith("1") ? 1 : 2;
        SparkSession spark = localSession(cores);
        final int chunk = chunkSize;
        runner = new Runner() {
          @Override
          public List<Long> map(List<Integer> in, Work fn, Integer base) {
            return chunk > 0 ? ParallelMap.map(spark, in, fn, base, chunk) : ParallelMap.map(spark, in, fn, base);
          }

          @Override
          public SparkSession spark() {
            return spark;
          }

          @Override
          public void close() {
            spark.stop();
          }
        };
      }
      case "spark-local1", "spark-local2" -> {
        // Reference floor, not GeoMill: a bare Spark RDD map with as many partitions as GeoMill's tasks.
        cores = variant.endsWith("1") ? 1 : 2;
        SparkSession spark = localSession(cores);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int chunk = chunkSize > 0 ? chunkSize : ParallelMap.defaultChunkSize(items, cores);
        runner = new Runner() {
          @Override
          public List<Long> map(List<Integer> in, Work fn, Integer base) {
            return jsc.parallelize(in, (in.size() + chunk - 1) / chunk).map(k -> fn.apply(k, base)).collect();
          }

          @Override
          public SparkSession spark() {
            return spark;
          }

          @Override
          public void close() {
            spark.stop();
          }
        };
      }
      default -> {
        usage("unknown variant " + variant);
        return;
      }
    }
    double sessionMs = variant.equals("sequential") ? 0 : millisSince(sessionStart);
    long jvmReadyMs = ManagementFactory.getRuntimeMXBean().getUptime();

    String checksum = null;
    double warmupMs = 0;
    double[] timed = new double[runs];
    double[] inItems = new double[runs];
    double[] cpu = new double[runs];
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Map<String, Long> threadsBefore = null;
    TaskTimes taskTimes = new TaskTimes();
    try (Runner r = runner) {
      for (int i = 0; i < warmup + runs; i++) {
        if (i == warmup && threadCpu) {
          threadsBefore = threadCpuTicks();
        }
        if (i == warmup && r.spark() != null) {
          r.spark().sparkContext().addSparkListener(taskTimes);
        }
        ITEM_NANOS.reset();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        List<Long> results = r.map(inputs, work, primesBase);
        double ms = millisSince(start);
        double cpuMs = (os.getProcessCpuTime() - cpuStart) / 1e6;
        String sum = checksum(results, items);
        if (checksum == null) {
          checksum = sum;
        } else if (!checksum.equals(sum)) {
          throw new IllegalStateException("run " + i + " gave checksum " + sum + ", an earlier run " + checksum);
        }
        if (i < warmup) {
          warmupMs += ms;
        } else {
          timed[i - warmup] = ms;
          inItems[i - warmup] = ITEM_NANOS.sum() / 1e6;
          cpu[i - warmup] = cpuMs;
        }
      }
      if (threadsBefore != null) {
        printThreadCpu(threadsBefore, threadCpuTicks(), runs); // before close(): Spark's threads end with it
      }
      int chunk = chunkSize > 0 ? chunkSize : ParallelMap.defaultChunkSize(items, cores);
      taskTimes.awaitTasks(runs * (long) ((items + chunk - 1) / chunk), 10_000);
    }
    double[] sorted = timed.clone();
    Arrays.sort(sorted);
    StringBuilder runsList = new StringBuilder();
    for (double t : timed) {
      runsList.append(runsList.length() == 0 ? "" : ",").append(fmt(t));
    }
    System.out.println("RESULT variant=" + variant + (chunkSize > 0 ? "-chunk" + chunkSize : "")
        + " workload=" + workload + (primesBase != PRIMES_BASE && workload.equals("primes") ? "-base" + primesBase : "") + " items=" + items + " cores=" + cores
        + " session_ms=" + fmt(sessionMs) + " jvm_ready_ms=" + jvmReadyMs
        + " median_ms=" + fmt(median(sorted)) + " min_ms=" + fmt(sorted[0])
        + " max_ms=" + fmt(sorted[sorted.length - 1]) + " item_ms=" + fmt(median(inItems))
        + " cpu_ms=" + fmt(median(cpu))
        + taskTimes.fields(runs) + " warmup_ms=" + fmt(warmupMs)
        + " runs_ms=" + runsList + " checksum=" + checksum);
    System.out.flush();
    // Spark leaves non-daemon threads behind on some paths; the measurement is done.
    System.exit(0);
  }

  /**
   * Spark's own task metrics over the timed runs (listener bus, so collected after the jobs end): per run,
   * tasks, summed executor deserialize time (the task closure), run time (the function, items included), and
   * result serialization time; {@code " spark_tasks=0"} style fields with zeros for non-Spark variants.
   */
  static final class TaskTimes extends SparkListener {
    private long tasks;
    private long deserializeMs;
    private long deserializeCpuNs;
    private long runMs;
    private long resultSerMs;

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
      TaskMetrics m = end.taskMetrics();
      tasks++;
      if (m != null) {
        deserializeMs += m.executorDeserializeTime();
        deserializeCpuNs += m.executorDeserializeCpuTime();
        runMs += m.executorRunTime();
        resultSerMs += m.resultSerializationTime();
      }
      notifyAll();
    }

    synchronized void awaitTasks(long expected, long timeoutMs) throws InterruptedException {
      long deadline = System.currentTimeMillis() + timeoutMs;
      while (tasks > 0 && tasks < expected && System.currentTimeMillis() < deadline) {
        wait(100);
      }
    }

    synchronized String fields(int runs) {
      return String.format(Locale.ROOT, " spark_tasks=%d task_deser_ms=%.1f task_deser_cpu_ms=%.1f task_run_ms=%.1f"
          + " task_result_ser_ms=%.1f", tasks / runs, deserializeMs / (double) runs,
          deserializeCpuNs / 1e6 / runs, runMs / (double) runs, resultSerMs / (double) runs);
    }
  }

  /**
   * Diagnostics (--thread-cpu, Linux): CPU ticks per native thread name (digits folded, so the pools add up)
   * from /proc/self/task; covers the JIT compiler and GC threads, which no Java API reports.
   */
  static Map<String, Long> threadCpuTicks() throws IOException {
    Map<String, Long> ticks = new TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          ticks.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum); // utime + stime
        } catch (IOException | RuntimeException gone) {
          // the thread ended meanwhile
        }
      }
    }
    return ticks;
  }

  private static void printThreadCpu(Map<String, Long> before, Map<String, Long> after, int runs) {
    List<Map.Entry<String, Long>> used = new ArrayList<>();
    for (Map.Entry<String, Long> e : after.entrySet()) {
      long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
      if (d > 0) {
        used.add(Map.entry(e.getKey(), d));
      }
    }
    used.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
    StringBuilder line = new StringBuilder("THREADCPU ms/run (ticks=10ms):");
    for (Map.Entry<String, Long> e : used) {
      line.append(String.format(Locale.ROOT, " [%s]=%.0f", e.getKey(), e.getValue() * 10.0 / runs));
    }
    System.out.println(line);
  }

  /** Order-sensitive: count, sum, and a polynomial hash of the results in input order. */
  static String checksum(List<Long> results, int expectedCount) {
    if (results.size() != expectedCount) {
      throw new IllegalStateException("expected " + expectedCount + " results, got " + results.size());
    }
    long sum = 0;
    long hash = 17;
    for (Long r : results) {
      sum += r;
      hash = hash * 1_000_003L + r;
    }
    return results.size() + ":" + sum + ":" + Long.toHexString(hash);
  }

  // ---- summarize: the Markdown table from the RESULT lines of several rounds ----

  static final List<String> VARIANT_ORDER = List.of("sequential", "threads2", "geomill-local1", "geomill-local2",
      "spark-local1", "spark-local2");

  static String summarize(List<String> lines) {
    // workload -> variant -> list of parsed lines (one per round)
    Map<String, Map<String, List<Map<String, String>>>> byWorkload = new TreeMap<>(
        (a, b) -> a.equals(b) ? 0 : a.equals("tiny") ? -1 : b.equals("tiny") ? 1 : a.compareTo(b));
    for (String line : lines) {
      if (!line.startsWith("RESULT ")) {
        continue;
      }
      Map<String, String> f = new LinkedHashMap<>();
      for (String token : line.substring(7).trim().split("\\s+")) {
        int eq = token.indexOf('=');
        f.put(token.substring(0, eq), token.substring(eq + 1));
      }
      byWorkload.computeIfAbsent(f.get("workload"), w -> new TreeMap<>(
          (a, b) -> Integer.compare(order(a), order(b)) != 0 ? Integer.compare(order(a), order(b))
              : a.compareTo(b))).computeIfAbsent(f.get("variant"), v -> new ArrayList<>()).add(f);
    }
    StringBuilder out = new StringBuilder();
    out.append("| workload | variant | cores | wall ms: median (rounds' range) | speed-up vs sequential | efficiency "
        + "| overhead ms/item | session start ms | in-item ms | JVM CPU ms | Spark task deserialize ms "
        + "| others' CPU s | results |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    boolean checksumsAgree = true;
    for (Map.Entry<String, Map<String, List<Map<String, String>>>> w : byWorkload.entrySet()) {
      List<Map<String, String>> seq = w.getValue().get("sequential");
      double seqMs = seq == null ? Double.NaN : median(values(seq, "median_ms"));
      String seqSum = seq == null ? null : seq.get(0).get("checksum");
      for (Map.Entry<String, List<Map<String, String>>> v : w.getValue().entrySet()) {
        List<Map<String, String>> rows = v.getValue();
        Map<String, String> first = rows.get(0);
        int items = Integer.parseInt(first.get("items"));
        int cores = Integer.parseInt(first.get("cores"));
        double[] walls = values(rows, "median_ms");
        double wall = median(walls);
        double speedup = seqMs / wall;
        boolean isSeq = v.getKey().equals("sequential");
        boolean isSpark = Double.parseDouble(first.getOrDefault("spark_tasks", "0")) > 0;
        String sums = rows.stream().map(r -> r.get("checksum")).distinct().reduce((a, b) -> a + "/" + b).get();
        boolean ok = !sums.contains("/") && (seqSum == null || sums.equals(seqSum));
        checksumsAgree &= ok;
        String others = first.containsKey("others_cpu_s")
            ? String.format(Locale.ROOT, "%.1f-%.1f", min(values(rows, "others_cpu_s")),
                max(values(rows, "others_cpu_s"))) : "-";
        out.append(String.format(Locale.ROOT, "| %s | %s | %d | %s (%s-%s) | %sx | %.0f%% | %s | %s | %s | %s "
                + "| %s | %s | %s |%n", w.getKey(), v.getKey(), cores, ms(wall), ms(min(walls)), ms(max(walls)),
            String.format(Locale.ROOT, speedup < 0.1 ? "%.4f" : "%.2f", speedup), 100 * speedup / cores,
            isSeq ? "-" : String.format(Locale.ROOT, "%.2f", (wall - seqMs) / items),
            isSeq ? "-" : String.format(Locale.ROOT, "%.0f", median(values(rows, "session_ms"))),
            ms(median(values(rows, "item_ms"))), ms(median(values(rows, "cpu_ms"))),
            isSpark ? ms(median(values(rows, "task_deser_ms"))) : "-", others,
            ok ? "same" : "DIFFER: " + sums));
      }
    }
    if (!checksumsAgree) {
      out.append("\nCHECKSUM MISMATCH: the variants did not compute the same results.\n");
    }
    return out.toString();
  }

  /** One decimal, or two below 10 ms (the sequential tiny loop takes well under a millisecond). */
  private static String ms(double value) {
    return String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.0f", value);
  }

  private static int order(String variant) {
    for (int i = 0; i < VARIANT_ORDER.size(); i++) {
      if (variant.equals(VARIANT_ORDER.get(i))) {
        return i;
      }
    }
    return VARIANT_ORDER.size();
  }

  private static double[] values(List<Map<String, String>> rows, String key) {
    return rows.stream().mapToDouble(r -> Double.parseDouble(r.get(key))).toArray();
  }

  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElse(Double.NaN);
  }

  private static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }

  private static String fmt(double ms) {
    return String.format(Locale.ROOT, "%.2f", ms);
  }

  private static void usage(String problem) {
    System.err.println("EngineOverheadBenchmark: " + problem);
    System.err.println("usage: EngineOverheadBenchmark <sequential|threads2|geomill-local1|geomill-local2|spark-local1|spark-local2> "
        + "<tiny|primes|primes-heavy> [--runs 5] [--warmup 1] [--items N] [--chunk-size N] [--base N] [--thread-cpu]");
    System.err.println("       EngineOverheadBenchmark summarize <raw-file>");
    System.exit(2);
  }

  /** The session both Spark variants time: GeoMill's configuration, local[cores], no UI. */
  private static SparkSession localSession(int cores) {
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("spark.ui.enabled", "false");
    SparkConf conf = GeoMillSpark.conf("engine-overhead-bench", "local[" + cores + "]", overrides);
    return GeoMillSpark.session(conf);
  }
}
