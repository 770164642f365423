package io.geomill.jobs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;

/**
 * A Spark context or session ({@code S}) starting on a thread of its own. Spark takes seconds to start (most of a small job's wall
 * time) and needs none of a job's input checks, which need no Spark: a job starts both at once, so on two cores
 * the checks, and the class loading and CRS database opening they do, are off the critical path.
 */
final class SparkStart<S> {
  private static final long DISCARD_WAIT_SECONDS = 10;

  private final CompletableFuture<S> spark;

  private SparkStart(CompletableFuture<S> spark) {
    this.spark = spark;
  }

  static <S> SparkStart<S> inBackground(Supplier<S> start) {
    return new SparkStart<>(CompletableFuture.supplyAsync(start, runnable -> {
      // A daemon: a job that fails while Spark starts exits without waiting for it (see discard()).
      Thread thread = new Thread(runnable, "geomill-spark-start");
      thread.setDaemon(true);
      thread.start();
    }));
  }

  /** What was started, once it is; Spark's own exception if it could not start. */
  S await() {
    try {
      return spark.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /**
   * Stops Spark when the job ends without using it (bad inputs). It waits for the start to finish, up to
   * {@link #DISCARD_WAIT_SECONDS}: a JVM that exits while Spark creates its temporary folders can leave them
   * behind, since Spark registers their deletion only once each exists; a start that takes longer (a cluster
   * master that does not answer) is left to the JVM's exit.
   */
  void discard() {
    try {
      spark.get(DISCARD_WAIT_SECONDS, TimeUnit.SECONDS);
      // Whether a context or a session was started, its context is now the active one, and stopping it is enough.
      SparkContext.getOrCreate().stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      // The job already failed for its own reason, which is the one to report; Spark's is beside the point.
    }
  }
}
