package io.geomill.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.jobs.testing.ItEnvironment;
import io.geomill.jobs.testing.Launcher;
import io.geomill.jobs.testing.ManagedProcess;
import io.geomill.jobs.testing.ProcessLogsOnFailure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** bin/geomill as a user first meets it: the help, a typo in an input path, a raster job on the samples. */
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

  /**
   * In local mode a raster job's first tiles run on the driver while Spark starts (the head start); they must
   * give the same files as a run that waits for Spark and does every tile in Spark tasks.
   */
  @Test
  void aTerrainRunGivesTheSameFilesWithOrWithoutItsHeadStart() throws IOException {
    Path work = ItEnvironment.workFolder("launcher-head-start");
    Path dems = ItEnvironment.dataSamples().resolve("rasters");
    Path early = work.resolve("head-start");
    Path waited = work.resolve("no-head-start");
    List<String> job = List.of("terrain", "--in", dems.resolve("rhine_elv0.tif").toString(),
        dems.resolve("west_bijou_escarpment_snippet.asc").toString(), "--products", "slope,hillshade", "--tile", "256");

    ManagedProcess first = Launcher.start("geomill-terrain-head-start", concat(job, "--out", early.toString()));
    assertThat(first.awaitExit(Duration.ofMinutes(2))).as("exit code\n%s", first.describe()).isZero();
    ManagedProcess second = Launcher.start("geomill-terrain-no-head-start",
        concat(job, "--out", waited.toString(), "--conf", "geomill.headStart=false"));
    assertThat(second.awaitExit(Duration.ofMinutes(2))).as("exit code\n%s", second.describe()).isZero();

    for (String output : List.of("rhine_elv0_slope.tif", "rhine_elv0_hillshade.tif",
        "west_bijou_escarpment_snippet_slope.tif", "west_bijou_escarpment_snippet_hillshade.tif")) {
      assertThat(Files.readAllBytes(early.resolve(output))).as(output)
          .isEqualTo(Files.readAllBytes(waited.resolve(output)));
    }
    JsonNode items = new ObjectMapper().readTree(waited.resolve("geomill-report.json").toFile()).path("items");
    assertThat(items).hasSize(2);
    items.forEach(item -> assertThat(item.path("executor").asText()).as("executor without a head start")
        .isNotEqualTo("driver (head start)").isNotEmpty());
  }

  private static String[] concat(List<String> job, String... more) {
    List<String> all = new ArrayList<>(job);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
