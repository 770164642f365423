package io.geomill.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.TestSpark;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Items done in parts: each part a task, a finish that combines the parts' files, one outcome per item. */
class PartedBatchTest {
  private static final SparkSession SPARK = TestSpark.session();

  /** How often each part ran, by "item/part" (tasks run in this JVM in local mode). */
  private static final ConcurrentHashMap<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();
  private static final AtomicInteger PLANNED = new AtomicInteger();

  /**
   * A text cut into {@code parts} chunks; each part writes its chunk, the finish writes the whole text back.
   *
   * @param parts       how many parts; 0 means the item cannot be planned (partWeights throws)
   * @param failingPart the part that fails (after staging its file), or -1
   * @param slowMillis  how long each part takes
   */
  record Text(String name, String text, int parts, int failingPart, int slowMillis) implements java.io.Serializable {}

  private static final PartedTask<Text, Integer, Integer> CHUNKS = new PartedTask<>() {
    @Override
    public long[] partWeights(Text text, Configuration conf) {
      PLANNED.incrementAndGet();
      if (text.parts() == 0) {
        throw new IllegalStateException("cannot plan " + text.name());
      }
      long[] weights = new long[text.parts()];
      java.util.Arrays.fill(weights, text.text().length() / text.parts());
      return weights;
    }

    @Override
    public Integer runPart(Text text, int part, ItemContext context) throws Exception {
      RUNS.computeIfAbsent(text.name() + "/" + part, key -> new AtomicInteger()).incrementAndGet();
      String chunk = chunk(text, part);
      Files.writeString(context.stage("chunk.txt").toPath(), chunk);
      Thread.sleep(text.slowMillis());
      if (part == text.failingPart()) {
        throw new IllegalArgumentException("chunk '" + chunk + "' is refused");
      }
      return chunk.length();
    }

    @Override
    public Integer finish(Text text, List<Integer> parts, PartsContext context) throws IOException {
      StringBuilder whole = new StringBuilder();
      for (int part = 0; part < parts.size(); part++) {
        try (InputStream in = context.openPart(part, "chunk.txt")) {
          String chunk = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          assertThat(chunk.length()).isEqualTo(parts.get(part));
          whole.append(chunk);
        }
      }
      Files.writeString(context.stage(text.name() + ".txt").toPath(), whole);
      return whole.length();
    }
  };

  private static int chunkSize(Text text) {
    int parts = Math.max(1, text.parts());
    return (text.text().length() + parts - 1) / parts;
  }

  private static String chunk(Text text, int part) {
    int size = chunkSize(text);
    return text.text().substring(Math.min(text.text().length(), part * size),
        Math.min(text.text().length(), (part + 1) * size));
  }

  private static BatchItem<Text> item(Text text) {
    return new BatchItem<>(text.name(), text.text().length(), "v1", text);
  }

  @TempDir
  Path out;

  @Test
  void partsRunAsTasksTheFinishCombinesThemAndAFailedPartFailsOnlyItsItem() throws IOException {
    List<BatchItem<Text>> items = List.of(
        item(new Text("alpha", "abcdefghijklmnopqrstuvwxy", 5, -1, 0)),
        item(new Text("beta", "one part only", 1, -1, 0)),
        item(new Text("gamma", "123456789", 3, 1, 0)),
        item(new Text("delta", "not planned, so one part", 0, -1, 0)));
    List<BatchProgress> seen = new ArrayList<>();
    BatchListener recorder = new BatchListener() {
      @Override
      public void itemFinished(ItemOutcome<?> outcome, BatchProgress progress) {
        seen.add(progress);
      }

      @Override
      public void partFinished(BatchProgress progress) {
        seen.add(progress);
      }
    };
    BatchResult<Integer> result = Batch.ofParts("chunks", items, CHUNKS).outputTo(out.toString()).listener(recorder)
        .run(SPARK);

    assertThat(result.outcomes()).extracting(ItemOutcome::status)
        .containsExactly(ItemStatus.OK, ItemStatus.OK, ItemStatus.FAILED, ItemStatus.OK);
    assertThat(result.results()).containsExactly(25, 13, 24);
    assertThat(Files.readString(out.resolve("alpha.txt"))).isEqualTo("abcdefghijklmnopqrstuvwxy");
    assertThat(Files.readString(out.resolve("beta.txt"))).isEqualTo("one part only");
    assertThat(Files.readString(out.resolve("delta.txt"))).isEqualTo("not planned, so one part");
    ItemOutcome<Integer> gamma = result.outcomes().get(2);
    assertThat(gamma.message()).isEqualTo("part 2 of 3: chunk '456' is refused");
    assertThat(gamma.errorClass()).isEqualTo(IllegalArgumentException.class.getName());
    assertThat(out.resolve("gamma.txt")).as("a failed item has no output").doesNotExist();
    assertThat(out.resolve("_geomill/tmp")).as("staging and part files are cleared").doesNotExist();
    assertThat(result.outcomes().get(0).outputs()).singleElement().asString().endsWith("/alpha.txt");

    BatchProgress last = seen.get(seen.size() - 1);
    assertThat(last.units()).as("5 + 1 + 3 + 1 units").isEqualTo(10);
    assertThat(last.unitsDone()).isEqualTo(10);
    assertThat(seen).extracting(BatchProgress::unitsDone).isSorted();
    assertThat(last.describe()).startsWith("chunks: 4/4 (1 failed, 0 skipped), 10/10 parts");
  }

