package io.geomill.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.TestSpark;
import io.geomill.testing.MiniHdfs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The engine on a real HDFS (in-process MiniDFSCluster): inputs fetched to local scratch, outputs staged locally,
 * uploaded to the output folder's staging and committed by an HDFS rename; resume reads the records from HDFS.
 */
class HdfsBatchTest {
  private static final SparkSession SPARK = TestSpark.session();
  private static final MiniHdfs hdfs = MiniHdfs.shared();

  /** Reads the number in its input file and writes its square to sq/N.txt; the number 3 fails after staging. */
  private static final ItemTask<String, Integer> SQUARE_OF_FILE = (uri, context) -> {
    int n = Integer.parseInt(Files.readString(context.local(uri).toPath()).trim());
    Files.writeString(context.stage("sq/" + n + ".txt").toPath(), Integer.toString(n * n));
    if (n == 3) {
      throw new IllegalStateException("three is refused");
    }
    return n * n;
  };

  private static String uri(String path) {
    return hdfs.uri(path);
  }

  /** Input files /in/N.txt holding N, as items whose id is the file name and whose payload is the URI. */
  private static List<BatchItem<String>> inputFiles(int count) throws IOException {
    List<BatchItem<String>> items = new ArrayList<>();
    for (int n = 1; n <= count; n++) {
      String uri = uri("/in/" + n + ".txt");
      try (OutputStream out = hdfs.fileSystem().create(new Path(uri), true)) {
        out.write(Integer.toString(n).getBytes(StandardCharsets.UTF_8));
      }
      items.add(new BatchItem<>(n + ".txt", 1, "v1", uri));
    }
    return items;
  }

  private static String read(FileSystem fs, String path) throws IOException {
    try (var in = fs.open(new Path(path))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void outputsAreCommittedOnHdfsWithoutStagingLeftAndARerunResumes() throws IOException {
    FileSystem fs = hdfs.fileSystem();
    List<BatchItem<String>> items = inputFiles(6);
    String out = uri("/out");

    BatchResult<Integer> first = Batch.of("hdfs-squares", items, SQUARE_OF_FILE).outputTo(out).run(SPARK);

    assertThat(first.results()).containsExactly(1, 4, 16, 25, 36);
    assertThat(first.failures()).extracting(ItemOutcome::itemId).containsExactly("3.txt");
    assertThat(read(fs, "/out/sq/5.txt")).isEqualTo("25");
    assertThat(first.outcomes().get(4).outputs()).containsExactly(uri("/out/sq/5.txt"));
    assertThat(fs.exists(new Path("/out/sq/3.txt"))).as("the failed item's staged output").isFalse();
    assertThat(fs.listStatus(new Path("/out/sq"))).hasSize(5);
    assertThat(fs.listStatus(new Path("/out/_geomill/done"))).as("commit records").hasSize(5);
    assertThat(fs.exists(new Path("/out/_geomill/tmp"))).as("staging is cleared").isFalse();
    assertThat(read(fs, "/out/" + OutputStore.REPORT_NAME)).contains("\"failed\" : 1");

    ItemTask<String, Integer> rerunMarker = (uri, context) -> {
      Files.writeString(context.stage("sq/rerun-" + context.itemId()).toPath(), "rerun");
      return -1;
    };
    BatchResult<Integer> resumed = Batch.of("hdfs-squares", items, rerunMarker).outputTo(out).run(SPARK);

    assertThat(resumed.outcomes()).extracting(ItemOutcome::status).containsExactly(ItemStatus.SKIPPED,
        ItemStatus.SKIPPED, ItemStatus.OK, ItemStatus.SKIPPED, ItemStatus.SKIPPED, ItemStatus.SKIPPED);
    assertThat(resumed.results()).as("committed results are kept, the failed item ran again")
        .containsExactly(1, 4, -1, 16, 25, 36);
    assertThat(fs.exists(new Path("/out/sq/rerun-3.txt"))).isTrue();
    assertThat(fs.exists(new Path("/out/_geomill/tmp"))).isFalse();
  }
}
