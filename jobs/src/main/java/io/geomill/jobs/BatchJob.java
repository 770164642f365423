package io.geomill.jobs;

import io.geomill.batch.Batch;
import io.geomill.batch.BatchReport;
import io.geomill.batch.BatchResult;
import io.geomill.batch.BatchRun;
import io.geomill.batch.ConsoleProgress;
import io.geomill.batch.InputException;
import io.geomill.fs.HadoopFs;
import io.geomill.spark.GeoMillSpark;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every batch job shares: Spark options, output folder, --force, input checks while Spark starts, the
 * progress bar, Ctrl-C, the summary and the exit code. A job only says what to run, and on what: {@code S} is a
 * {@link SparkContext} for a job that is a batch only, a {@link SparkSession} for one that also runs SQL.
 *
 * @param <S> what the job runs on
 */
abstract class BatchJob<S> implements java.util.concurrent.Callable<Integer> {
  /** How long Ctrl-C waits for running tasks to stop and the report to be written. */
  private static final long CANCEL_GRACE_SECONDS = 15;
  /**
   * Spark stops its context from a Hadoop shutdown hook of priority 40, and Hadoop closes file systems at 10;
   * higher runs first, so at 100 the batch is cancelled, drained and reported while both still work.
   */
  private static final int CTRL_C_HOOK_PRIORITY = 100;
  /** Set to false (--conf geomill.headStart=false) to make a local batch wait for Spark before it starts. */
  static final String HEAD_START_KEY = "geomill.headStart";

  @Mixin
  SparkOptions spark;

  /** Required unless {@link #outputOptional()}; picocli cannot make an inherited option optional per job. */
  @Option(names = "--out", paramLabel = "FOLDER",
      description = "Output folder (local path, file:// or hdfs://). Holds the outputs and geomill-report.json.")
  String out;

  @Option(names = "--force", description = "Redo items a previous run already committed (default: resume).")
  boolean force;

  @Spec
  CommandLine.Model.CommandSpec commandSpec;

  private final AtomicBoolean summaryPrinted = new AtomicBoolean();
  /** The Hadoop configuration the Spark context will have; set before {@link #prepare}. */
  private Configuration hadoopConf;
  /** Driver threads that run a batch's first units while Spark starts (local mode; see Batch.headStart). */
  private int headStartThreads;

  /** Checks the output folder and the inputs while Spark starts, then runs the job. */
  @Override
  public final Integer call() {
    if (out == null && !outputOptional()) {
      return usageError("Missing required option: '--out=FOLDER'");
    }
    startEarly();
    SparkConf conf = spark.sparkConf("geomill " + commandSpec.name());
    SparkStart<S> starting = SparkStart.inBackground(() -> startSpark(conf));
    headStartThreads = conf.getBoolean(HEAD_START_KEY, true) ? Math.max(0, GeoMillSpark.localCores(conf) - 1) : 0;
    try {
      hadoopConf = GeoMillSpark.hadoopConf(conf);
      if (out != null) {
        checkOutputFolder(hadoopConf);
      }
      prepare(hadoopConf);
    } catch (InputException e) {
      int exit = usageError(e.getMessage());
      starting.discard();
      return exit;
    }
    int exit = run(starting);
    starting.leaveStarting(); // in case every unit ran in the head start, before the context was up
    return exit;
  }

  private int usageError(String message) {
    err().println("geomill " + commandSpec.name() + ": " + message);
    err().flush();
    return GeoMill.EXIT_USAGE;
  }

  private void checkOutputFolder(Configuration hadoopConf) {
    Path folder = HadoopFs.path(out);
    try {
      FileSystem fs = HadoopFs.fileSystem(folder, hadoopConf);
      if (fs.exists(folder) && !fs.getFileStatus(folder).isDirectory()) {
        throw new InputException("--out " + out + ": is a file, not a folder");
      }
    } catch (IOException e) {
      throw new InputException("--out " + out + ": cannot be used: " + e.getMessage(), e);
    }
  }

