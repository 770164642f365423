package io.geomill.jobs;

import static io.geomill.jobs.testing.InventoryAssertions.assertCompleteAndClean;
import static io.geomill.jobs.testing.InventoryAssertions.assertSameRows;
import static io.geomill.jobs.testing.InventoryAssertions.itemsWithStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.jobs.testing.ClusterApp;
import io.geomill.jobs.testing.InProcessGeoMill;
import io.geomill.jobs.testing.InventoryOutput;
import io.geomill.jobs.testing.ItEnvironment;
import io.geomill.jobs.testing.Poll;
import io.geomill.jobs.testing.ProcessLogsOnFailure;
import io.geomill.jobs.testing.SharedCluster;
import io.geomill.jobs.testing.StandaloneCluster;
import io.geomill.jobs.testing.TestRasters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault tolerance on a real cluster: an executor JVM killed (SIGKILL) in the middle of a run. Spark runs its
 * tasks again elsewhere; GeoMill must still end with every item exactly once, the same table as local mode,
 * and nothing half-written or duplicated in the output folder.
 */
@ExtendWith({SharedCluster.class, ProcessLogsOnFailure.class})
class ExecutorKillIT {
  /** Kill once this share of the items is committed: well inside the run, with work left for both workers. */
  private static final double KILL_AT_SHARE_DONE = 0.2;

  @Test
  void killingAnExecutorMidRunLosesNoItemAndDuplicatesNone(StandaloneCluster cluster) throws Exception {
    Path rasters = TestRasters.standardSet();
    int total = TestRasters.COUNT;
    Path work = ItEnvironment.workFolder("executor-kill");
    Path clusterOut = work.resolve("cluster");
    InventoryOutput onCluster = InventoryOutput.in(clusterOut);

    ClusterApp app = cluster.submit("submit-inventory-kill", List.of("inventory", rasters.toString(), "--out",
        clusterOut.toString()));
    Poll.until(() -> onCluster.doneCount() >= total * KILL_AT_SHARE_DONE || !app.driver().isAlive(),
        Duration.ofMinutes(2), () -> "some items committed; " + onCluster.doneCount() + " so far\n"
            + app.describe());
    List<ProcessHandle> executors = app.executorProcesses();
    int doneAtKill = onCluster.doneCount();
    assertThat(app.driver().isAlive()).as("the job is still running when the executor is killed\n%s",
        app.describe()).isTrue();
    assertThat(executors).as("executor JVMs of %s", app.applicationId()).hasSize(StandaloneCluster.WORKERS);

    ProcessHandle victim = executors.get(0);
    victim.destroyForcibly();
    victim.onExit().get(10, TimeUnit.SECONDS);
    assertThat(victim.isAlive()).as("the killed executor (pid %d)", victim.pid()).isFalse();
    assertThat(doneAtKill).as("items committed when the executor was killed").isLessThan(total);
    assertThat(app.driver().isAlive()).as("the driver survives the loss of an executor").isTrue();

    int clusterExit = app.driver().awaitExit(Duration.ofMinutes(3));
    assertThat(clusterExit).as("exit code after losing an executor\n%s", app.describe()).isZero();
    assertThat(onCluster.reportCount("ok")).isEqualTo(total);
    assertThat(itemsWithStatus(onCluster, "ok")).as("items whose task ran again after the kill")
        .anySatisfy(item -> assertThat(item.path("attempt").asInt()).isPositive());
    assertCompleteAndClean(onCluster, total);

    Path localOut = work.resolve("local");
    int localExit = InProcessGeoMill.run("inventory", rasters.toString(), "--out", localOut.toString(),
        "--master", "local[2]");
    assertThat(localExit).isZero();
    assertSameRows(onCluster, InventoryOutput.in(localOut));
  }
}
