package io.geomill.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geomill.TestSpark;
import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchTest {
  private static final SparkSession SPARK = TestSpark.session();

  /** Writes sq/N.txt holding N*N and returns N*N; multiples of 5 fail after staging their file. */
  private static final ItemTask<Integer, Integer> SQUARE = (n, context) -> {
    File staged = context.stage("sq/" + n + ".txt");
    Files.writeString(staged.toPath(), Integer.toString(n * n));
    if (n % 5 == 0) {
      throw new IllegalArgumentException("five divides " + n);
    }
    return n * n;
  };

  /** Returns -1: tells a test that an item was run again instead of being resumed. */
  private static final ItemTask<Integer, Integer> RERUN = (n, context) -> {
    Files.writeString(context.stage("sq/" + n + ".txt").toPath(), "rerun");
    return -1;
  };

  @TempDir
  Path out;

  private static List<BatchItem<Integer>> numbers(int from, int to) {
    List<BatchItem<Integer>> items = new ArrayList<>();
    for (int n = from; n <= to; n++) {
      items.add(new BatchItem<>("n" + n, n, "v1", n));
    }
    return items;
  }

  @Test
  void aFailingItemIsRecordedWhileTheOthersRunAndCommit() throws IOException {
    BatchResult<Integer> result = Batch.of("squares", numbers(1, 12), SQUARE).outputTo(out.toString()).run(SPARK);

    assertThat(result.outcomes()).extracting(ItemOutcome::itemId)
        .containsExactly("n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9", "n10", "n11", "n12");
    assertThat(result.results()).containsExactly(1, 4, 9, 16, 36, 49, 64, 81, 121, 144);
    assertThat(result.failures()).extracting(ItemOutcome::itemId).containsExactly("n5", "n10");
    ItemOutcome<Integer> five = result.failures().get(0);
    assertThat(five.errorClass()).isEqualTo(IllegalArgumentException.class.getName());
    assertThat(five.message()).isEqualTo("five divides 5");
    assertThat(five.stackTrace()).contains("IllegalArgumentException: five divides 5", "BatchTest");
    assertThat(five.executor()).isNotBlank();
    assertThat(result.exitCode()).isEqualTo(1);

    assertThat(Files.readString(out.resolve("sq/7.txt"))).isEqualTo("49");
    assertThat(result.outcomes().get(6).outputs()).singleElement().asString().endsWith("/sq/7.txt");
    assertThat(out.resolve("sq/5.txt")).as("a failed item's staged output").doesNotExist();
    assertThat(out.resolve("sq").toFile().list()).hasSize(10);
    assertThat(out.resolve("_geomill/tmp")).as("staging is cleared").doesNotExist();

    JsonNode report = new ObjectMapper().readTree(out.resolve(OutputStore.REPORT_NAME).toFile());
    assertThat(report.get("counts").get("ok").asInt()).isEqualTo(10);
    assertThat(report.get("counts").get("failed").asInt()).isEqualTo(2);
    assertThat(report.get("exitCode").asInt()).isEqualTo(1);
    assertThat(report.get("items").get(4).get("message").asText()).isEqualTo("five divides 5");
    assertThat(BatchReport.summary(result))
        .startsWith("squares: 12 item(s) in ")
        .contains(": 10 ok, 2 failed, 0 skipped", "  FAILED n5: five divides 5", "  FAILED n10: five divides 10");
  }

  @Test
  void aRerunSkipsCommittedItemsAndRedoesChangedMissingOrForcedOnes() throws IOException {
    Batch.of("squares", numbers(1, 4), SQUARE).outputTo(out.toString()).run(SPARK);

    BatchResult<Integer> resumed = Batch.of("squares", numbers(1, 4), RERUN).outputTo(out.toString()).run(SPARK);
    assertThat(resumed.outcomes()).extracting(ItemOutcome::status).containsOnly(ItemStatus.SKIPPED);
    assertThat(resumed.results()).as("results of the first run are kept").containsExactly(1, 4, 9, 16);
    assertThat(resumed.exitCode()).isZero();

    Files.delete(out.resolve("sq/2.txt"));
    List<BatchItem<Integer>> changed = numbers(1, 4);
    changed.set(2, new BatchItem<>("n3", 3, "v2", 3));
    BatchResult<Integer> partly = Batch.of("squares", changed, RERUN).outputTo(out.toString()).run(SPARK);
    assertThat(partly.results()).containsExactly(1, -1, -1, 16);

    BatchResult<Integer> forced = Batch.of("squares", numbers(1, 4), RERUN).outputTo(out.toString()).force(true)
        .run(SPARK);
    assertThat(forced.results()).containsExactly(-1, -1, -1, -1);
    assertThat(Files.readString(out.resolve("sq/1.txt"))).isEqualTo("rerun");
  }

  @Test
  void cancelStopsRunningTasksPromptlyAndReportsTheRestAsCancelled() throws InterruptedException {
    ItemTask<Integer, Integer> slow = (n, context) -> {
      Files.writeString(context.stage(n + ".txt").toPath(), "done");
      Thread.sleep(300);
      return n;
    };
    BatchRun<Integer> run = Batch.of("slow", numbers(1, 40), slow).outputTo(out.toString()).start(SPARK);
    var completions = run.completions().iterator();
    completions.next();
    completions.next();

    long cancelledAt = System.nanoTime();
    run.cancel();
    BatchResult<Integer> result = run.await(10, TimeUnit.SECONDS);

    assertThat(result).as("the batch ends soon after cancel()").isNotNull();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelledAt)).isLessThan(5_000);
    assertThat(result.cancelled()).isTrue();
    assertThat(result.exitCode()).isEqualTo(130);
    // Items committed before the cancel count as ok even when their result reached the driver after it (on a
    // loaded machine, several): their commit records say so.
    assertThat(result.count(ItemStatus.OK)).isBetween(2, 20);
    assertThat(result.count(ItemStatus.CANCELLED)).isEqualTo(40 - result.count(ItemStatus.OK));
    assertThat(result.progress().describe()).contains("(0 failed, 0 skipped, " + result.count(ItemStatus.CANCELLED)
        + " cancelled)");
    assertThat(out.toFile().list((dir, name) -> name.endsWith(".txt")))
        .as("exactly the committed items have outputs").hasSize(result.count(ItemStatus.OK));
    assertThat(out.resolve("_geomill/tmp")).doesNotExist();
  }

  @Test
  void cancellingTheSparkJobFromOutsideCancelsTheBatchInsteadOfFailingIt() throws InterruptedException {
    ItemTask<Integer, Integer> slow = (n, context) -> {
      Thread.sleep(300);
      return n;
    };
    BatchRun<Integer> run = Batch.of("slow", numbers(1, 40), slow).outputTo(out.toString()).start(SPARK);
    run.completions().iterator().next();

    SPARK.sparkContext().cancelAllJobs(); // what a notebook's interrupt and the Spark UI's kill link do
    BatchResult<Integer> result = run.await(10, TimeUnit.SECONDS);

    assertThat(result).as("the batch ends soon after its job is cancelled").isNotNull();
    assertThat(result.cancelled()).isTrue();
    assertThat(result.exitCode()).isEqualTo(130);
    assertThat(result.count(ItemStatus.FAILED)).isZero();
    assertThat(result.count(ItemStatus.OK)).isBetween(1, 10);
    assertThat(result.count(ItemStatus.CANCELLED)).isEqualTo(40 - result.count(ItemStatus.OK));
  }

  @Test
  void resumeOfManyItemsReadsTheirRecordsInParallelBatches() throws IOException {
    int count = 640; // ten batches of ParallelReads.BATCH_SIZE
    ItemTask<Integer, Integer> spread = (n, context) -> {
      Files.writeString(context.stage("many/" + n % 7 + "/" + n + ".txt").toPath(), Integer.toString(n));
      return n;
    };
    Batch.of("many", numbers(1, count), spread).outputTo(out.toString()).maxTasks(4).run(SPARK);
    Files.delete(out.resolve("many/3/10.txt"));

    BatchResult<Integer> resumed = Batch.of("many", numbers(1, count), RERUN).outputTo(out.toString()).maxTasks(4)
        .run(SPARK);
    assertThat(resumed.count(ItemStatus.SKIPPED)).isEqualTo(count - 1);
    assertThat(resumed.outcomes().get(9).status()).as("the item whose output was deleted").isEqualTo(ItemStatus.OK);
    List<Integer> expected = new ArrayList<>(numbers(1, count).stream().map(BatchItem::payload).toList());
    expected.set(9, -1);
    assertThat(resumed.results()).as("committed results are kept").containsExactlyElementsOf(expected);

    Configuration conf = new Configuration(SPARK.sparkContext().hadoopConfiguration());
    conf.set("fs.file.impl", SlowOpens.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    SlowOpens.reset();
    Map<String, ItemOutcome<Integer>> committed = new OutputStore(out.toString(), conf).committed(numbers(1, count));

    assertThat(committed).hasSize(count);
    assertThat(committed.get("n7").result()).isEqualTo(7);
    assertThat(SlowOpens.opens.get()).as("one open per record").isEqualTo(count);
    assertThat(SlowOpens.mostAtOnce.get()).as("records read at the same time").isGreaterThan(1);
  }

  /** The local file system with a remote store's round trip on every open, counting opens under way. */
  public static final class SlowOpens extends RawLocalFileSystem {
    static final AtomicInteger opens = new AtomicInteger();
    static final AtomicInteger underWay = new AtomicInteger();
    static final AtomicInteger mostAtOnce = new AtomicInteger();

    static void reset() {
      opens.set(0);
      mostAtOnce.set(0);
    }

    @Override
    public FSDataInputStream open(org.apache.hadoop.fs.Path path, int bufferSize) throws IOException {
      opens.incrementAndGet();
      mostAtOnce.accumulateAndGet(underWay.incrementAndGet(), Math::max);
      try {
        Thread.sleep(2);
        return super.open(path, bufferSize);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException();
      } finally {
        underWay.decrementAndGet();
      }
    }
  }

  @Test
  void outputsNeedAnOutputFolderAndANameInsideIt() {
    ItemTask<Integer, Integer> escaping = (n, context) -> {
      context.stage("../outside.txt");
      return n;
    };
    BatchResult<Integer> noFolder = Batch.of("squares", numbers(1, 1), SQUARE).run(SPARK);
    BatchResult<Integer> outside = Batch.of("escape", numbers(1, 1), escaping).outputTo(out.toString()).run(SPARK);

    assertThat(noFolder.failures()).singleElement().extracting(ItemOutcome::message)
        .isEqualTo("this batch has no output folder, so item n1 cannot write output 'sq/1.txt'");
    assertThat(outside.failures()).singleElement().extracting(ItemOutcome::message).asString()
        .contains("must be a relative path inside the output folder");
  }

  @Test
  void itemIdsMustBeUnique() {
    List<BatchItem<Integer>> twice = List.of(BatchItem.of("a", 1), BatchItem.of("a", 2));

    assertThatThrownBy(() -> Batch.of("dup", twice, SQUARE))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("item id 'a' appears twice in batch dup");
  }

  @Test
  void progressIsReportedPerItemAndAddsUp() {
    List<BatchProgress> seen = new ArrayList<>();
    BatchListener recorder = new BatchListener() {
      @Override
      public void itemFinished(ItemOutcome<?> outcome, BatchProgress progress) {
        seen.add(progress);
      }
    };
    Batch.of("squares", numbers(1, 6), SQUARE).listener(recorder).outputTo(out.toString()).run(SPARK);

    assertThat(seen).hasSize(6);
    assertThat(seen).extracting(BatchProgress::finished).containsExactly(1, 2, 3, 4, 5, 6);
    BatchProgress last = seen.get(5);
    assertThat(last.ok()).isEqualTo(5);
    assertThat(last.failed()).isEqualTo(1);
    assertThat(last.remaining()).isZero();
    assertThat(last.describe()).startsWith("squares: 6/6 (1 failed, 0 skipped) ");
  }
}
