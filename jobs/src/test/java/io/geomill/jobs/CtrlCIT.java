package io.geomill.jobs;

import static io.geomill.jobs.testing.InventoryAssertions.assertCompleteAndClean;
import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.jobs.testing.InventoryOutput;
import io.geomill.jobs.testing.ItEnvironment;
import io.geomill.jobs.testing.Launcher;
import io.geomill.jobs.testing.ManagedProcess;
import io.geomill.jobs.testing.Poll;
import io.geomill.jobs.testing.ProcessLogsOnFailure;
import io.geomill.jobs.testing.TestRasters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ctrl-C on the real launcher (bin/geomill, local mode) in the middle of a run: it stops promptly with exit code
 * 130, leaves no process and no half-written output behind, and the same command then resumes where it stopped.
 */
@ExtendWith(ProcessLogsOnFailure.class)
class CtrlCIT {
  /** BatchJob waits up to 15 s for running tasks; the JVM must be gone a little after that at the latest. */
  private static final Duration EXIT_AFTER_CTRL_C = Duration.ofSeconds(20);
  private static final int COMMITTED_BEFORE_CTRL_C = 10;
  private static final int SIGINT_EXIT_CODE = 130;

  @Test
  void ctrlCStopsPromptlyLeavesNothingHalfDoneAndTheSameCommandResumes() {
    String rasters = TestRasters.standardSet().toString();
    int total = TestRasters.COUNT;
    Path outFolder = ItEnvironment.workFolder("ctrl-c").resolve("out");
    InventoryOutput out = InventoryOutput.in(outFolder);

    ManagedProcess first = Launcher.start("geomill-inventory-ctrl-c", "inventory", rasters, "--out",
        outFolder.toString());
    Poll.until(() -> out.doneCount() >= COMMITTED_BEFORE_CTRL_C || !first.isAlive(), Duration.ofMinutes(2),
        () -> COMMITTED_BEFORE_CTRL_C + " items committed, " + out.doneCount() + " so far\n" + first.describe());
    assertThat(first.isAlive()).as("still running when Ctrl-C comes\n%s", first.describe()).isTrue();
    List<ProcessHandle> processTree = new ArrayList<>(first.handle().descendants().toList());
    processTree.add(first.handle());

    first.signal("INT");
    int exit = first.awaitExit(EXIT_AFTER_CTRL_C);

    assertThat(exit).as("exit code after Ctrl-C\n%s", first.describe()).isEqualTo(SIGINT_EXIT_CODE);
    for (ProcessHandle process : processTree) {
      Poll.until(() -> !process.isAlive(), Duration.ofSeconds(5),
          () -> "the end of process " + process.pid() + " of the launcher's tree");
    }
    int committed = out.doneCount();
    assertThat(committed).as("items committed before Ctrl-C took effect").isBetween(COMMITTED_BEFORE_CTRL_C,
        total - 1);
    assertThat(out.exists(InventoryOutput.CSV)).as("a table of a cancelled run").isFalse();
    assertThat(out.exists(InventoryOutput.PARQUET)).as("a table of a cancelled run").isFalse();
    assertThat(out.staging()).as("left in _geomill/tmp").isEmpty();
    assertThat(out.report().path("cancelled").asBoolean()).as("the cancelled run's report says so").isTrue();
    assertThat(out.reportCount("cancelled")).isPositive();
    // The report is written after the interrupted tasks stopped, from the commit records: it matches them.
    assertThat(out.reportCount("ok")).as("items the report calls done: exactly the committed ones").isEqualTo(committed);

    ManagedProcess again = Launcher.start("geomill-inventory-resume", "inventory", rasters, "--out",
        outFolder.toString());
    assertThat(again.awaitExit(Duration.ofMinutes(3))).as("exit code of the resumed run\n%s", again.describe())
        .isZero();
    assertThat(out.reportCount("skipped")).as("items the resumed run took from the cancelled one")
        .isEqualTo(committed);
    assertThat(out.reportCount("ok")).isEqualTo(total - committed);
    assertCompleteAndClean(out, total);
  }
}
