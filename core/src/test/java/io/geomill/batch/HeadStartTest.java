package io.geomill.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.TestSpark;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch started while its Spark context is still starting: with a head start, units run on the driver until the
 * context is up, the rest on Spark, and every item gets one outcome either way.
 */
@Timeout(120)
class HeadStartTest {
  private static final SparkContext SPARK = TestSpark.session().sparkContext();
  private static final String DRIVER = "driver (head start)";
  private static final long TIMEOUT_SECONDS = 60;

  /** Released by the test: items named "wait*" block on it (so a test knows they are running, not done). */
  private static volatile CountDownLatch release = new CountDownLatch(0);
  private static volatile CountDownLatch started = new CountDownLatch(0);

  /**
   * Writes N.txt holding N*N after {@code n} ms (20 ms at least); item ids starting "fail" throw, ids starting
   * "wait" wait for {@link #release} first.
   */
  private static final ItemTask<Integer, Integer> SQUARE = (n, context) -> {
    if (context.itemId().startsWith("wait")) {
      started.countDown();
      release.await();
    }
    Thread.sleep(Math.max(20, n));
    if (context.itemId().startsWith("fail")) {
      throw new IllegalStateException("item " + context.itemId() + " refuses");
    }
    Files.writeString(context.stage(n + ".txt").toPath(), Integer.toString(n * n));
    return n * n;
  };

