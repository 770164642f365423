package io.geomill.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.jobs.testing.ItEnvironment;
import io.geomill.jobs.testing.Launcher;
import io.geomill.jobs.testing.ManagedProcess;
import io.geomill.jobs.testing.ProcessLogsOnFailure;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** bin/geomill as a user first meets it: the help, and a typo in an input path. */
@ExtendWith(ProcessLogsOnFailure.class)
class LauncherIT {
  /** Checking inputs happens before Spark starts: a typo must cost a JVM start, not a Spark start. */
  private static final Duration BAD_INPUT_MAX = Duration.ofSeconds(5);

  @Test
  void helpListsTheJobsAndEachJobsOptions() {
    ManagedProcess help = Launcher.start("geomill-help", "--help");
    assertThat(help.awaitExit(Duration.ofSeconds(30))).isZero();
    assertThat(help.output()).contains("Usage: geomill", "inventory", "Exit codes:");

    ManagedProcess jobHelp = Launcher.start("geomill-inventory-help", "inventory", "--help");
    assertThat(jobHelp.awaitExit(Duration.ofSeconds(30))).isZero();
    assertThat(jobHelp.output()).contains("Usage: geomill inventory", "INPUT", "--out", "--master", "--conf",
        "--force");
  }

  @Test
  void aMissingInputIsExitCode2NamingItWithoutWaitingForSpark() {
    Path work = ItEnvironment.workFolder("launcher-missing-input");
    Path missing = work.resolve("no-such-folder");
    Path out = work.resolve("out");

    ManagedProcess run = Launcher.start("geomill-missing-input", "inventory", missing.toString(), "--out",
        out.toString());
    int exit = run.awaitExit(Duration.ofSeconds(30));

    assertThat(exit).as("exit code\n%s", run.describe()).isEqualTo(2);
    assertThat(run.output()).contains(missing + ": no such file or folder");
    assertThat(run.age()).as("time to reject the input").isLessThan(BAD_INPUT_MAX);
    assertThat(out).as("nothing ran, so no output folder").doesNotExist();
  }
}