  /** Whether the job may run without --out (it then names its output folder in {@link #outputFolder()}). */
  protected boolean outputOptional() {
    return false;
  }

  /** Where the batch's outputs, records and report go. */
  protected String outputFolder() {
    return out;
  }

  /**
   * Starts, on threads of their own, set-up work the job's {@link #prepare} will meet first, and returns at once:
   * it then runs beside the Spark context's start and the Hadoop configuration's parsing, which take the main
   * thread's first half second, instead of after them on the job's critical path. Nothing by default; anything
   * that fails here is left to {@link #prepare}, which meets it too and reports it.
   */
  protected void startEarly() {}

  /**
   * Resolves and checks the inputs, while Spark starts on another thread; any {@link InputException} ends the
   * job with exit code 2.
   */
  protected abstract void prepare(Configuration hadoopConf);

  /**
   * Starts what the job runs on ({@link GeoMillSpark#context} or {@link GeoMillSpark#session}), on a thread of its
   * own while {@link #prepare} runs.
   */
  protected abstract S startSpark(SparkConf conf);

  /**
   * Runs the job on what {@link #startSpark} is starting ({@link SparkStart#await} waits for it); returns the exit
   * code.
   */
  protected abstract int run(SparkStart<S> spark);

  /**
   * Runs a batch with a progress bar, lets Ctrl-C cancel it (the running tasks are interrupted and the report
   * still written), prints the summary.
   */
  protected <T extends Serializable, R extends Serializable> BatchResult<R> runBatch(SparkContext spark,
      Batch<T, R> batch) {
    return runBatch(batch.outputTo(outputFolder()).force(force).listener(new ConsoleProgress()).start(spark));
  }

  /**
   * {@link #runBatch(SparkContext, Batch)} on a context still starting: in local mode the batch gets a head start
   * on the driver; otherwise it waits for the context.
   */
  protected <T extends Serializable, R extends Serializable> BatchResult<R> runBatch(SparkStart<SparkContext> spark,
      Batch<T, R> batch) {
    if (headStartThreads < 1) {
      return runBatch(spark.await(), batch);
    }
    return runBatch(batch.outputTo(outputFolder()).force(force).listener(new ConsoleProgress())
        .headStart(headStartThreads).start(spark.future(), hadoopConf));
  }

  private <R extends Serializable> BatchResult<R> runBatch(BatchRun<R> run) {
    Runnable onCtrlC = () -> {
      if (!run.isDone()) {
        err().println("geomill: cancelling (waiting up to " + CANCEL_GRACE_SECONDS + " s for running tasks)");
        run.cancel();
        try {
          BatchResult<R> result = run.await(CANCEL_GRACE_SECONDS, TimeUnit.SECONDS);
          if (result != null) {
            printSummary(result);
          }
        } catch (InterruptedException | RuntimeException e) {
          err().println("geomill: stopped before the report could be written: " + e.getMessage());
        }
      }
    };
    ShutdownHookManager hooks = ShutdownHookManager.get();
    try {
      hooks.addShutdownHook(onCtrlC, CTRL_C_HOOK_PRIORITY, CANCEL_GRACE_SECONDS + 5, TimeUnit.SECONDS);
    } catch (IllegalStateException shuttingDown) {
      onCtrlC.run(); // Ctrl-C came while the batch was starting: the JVM is already on its way out
    }
    BatchResult<R> result = run.await();
    if (!hooks.isShutdownInProgress()) {
      hooks.removeShutdownHook(onCtrlC);
    }
    return result;
  }

  protected void printSummary(BatchResult<?> result) {
    if (summaryPrinted.compareAndSet(false, true)) {
      out().print(BatchReport.summary(result));
      out().flush();
    }
  }

  protected PrintWriter out() {
    return commandSpec.commandLine().getOut();
  }

  protected PrintWriter err() {
    return commandSpec.commandLine().getErr();
  }
}
