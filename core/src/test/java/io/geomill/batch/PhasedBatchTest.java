package io.geomill.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.TestSpark;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Items in parts over phases: each phase's inputs come from the driver's step over the previous phase's
 * results; later phases read earlier phases' part files (their own and other parts'); a failing driver step or
 * part fails its item only; rounds of varying size; resume; cancellation between and within phases.
 */
class PhasedBatchTest {
  private static final SparkSession SPARK = TestSpark.session();

  /**
   * Numbers cut into parts. Phase 1: each part writes its numbers and returns their sum. The driver adds the
   * sums; then rounds, each halving a counter given to the even parts only, until it is 0; the last phase gives
   * every part the total, and each part writes its own numbers plus its right neighbour's count (read from that
   * part's phase-1 file) as a check of cross-part reads. The finish concatenates the parts' last files.
   *
   * @param failAt "driver" to fail the driver step after phase 1, "part" to fail part 1 in the last phase,
   *               "slow" for parts of 300 ms each
   */
  record Numbers(String name, List<int[]> parts, String failAt) implements Serializable {}

  private static final PhasedTask<Numbers, Long, String> TASK = new PhasedTask<>() {
    @Override
    public long[] partWeights(Numbers numbers, Configuration conf) {
      return numbers.parts().stream().mapToLong(p -> p.length).toArray();
    }

    @Override
    public String runWhole(Numbers numbers, ItemContext context) throws IOException {
      Files.writeString(context.stage(numbers.name() + ".txt").toPath(), "whole");
      return "whole";
    }

    @Override
    public Phases<Long> phases(Numbers numbers, int parts) {
      return new Phases<>() {
        int step;
        long total;
        int counter = 4;
        boolean lastPlanned;

        @Override
        public Map<Integer, Serializable> next(Map<Integer, Long> results) {
          Map<Integer, Serializable> next = new TreeMap<>();
          if (step == 0) {
            step++;
            for (int p = 0; p < parts; p++) {
              next.put(p, "write");
            }
            return next;
          }
          if (step == 1) {
            step++;
            assertThat(results).hasSize(parts);
            if (numbers.failAt().equals("driver")) {
              throw new IllegalStateException(numbers.name() + ": the driver step refuses");
            }
            total = results.values().stream().mapToLong(Long::longValue).sum();
          }
          if (counter > 0) { // rounds over the even parts only
            counter /= 2;
            for (int p = 0; p < parts; p += 2) {
              next.put(p, "round " + counter);
            }
            return next;
          }
          if (!lastPlanned) {
            lastPlanned = true;
            for (int p = 0; p < parts; p++) {
              next.put(p, (Long) total);
            }
          }
          return next; // empty after the last phase: finish
        }

        @Override
        public Serializable finishInput() {
          return total;
        }
      };
    }

    @Override
    public Long runPart(Numbers numbers, int part, Serializable input, PartsContext context)
        throws IOException, InterruptedException {
      int[] mine = numbers.parts().get(part);
      if (numbers.failAt().equals("slow")) {
        Thread.sleep(300);
      }
      if ("write".equals(input)) {
        Files.writeString(context.stage("numbers.txt").toPath(), java.util.Arrays.toString(mine));
        return (long) java.util.Arrays.stream(mine).sum();
      }
      if (input instanceof String) {
        return 0L; // a round
      }
      if (part == 1 && numbers.failAt().equals("part")) {
        throw new IllegalArgumentException("part 1 refuses the total " + input);
      }
      int right = (part + 1) % numbers.parts().size();
      String neighbour;
      try (InputStream in = context.openPart(right, "numbers.txt")) {
        neighbour = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Files.writeString(context.stage("line.txt").toPath(), part + " of total " + input + " next " + neighbour
          + "\n");
      return 0L;
    }

    @Override
    public String finish(Numbers numbers, Serializable input, PartsContext context) throws IOException {
      StringBuilder all = new StringBuilder();
      for (int p = 0; p < numbers.parts().size(); p++) {
        try (InputStream in = context.openPart(p, "line.txt")) {
          all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
      Files.writeString(context.stage(numbers.name() + ".txt").toPath(), all);
      return "total " + input;
    }
  };

  @TempDir
  Path dir;

  @Test
  void phasesSeeTheDriversStepsAndEarlierPartFilesAndFailuresStayWithTheirItem() throws IOException {
    List<BatchItem<Numbers>> items = List.of(
        item(new Numbers("good", List.of(new int[] {1, 2}, new int[] {3}, new int[] {4, 5, 6}), "")),
        item(new Numbers("driver", List.of(new int[] {1}, new int[] {2}), "driver")),
        item(new Numbers("part", List.of(new int[] {1}, new int[] {2}, new int[] {3}), "part")),
        item(new Numbers("single", List.of(new int[] {7}), "")));
    String out = dir.resolve("out").toString();

    BatchResult<String> result = Batch.ofPhases("phased", items, TASK).outputTo(out).run(SPARK);

    Map<String, ItemOutcome<String>> outcomes = new TreeMap<>();
    result.outcomes().forEach(o -> outcomes.put(o.itemId(), o));
    assertThat(outcomes.get("good").status()).isEqualTo(ItemStatus.OK);
    assertThat(outcomes.get("good").result()).isEqualTo("total 21");
    assertThat(Files.readString(dir.resolve("out/good.txt"))).isEqualTo(
        "0 of total 21 next [3]\n1 of total 21 next [4, 5, 6]\n2 of total 21 next [1, 2]\n");
    assertThat(outcomes.get("driver").status()).isEqualTo(ItemStatus.FAILED);
    assertThat(outcomes.get("driver").message()).isEqualTo("driver: the driver step refuses");
    assertThat(outcomes.get("part").status()).isEqualTo(ItemStatus.FAILED);
    assertThat(outcomes.get("part").message()).isEqualTo("part 2 of 3: part 1 refuses the total 6");
    assertThat(outcomes.get("single").result()).isEqualTo("whole");
    assertThat(dir.resolve("out/driver.txt")).doesNotExist();
    assertThat(dir.resolve("out/part.txt")).doesNotExist();
    assertThat(dir.resolve("out/_geomill/tmp")).doesNotExist();

    BatchResult<String> again = Batch.ofPhases("phased", items, TASK).outputTo(out).run(SPARK);
    assertThat(again.count(ItemStatus.SKIPPED)).isEqualTo(2);
    assertThat(again.count(ItemStatus.FAILED)).isEqualTo(2);
  }

  @Test
  void cancelStopsThePhasesOfEveryItemPromptlyAndLeavesNoPartFiles() throws InterruptedException {
    // One item of one part finishes in the first wave; the phased ones have five phases of 300 ms parts.
    List<BatchItem<Numbers>> items = new java.util.ArrayList<>();
    items.add(item(new Numbers("quick", List.of(new int[] {1}), "")));
    for (int i = 0; i < 4; i++) {
      items.add(item(new Numbers("slow" + i, List.of(new int[] {i}, new int[] {i + 1}), "slow")));
    }
    String out = dir.resolve("out").toString();
    BatchRun<String> run = Batch.ofPhases("phased", items, TASK).outputTo(out).start(SPARK);
    assertThat(run.completions().iterator().next().itemId()).isEqualTo("quick");

    long cancelledAt = System.nanoTime();
    run.cancel();
    BatchResult<String> result = run.await(10, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(result).as("the batch ends soon after cancel()").isNotNull();
    assertThat(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelledAt))
        .isLessThan(5_000);
    assertThat(result.cancelled()).isTrue();
    assertThat(result.exitCode()).isEqualTo(130);
    assertThat(result.count(ItemStatus.OK)).isEqualTo(1);
    assertThat(result.count(ItemStatus.CANCELLED)).isEqualTo(4);
    assertThat(dir.resolve("out").toFile().list((d, name) -> name.endsWith(".txt"))).containsExactly("quick.txt");
    assertThat(dir.resolve("out/_geomill/tmp")).doesNotExist();

    BatchResult<String> resumed = Batch.ofPhases("phased", items, TASK).outputTo(out).run(SPARK);
    assertThat(resumed.count(ItemStatus.SKIPPED)).isEqualTo(1);
    assertThat(resumed.count(ItemStatus.OK)).isEqualTo(4);
    assertThat(resumed.outcomes()).filteredOn(o -> o.itemId().startsWith("slow"))
        .allSatisfy(o -> assertThat(o.result()).startsWith("total "));
  }

  private static BatchItem<Numbers> item(Numbers numbers) {
    return new BatchItem<>(numbers.name(), 10, "v1", numbers);
  }
}
