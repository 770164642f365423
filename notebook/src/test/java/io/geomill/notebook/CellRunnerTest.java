package io.geomill.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geomill.TestSpark;
import io.geomill.batch.BatchCancelledException;
import io.geomill.batch.BatchRun;
import io.geomill.batch.ItemStatus;
import io.geomill.batch.ParallelMap;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Jupyter's interrupt as the kernel handles it, on cells that wait on Spark, on a batch, or spin. */
class CellRunnerTest {
  private static final SparkSession SPARK = TestSpark.session();

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final CellRunner runner = new CellRunner(new PrintStream(log, true, StandardCharsets.UTF_8),
      Duration.ofSeconds(2));

  /** Runs {@code cell} as the kernel does, interrupts it once {@code started} is counted down. */
  private CompletableFuture<Object> runAndInterrupt(CountDownLatch started, java.util.concurrent.Callable<Object> cell)
      throws InterruptedException {
    CompletableFuture<Object> outcome = new CompletableFuture<>();
    Thread shell = new Thread(() -> {
      try {
        outcome.complete(runner.run(cell));
      } catch (Throwable e) {
        outcome.completeExceptionally(e);
      }
    });
    shell.start();
    assertThat(started.await(60, TimeUnit.SECONDS)).as("the cell got going").isTrue();
    runner.interrupt();
    return outcome;
  }

  @Test
  void anInterruptCancelsTheCellsSparkJobAndEndsTheCell() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    SPARK.sparkContext().addSparkListener(new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onTaskStart(org.apache.spark.scheduler.SparkListenerTaskStart taskStart) {
        running.countDown();
      }
    });
    long start = System.nanoTime();
    CompletableFuture<Object> cell = runAndInterrupt(running,
        () -> SPARK.range(0, 50_000_000_000L).selectExpr("sum(id % 7)").collectAsList());

    assertThatThrownBy(() -> cell.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(InterruptedException.class);
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(20);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (SPARK.sparkContext().statusTracker().getActiveJobIds().length > 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(SPARK.sparkContext().statusTracker().getActiveJobIds()).as("the job was cancelled").isEmpty();
    assertThat(runner.run(() -> SPARK.range(0, 10).count())).as("Spark still works").isEqualTo(10L);
  }

  @Test
  void anInterruptedBatchReportsItsUnfinishedItemsAsCancelled() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<BatchRun<Integer>> run = new AtomicReference<>();
    CompletableFuture<Object> cell = runAndInterrupt(started, () -> {
      run.set(ParallelMap.mapAsync(SPARK, IntStream.range(0, 20).boxed().toList(), (k, ms) -> {
        Thread.sleep(ms);
        return k;
      }, 300, 1));
      started.countDown();
      return run.get().await();
    });

    assertThatThrownBy(() -> cell.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(BatchCancelledException.class);
    var result = run.get().await();
    assertThat(result.cancelled()).isTrue();
    assertThat(result.count(ItemStatus.CANCELLED)).isPositive();
    assertThat(result.count(ItemStatus.FAILED)).isZero();
  }

  @Test
  void aCellThatIgnoresTheInterruptIsStopped() throws Exception {
    CountDownLatch spinning = new CountDownLatch(1);
    CompletableFuture<Object> cell = runAndInterrupt(spinning, () -> {
      spinning.countDown();
      double sink = 0;
      while (sink >= 0) {
        sink += Math.sqrt(sink + 1);
      }
      return sink;
    });

    assertThatThrownBy(() -> cell.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(CellInterrupted.class)
        .cause().hasMessageStartingWith("the cell ignored the interrupt for 2 s and was stopped");
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("ignored the interrupt; stopping it");
    assertThat(runner.run(() -> List.of(1, 2))).as("the next cell runs").isEqualTo(List.of(1, 2));
  }
}