  /** A text in parts of one character each; the finish writes them back joined, as NAME.txt. */
  private static final PartedTask<String, String, Integer> LETTERS = new PartedTask<>() {
    @Override
    public long[] partWeights(String text, Configuration conf) {
      long[] weights = new long[text.length()];
      Arrays.fill(weights, 1);
      return weights;
    }

    @Override
    public String runPart(String text, int part, ItemContext context) throws IOException {
      String letter = text.substring(part, part + 1);
      Files.writeString(context.stage("letter").toPath(), letter);
      return letter;
    }

    @Override
    public Integer finish(String text, List<String> parts, PartsContext context) throws IOException {
      StringBuilder joined = new StringBuilder();
      for (int part = 0; part < parts.size(); part++) {
        try (InputStream in = context.openPart(part, "letter")) {
          joined.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
      assertThat(joined.toString()).isEqualTo(String.join("", parts));
      Files.writeString(context.stage(context.itemId() + ".txt").toPath(), joined);
      return joined.length();
    }
  };

  @TempDir
  Path out;

  private static List<BatchItem<Integer>> numbers(String prefix, int count, int millis) {
    List<BatchItem<Integer>> items = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      items.add(new BatchItem<>(prefix + i, millis, "v1", millis + i));
    }
    return items;
  }

  @Test
  void unitsRunOnTheDriverUntilSparkIsUpAndTheRestOnSpark() throws Exception {
    CompletableFuture<SparkContext> starting = new CompletableFuture<>();
    BatchRun<Integer> run = Batch.of("squares", numbers("n", 16, 60), SQUARE).outputTo(out.toString())
        .headStart(1).start(starting, SPARK.hadoopConfiguration());
    List<ItemOutcome<Integer>> beforeSpark = new ArrayList<>();
    for (ItemOutcome<Integer> outcome : run.completions()) {
      beforeSpark.add(outcome);
      if (beforeSpark.size() == 2) {
        break;
      }
    }
    starting.complete(SPARK);
    BatchResult<Integer> result = run.future().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

    assertThat(beforeSpark).extracting(ItemOutcome::executor).containsOnly(DRIVER);
    assertThat(result.outcomes()).extracting(ItemOutcome::status).containsOnly(ItemStatus.OK);
    assertThat(result.outcomes()).extracting(ItemOutcome::executor).contains(DRIVER)
        .anyMatch(executor -> !DRIVER.equals(executor));
    for (ItemOutcome<Integer> outcome : result.outcomes()) {
      int n = (int) Math.sqrt(outcome.result());
      assertThat(Files.readString(out.resolve(n + ".txt"))).isEqualTo(Integer.toString(n * n));
    }
    assertThat(out.resolve("_geomill/tmp")).as("staging is cleared").doesNotExist();
  }

  @Test
  void aBatchTheHeadStartFinishesNeedsNoSparkContextAtAll() throws Exception {
    CompletableFuture<SparkContext> neverUp = new CompletableFuture<>();
    List<BatchItem<String>> texts = List.of(new BatchItem<>("abc", 3, "v1", "abc"),
        new BatchItem<>("hello", 5, "v1", "hello"));
    BatchResult<Integer> result = Batch.ofParts("letters", texts, LETTERS).outputTo(out.toString()).headStart(2)
        .start(neverUp, SPARK.hadoopConfiguration()).future().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

    assertThat(result.outcomes()).extracting(ItemOutcome::status).containsOnly(ItemStatus.OK);
    assertThat(result.outcomes()).extracting(ItemOutcome::executor).containsOnly(DRIVER);
    assertThat(Files.readString(out.resolve("abc.txt"))).isEqualTo("abc");
    assertThat(Files.readString(out.resolve("hello.txt"))).isEqualTo("hello");
    assertThat(out.resolve("geomill-report.json")).exists();
    assertThat(out.resolve("_geomill/tmp")).as("staging and part files are cleared").doesNotExist();
  }

  @Test
  void aFailingUnitOnTheDriverFailsOnlyItsItem() throws Exception {
    List<BatchItem<Integer>> items = new ArrayList<>(numbers("n", 3, 20));
    items.add(1, new BatchItem<>("fail", 500, "v1", 20));
    BatchResult<Integer> result = Batch.of("squares", items, SQUARE).outputTo(out.toString()).headStart(1)
        .start(new CompletableFuture<>(), SPARK.hadoopConfiguration()).future()
        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

    assertThat(result.outcomes()).extracting(ItemOutcome::status)
        .containsExactly(ItemStatus.OK, ItemStatus.FAILED, ItemStatus.OK, ItemStatus.OK);
    assertThat(result.outcomes().get(1).message()).isEqualTo("item fail refuses");
    assertThat(result.outcomes().get(1).executor()).isEqualTo(DRIVER);
    assertThat(out.resolve("20.txt")).as("the failed item's output").doesNotExist();
  }

  @Test
  void cancelStopsTheUnitsRunningOnTheDriverAndCommitsNothing() throws Exception {
    started = new CountDownLatch(1);
    release = new CountDownLatch(1); // never released: only an interrupt ends the wait
    BatchRun<Integer> run = Batch.of("squares", numbers("wait", 4, 20), SQUARE).outputTo(out.toString())
        .headStart(1).start(new CompletableFuture<>(), SPARK.hadoopConfiguration());
    assertThat(started.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("the first item started").isTrue();

    run.cancel();
    BatchResult<Integer> result = run.future().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

    assertThat(result.cancelled()).isTrue();
    assertThat(result.outcomes()).extracting(ItemOutcome::status).containsOnly(ItemStatus.CANCELLED);
    assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
        .noneMatch(name -> name.startsWith("geomill-head-start"));
    try (var files = Files.walk(out)) {
      assertThat(files.map(path -> path.getFileName().toString())).as("outputs of a cancelled batch")
          .noneMatch(name -> name.endsWith(".txt"));
    }
    assertThat(out.resolve("geomill-report.json")).exists();
  }

  @Test
  void theItemsLeftFailWhenSparkCannotStart() throws Exception {
    CompletableFuture<SparkContext> starting = new CompletableFuture<>();
    BatchRun<Integer> run = Batch.of("squares", numbers("n", 10, 80), SQUARE).outputTo(out.toString())
        .headStart(1).start(starting, SPARK.hadoopConfiguration());
    ItemOutcome<Integer> first = run.completions().iterator().next();
    starting.completeExceptionally(new IllegalStateException("no port free"));
    BatchResult<Integer> result = run.future().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

    assertThat(first.status()).isEqualTo(ItemStatus.OK);
    assertThat(result.outcomes()).filteredOn(o -> o.status() == ItemStatus.FAILED).isNotEmpty()
        .allSatisfy(o -> assertThat(o.message()).contains("no port free"));
    assertThat(result.outcomes()).filteredOn(o -> o.status() == ItemStatus.OK)
        .allSatisfy(o -> assertThat(o.executor()).isEqualTo(DRIVER)).isNotEmpty();
    assertThat(result.exitCode()).isNotZero();
  }

  @Test
  void withoutAHeadStartTheBatchWaitsForSpark() throws Exception {
    CompletableFuture<SparkContext> starting = new CompletableFuture<>();
    BatchRun<Integer> run = Batch.of("squares", numbers("n", 3, 20), SQUARE).outputTo(out.toString())
        .start(starting, SPARK.hadoopConfiguration());
    Thread.sleep(300);
    assertThat(run.progress().finished()).as("nothing runs before the context is up").isZero();

    starting.complete(SPARK);
    BatchResult<Integer> result = run.future().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

    assertThat(result.outcomes()).extracting(ItemOutcome::status).containsOnly(ItemStatus.OK);
    assertThat(result.outcomes()).extracting(ItemOutcome::executor).noneMatch(DRIVER::equals);
  }
}
