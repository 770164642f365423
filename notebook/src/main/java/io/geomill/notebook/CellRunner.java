package io.geomill.notebook;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Runs each cell on a thread of its own, so that Jupyter's interrupt can stop it without touching the kernel's
 * protocol threads. An interrupt interrupts the cell's thread (a cell waiting on a batch, a sleep or a blocking
 * call ends with an InterruptedException or BatchCancelledException) and cancels the cell's Spark jobs (a batch
 * then reports its unfinished items as cancelled), again every {@link #RECANCEL_MS} while the cell runs: a job
 * the cell starts after the interrupt (it was still planning a query, which takes seconds when Spark's classes
 * load for the first query) is cancelled too. A cell that ignores all that for a while ({@link #STOP_AFTER} in
 * the kernel; a busy loop) has its thread stopped, as the jshell tool does. Not sooner: a thread stopped while a
 * class initialises leaves that class unusable for the rest of the session.
 *
 * <p>The cell's jobs are those with its job tag: Spark's job tags are thread-local and inherited by the threads
 * a cell starts (a batch's driver thread), so a batch a previous cell left running is not cancelled. A cell
 * that starts the SparkContext itself has no tag yet; interrupting it cancels all jobs.
 */
final class CellRunner {
  static final Duration STOP_AFTER = Duration.ofSeconds(30);
  static final long RECANCEL_MS = 500;

  private final AtomicInteger cells = new AtomicInteger();
  private final ScheduledExecutorService stopper = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "geomill-cell-stopper");
    thread.setDaemon(true);
    return thread;
  });
  private final PrintStream log;
  private final Duration stopAfter;
  private volatile Cell running;

  /** A running cell: its thread, its Spark job tag (null: all jobs are its), and what the interrupt did. */
  private static final class Cell {
    final Thread thread;
    final String tag;
    volatile long interruptedAtNanos;
    volatile boolean stopped;
    ScheduledFuture<?> canceller;

    Cell(Thread thread, String tag) {
      this.thread = thread;
      this.tag = tag;
    }
  }

  /**
   * @param log       where to say that a cell had to be stopped (the kernel's own standard error)
   * @param stopAfter how long an interrupted cell may go on before its thread is stopped
   */
  CellRunner(PrintStream log, Duration stopAfter) {
    this.log = log;
    this.stopAfter = stopAfter;
  }

  /** Runs {@code cell} and waits for it; what it throws is thrown here. */
  Object run(Callable<Object> code) throws Exception {
    String tag = "geomill-cell-" + cells.incrementAndGet();
    boolean tagged = activeSpark() != null;
    FutureTask<Object> task = new FutureTask<>(() -> {
      SparkContext spark = activeSpark();
      if (tagged && spark != null) {
        spark.addJobTag(tag);
      }
      return code.call();
    });
    Cell cell = new Cell(new Thread(task, tag), tagged ? tag : null);
    running = cell;
    cell.thread.start();
    try {
      return task.get();
    } catch (ExecutionException e) {
      if (cell.stopped) {
        throw new CellInterrupted("the cell ignored the interrupt for " + stopAfter.toSeconds()
            + " s and was stopped; what it was changing may be left half-done");
      }
      Throwable cause = e.getCause();
      throw cause instanceof Exception exception ? exception : new UncaughtError(cause);
    } finally {
      running = null;
      synchronized (cell) {
        if (cell.canceller != null) {
          cell.canceller.cancel(false);
        }
      }
    }
  }

  /** Jupyter's interrupt: stops the running cell, if any, and its Spark work. */
  void interrupt() {
    Cell cell = running;
    if (cell == null) {
      return;
    }
    synchronized (cell) {
      if (cell.canceller != null) {
        return; // already being interrupted
      }
      cell.interruptedAtNanos = System.nanoTime();
      cell.thread.interrupt();
      cancelJobs(cell.tag); // now, even if the interrupt already ended the cell: its job may still run
      cell.canceller = stopper.scheduleWithFixedDelay(() -> keepStopping(cell), RECANCEL_MS, RECANCEL_MS,
          TimeUnit.MILLISECONDS);
    }
  }

  @SuppressWarnings({"deprecation", "removal"})
  private void keepStopping(Cell cell) {
    if (running != cell || !cell.thread.isAlive()) {
      return;
    }
    cancelJobs(cell.tag);
    if (!cell.stopped && System.nanoTime() - cell.interruptedAtNanos > stopAfter.toNanos()) {
      log.println("geomill kernel: " + cell.thread.getName() + " ignored the interrupt; stopping it");
      cell.stopped = true;
      cell.thread.stop(); // Java 17 still has it; the jshell tool stops its snippets the same way
    }
  }

  private static void cancelJobs(String tag) {
    SparkContext spark = activeSpark();
    if (spark != null && tag != null) {
      spark.cancelJobsWithTag(tag);
    } else if (spark != null) {
      spark.cancelAllJobs();
    }
  }

  /** The SparkContext of the session the cells started (Spark's default session), or null. */
  static SparkContext activeSpark() {
    scala.Option<SparkSession> session = SparkSession.getDefaultSession();
    SparkContext context = session.isDefined() ? session.get().sparkContext() : null;
    return context == null || context.isStopped() ? null : context;
  }
}
