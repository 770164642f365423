package io.geomill.jobs;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkContext$;

/**
 * A Spark context or session ({@code S}) starting on a thread of its own. Spark takes seconds to start (most of a
 * small job's wall time) and needs none of a job's input checks, which need no Spark: a job starts both at once,
 * so on two cores the checks, and the class loading and CRS database opening they do, are off the critical path.
 */
final class SparkStart<S> {
  /**
   * The loggers of a context's failed start: the context's, which logs the failure (with the exception) before
   * throwing it, and Spark's utilities', which log what goes wrong in the stop of the half-started context
   * ("Uncaught exception in thread geomill-spark-start", a NullPointerException, when the JVM's exit comes
   * while the scheduler starts).
   */
  private static final List<String> START_LOGGERS = List.of(SparkContext.class.getName(),
      "org.apache.spark.util.Utils");

  private final CompletableFuture<S> spark;
  /** Whether a Spark context was running before (a notebook's, a test's): the start then reuses it. */
  private final boolean reusesContext;

  private SparkStart(CompletableFuture<S> spark, boolean reusesContext) {
    this.spark = spark;
    this.reusesContext = reusesContext;
  }

  static <S> SparkStart<S> inBackground(Supplier<S> start) {
    // getActive is Spark-internal (private[spark], public in the bytecode); the public getOrCreate would create one.
    boolean running = SparkContext$.MODULE$.getActive().isDefined();
    return new SparkStart<>(CompletableFuture.supplyAsync(start, runnable -> {
      // A daemon: a job that fails while Spark starts exits without waiting for it (see discard()).
      Thread thread = new Thread(runnable, "geomill-spark-start");
      thread.setDaemon(true);
      thread.start();
    }), running);
  }

  /** What was started, once it is; Spark's own exception if it could not start. */
  S await() {
    try {
      return spark.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /** What is being started, as a future (a copy: completing it does not complete this start). */
  CompletableFuture<S> future() {
    return spark.copy();
  }

  /**
   * For a job that ends without using Spark (bad inputs): returns at once, so the job's message and exit code
   * come without waiting for Spark. A context this start made is stopped as soon as it is up (from the launcher,
   * the JVM's exit usually comes first; see {@link #leaveStarting}); a context that was running before is left
   * alone.
   */
  void discard() {
    if (!reusesContext) {
      leaveStarting();
      spark.thenRun(() -> SparkContext.getOrCreate().stop());
    }
  }

  /**
   * For a job done before what it started is up (its batch all ran in the head start): the context is left to
   * come up as a finished job's is left running (for the next job in this JVM, stopped at its exit). From the
   * launcher the JVM's exit usually comes first and makes the start fail ("Shutdown hooks cannot be modified
   * during shutdown"), a failure of nothing the job needs: the start's error logs ({@link #START_LOGGERS}) are
   * muted until it ends.
   */
  void leaveStarting() {
    if (!spark.isDone()) {
      for (String logger : START_LOGGERS) {
        Level level = LogManager.getLogger(logger).getLevel();
        Configurator.setLevel(logger, Level.OFF);
        spark.whenComplete((context, error) -> Configurator.setLevel(logger, level));
      }
    }
  }
}