  @Test
  void aRerunSkipsCommittedItemsWithoutPlanningThem() throws IOException {
    List<BatchItem<Text>> items = List.of(item(new Text("alpha", "abcdefghij", 4, -1, 0)),
        item(new Text("beta", "klm", 1, -1, 0)));
    Batch.ofParts("chunks", items, CHUNKS).outputTo(out.toString()).run(SPARK);
    PLANNED.set(0);

    BatchResult<Integer> resumed = Batch.ofParts("chunks", items, CHUNKS).outputTo(out.toString()).run(SPARK);
    assertThat(resumed.outcomes()).extracting(ItemOutcome::status).containsOnly(ItemStatus.SKIPPED);
    assertThat(resumed.results()).containsExactly(10, 3);
    assertThat(PLANNED).hasValue(0);

    BatchResult<Integer> forced = Batch.ofParts("chunks", items, CHUNKS).outputTo(out.toString()).force(true)
        .run(SPARK);
    assertThat(forced.outcomes()).extracting(ItemOutcome::status).containsOnly(ItemStatus.OK);
    assertThat(PLANNED).hasValue(2);
    assertThat(Files.readString(out.resolve("alpha.txt"))).isEqualTo("abcdefghij");
  }

  /** Each part writes its chunk at its place in one file the parts share; the finish stages that file. */
  private static final PartedTask<Text, Integer, Integer> IN_PLACE = new PartedTask<>() {
    @Override
    public long[] partWeights(Text text, Configuration conf) throws Exception {
      return CHUNKS.partWeights(text, conf);
    }

    @Override
    public Integer runPart(Text text, int part, ItemContext context) throws Exception {
      byte[] chunk = chunk(text, part).getBytes(StandardCharsets.UTF_8);
      java.io.File shared = context.sharedFile("whole.txt");
      try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(shared, "rw")) {
        file.seek((long) part * chunkSize(text));
        file.write(chunk);
      }
      return chunk.length;
    }

    @Override
    public Integer finish(Text text, List<Integer> parts, PartsContext context) throws IOException {
      return (int) context.stageShared("whole.txt", text.name() + ".txt").length();
    }
  };

  @Test
  void partsWriteTheirRangesOfASharedFileThatTheFinishCommitsAsAnOutput() throws IOException {
    BatchResult<Integer> result = Batch.ofParts("in place",
        List.of(item(new Text("alpha", "abcdefghijklmnopqrstuvwxy", 5, -1, 0))), IN_PLACE).outputTo(out.toString())
        .run(SPARK);

    assertThat(result.results()).containsExactly(25);
    assertThat(Files.readString(out.resolve("alpha.txt"))).isEqualTo("abcdefghijklmnopqrstuvwxy");
    assertThat(out.resolve("_geomill/tmp")).as("the shared file goes with the parts").doesNotExist();
  }

  /** Tells whether its part was given a shared file (1) or not (0). */
  private static final PartedTask<Text, Integer, Integer> SHARED_FILE_PROBE = new PartedTask<>() {
    @Override
    public long[] partWeights(Text text, Configuration conf) {
      return new long[] {1};
    }

    @Override
    public Integer runPart(Text text, int part, ItemContext context) {
      return context.sharedFile("whole.txt") == null ? 0 : 1;
    }

    @Override
    public Integer finish(Text text, List<Integer> parts, PartsContext context) {
      return parts.get(0);
    }
  };

  @Test
  void anItemThatRunsWholeHasNoSharedFile() throws IOException {
    BatchResult<Integer> result = Batch.ofParts("whole", List.of(item(new Text("one", "abc", 1, -1, 0))), SHARED_FILE_PROBE)
        .outputTo(out.toString()).run(SPARK);
    assertThat(result.results()).as(result.outcomes().toString()).containsExactly(0);
  }

  @Test
  void theRemainingPartsOfAFailedItemAreSkipped() {
    String text = "x".repeat(60);
    BatchResult<Integer> result = Batch.ofParts("chunks", List.of(item(new Text("many", text, 60, 0, 40))), CHUNKS)
        .outputTo(out.toString()).run(SPARK);

    assertThat(result.failures()).singleElement().extracting(ItemOutcome::message).asString()
        .startsWith("part 1 of 60: ");
    long ran = RUNS.entrySet().stream().filter(e -> e.getKey().startsWith("many/")).count();
    assertThat(ran).as("parts started after the failure was known were skipped").isLessThan(30);
  }
}
