package io.geomill.jobs;

import static io.geomill.jobs.testing.InventoryAssertions.assertCompleteAndClean;
import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.jobs.testing.InProcessGeoMill;
import io.geomill.jobs.testing.InventoryOutput;
import io.geomill.jobs.testing.ItEnvironment;
import io.geomill.testing.MiniHdfs;
import io.geomill.jobs.testing.TestFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inputs and outputs on a real HDFS (in-process MiniDFSCluster): the inventory reads hdfs:// inputs (copied to
 * the executor with their sidecars), commits on HDFS, leaves no staging, and resumes from HDFS on a rerun.
 */
class HdfsIT {
  private static MiniHdfs hdfs;
  /** The readable samples (rasters/ and vectors/, not broken/): the same tree is uploaded to hdfs:///in. */
  private static Path localInput;

  @BeforeAll
  static void startHdfs() {
    localInput = ItEnvironment.workFolder("hdfs-input");
    TestFiles.copyTree(ItEnvironment.dataSamples().resolve("rasters"), localInput.resolve("rasters"));
    TestFiles.copyTree(ItEnvironment.dataSamples().resolve("vectors"), localInput.resolve("vectors"));
    hdfs = MiniHdfs.start(ItEnvironment.workFolder("hdfs"));
    hdfs.upload(localInput, "/in");
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) {
      hdfs.close();
    }
  }

  @Test
  void inventoryOfHdfsInputsIntoHdfsDescribesLikeLocalAndResumes() {
    String in = hdfs.uri("/in");
    String outUri = hdfs.uri("/out");
    InventoryOutput out = InventoryOutput.at(outUri, hdfs.fileSystem().getConf());

    assertThat(InProcessGeoMill.run("inventory", in, "--out", outUri, "--master", "local[2]")).isZero();
    int total = out.reportCount("total");
    assertThat(total).as("datasets in the samples' rasters/ and vectors/").isGreaterThanOrEqualTo(5);
    assertThat(out.reportCount("ok")).isEqualTo(total);
    assertCompleteAndClean(out, total);
    assertThat(out.column("uri")).allSatisfy(uri -> assertThat(uri).startsWith(hdfs.uri("/in/")));
    assertDescribedAsLocalCopiesAre(out);

    assertThat(InProcessGeoMill.run("inventory", in, "--out", outUri, "--master", "local[2]")).isZero();
    assertThat(out.reportCount("skipped")).as("a rerun resumes: everything was committed").isEqualTo(total);
    assertCompleteAndClean(out, total);

    assertThat(InProcessGeoMill.run("inventory", in, "--out", outUri, "--master", "local[2]", "--force"))
        .isZero();
    assertThat(out.reportCount("ok")).as("--force redoes everything").isEqualTo(total);
    assertThat(out.reportCount("skipped")).isZero();
    assertCompleteAndClean(out, total);
  }

  /** The same files described from the local disk give the same rows: only the uri column may differ. */
  private static void assertDescribedAsLocalCopiesAre(InventoryOutput onHdfs) {
    Path localOut = ItEnvironment.workFolder("hdfs-local-reference").resolve("out");
    assertThat(InProcessGeoMill.run("inventory", localInput.toString(), "--out", localOut.toString(),
        "--master", "local[2]")).isZero();
    assertThat(withoutUri(onHdfs.rows())).containsExactlyInAnyOrderElementsOf(
        withoutUri(InventoryOutput.in(localOut).rows()));
  }

  private static List<Map<String, String>> withoutUri(List<Map<String, String>> rows) {
    rows.forEach(row -> row.remove("uri"));
    return rows;
  }
}
