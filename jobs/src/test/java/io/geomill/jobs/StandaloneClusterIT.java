package io.geomill.jobs;

import static io.geomill.jobs.testing.InventoryAssertions.assertCompleteAndClean;
import static io.geomill.jobs.testing.InventoryAssertions.assertSameRows;
import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.jobs.testing.ClusterApp;
import io.geomill.jobs.testing.InProcessGeoMill;
import io.geomill.jobs.testing.InventoryOutput;
import io.geomill.jobs.testing.ItEnvironment;
import io.geomill.jobs.testing.ProcessLogsOnFailure;
import io.geomill.jobs.testing.SharedCluster;
import io.geomill.jobs.testing.StandaloneCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * spark-submit of the cluster jar to a real standalone cluster (master and two workers, each its own JVM) gives
 * exactly what local mode gives, and the work really is spread over both workers.
 */
@ExtendWith({SharedCluster.class, ProcessLogsOnFailure.class})
class StandaloneClusterIT {

  @Test
  void inventoryOnTheClusterMatchesLocalModeAndRunsOnBothWorkers(StandaloneCluster cluster) {
    // All the samples, broken ones included: failures must come out the same on the cluster too (exit code 1).
    String samples = ItEnvironment.dataSamples().toString();
    Path work = ItEnvironment.workFolder("standalone-cluster-inventory");
    Path clusterOut = work.resolve("cluster");
    Path localOut = work.resolve("local");

    ClusterApp app = cluster.submit("submit-inventory-samples", List.of("inventory", samples, "--out",
        clusterOut.toString()));
    int clusterExit = app.driver().awaitExit(Duration.ofMinutes(3));
    int localExit = InProcessGeoMill.run("inventory", samples, "--out", localOut.toString(), "--master", "local[2]");

    InventoryOutput onCluster = InventoryOutput.in(clusterOut);
    InventoryOutput local = InventoryOutput.in(localOut);
    assertThat(localExit).as("local mode: the broken samples fail, the others are described").isEqualTo(1);
    assertThat(clusterExit).as("the cluster run's exit code\n%s", app.describe()).isEqualTo(localExit);
    assertThat(onCluster.reportCount("failed")).as("failed items").isPositive()
        .isEqualTo(local.reportCount("failed"));
    assertCompleteAndClean(onCluster, local.reportCount("total"));
    assertSameRows(onCluster, local);

    List<String> executors = onCluster.reportItems().stream().map(item -> item.path("executor").asText()).toList();
    assertThat(executors).as("every item ran on an executor (\"id@host\"), none in the driver")
        .allSatisfy(executor -> assertThat(executor).matches("\\d+@127\\.0\\.0\\.1"));
    Set<String> workers = executors.stream()
        .map(executor -> app.workerOfExecutor(executor.substring(0, executor.indexOf('@'))))
        .collect(Collectors.toSet());
    assertThat(workers).as("the workers whose executors ran items")
        .containsExactlyInAnyOrder("spark-worker-1", "spark-worker-2");
  }
}
