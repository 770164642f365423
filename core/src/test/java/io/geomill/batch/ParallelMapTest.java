package io.geomill.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geomill.TestSpark;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class ParallelMapTest {
  private static final SparkSession SPARK = TestSpark.session();

  /** The multiprocessing examples' workload: the sum of the primes below a limit. */
  static long sumOfPrimesBelow(int limit) {
    long sum = 0;
    for (int candidate = 2; candidate < limit; candidate++) {
      boolean prime = true;
      for (int divisor = 2; (long) divisor * divisor <= candidate; divisor++) {
        if (candidate % divisor == 0) {
          prime = false;
          break;
        }
      }
      if (prime) {
        sum += candidate;
      }
    }
    return sum;
  }

  @Test
  void mapAppliesTheFunctionWithItsFixedParametersAndKeepsInputOrder() {
    List<Integer> ks = IntStream.range(0, 20).boxed().toList();

    List<Long> sums = ParallelMap.map(SPARK, ks, (k, base) -> sumOfPrimesBelow(base + 100 * k), 1_000);

    assertThat(sums).hasSize(20);
    assertThat(sums.get(0)).isEqualTo(76_127L); // sum of primes below 1000
    for (int k = 0; k < 20; k++) {
      assertThat(sums.get(k)).isEqualTo(sumOfPrimesBelow(1_000 + 100 * k));
    }
  }

  @Test
  void mapAsyncGivesEveryResultAsItCompletes() {
    BatchRun<Integer> run = ParallelMap.mapAsync(SPARK, List.of(3, 1, 2), (n, factor) -> n * factor, 10);

    List<Integer> arrived = new ArrayList<>();
    for (ItemOutcome<Integer> outcome : run.completions()) {
      arrived.add(outcome.result());
    }

    assertThat(arrived).containsExactlyInAnyOrder(30, 10, 20);
    assertThat(run.future().join().results()).containsExactly(30, 10, 20);
  }

  @Test
  void inputsGoToSparkInChunksOfPoolMapsDefaultSizeUnlessTold() {
    List<Integer> inputs = IntStream.range(0, 20).boxed().toList();
    ItemFunction<Integer, String, String> taskOfInput = (n, unused) -> {
      TaskContext task = TaskContext.get();
      return task.stageId() + "/" + task.partitionId();
    };
    int workers = SPARK.sparkContext().defaultParallelism();

    List<String> chunked = ParallelMap.map(SPARK, inputs, taskOfInput, "");
    List<String> onePerTask = ParallelMap.map(SPARK, inputs, taskOfInput, "", 1);

    int chunk = ParallelMap.defaultChunkSize(20, workers);
    assertThat(new HashSet<>(chunked)).hasSize((20 + chunk - 1) / chunk);
    assertThat(new HashSet<>(onePerTask)).hasSize(20);
  }

  @Test
  void theDefaultChunkSizeIsPoolMapsFourChunksPerWorker() {
    assertThat(ParallelMap.defaultChunkSize(50, 2)).isEqualTo(7);    // 8 tasks
    assertThat(ParallelMap.defaultChunkSize(1000, 2)).isEqualTo(125);
    assertThat(ParallelMap.defaultChunkSize(3, 2)).isEqualTo(1);     // fewer inputs than chunks: one each
    assertThat(ParallelMap.defaultChunkSize(0, 2)).isEqualTo(1);
    assertThat(ParallelMap.defaultChunkSize(10, 0)).isEqualTo(3);    // no worker known yet: as if one
  }

  @Test
  void aFailedInputFailsTheMapAfterAllRanAndNamesEveryFailure() {
    ItemFunction<Integer, Integer, Integer> inverse = (n, scale) -> scale / n;

    assertThatThrownBy(() -> ParallelMap.map(SPARK, List.of(1, 0, 2, 0), inverse, 12))
        .isInstanceOf(BatchFailedException.class)
        .hasMessageContaining("4 item(s)")
        .hasMessageContaining("2 ok, 2 failed")
        .hasMessageContaining("FAILED #1 0: / by zero")
        .hasMessageContaining("FAILED #3 0: / by zero")
        .satisfies(e -> assertThat(new ArrayList<Object>(((BatchFailedException) e).result().results()))
            .containsExactly(12, 6));
  }
}
