package io.geomill.jobs.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** One spark-submit on a {@link StandaloneCluster}: the driver JVM, and the executors the workers ran for it. */
public final class ClusterApp {
  private static final Duration EXECUTOR_START_TIMEOUT = Duration.ofSeconds(60);

  private final StandaloneCluster cluster;
  private final ManagedProcess driver;
  private final Set<String> appsBefore;
  private String applicationId;

  ClusterApp(StandaloneCluster cluster, ManagedProcess driver, Set<String> appsBefore) {
    this.cluster = cluster;
    this.driver = driver;
    this.appsBefore = appsBefore;
  }

  /** The SparkSubmit JVM: the driver runs in it (client mode), so its exit code is the job's. */
  public ManagedProcess driver() {
    return driver;
  }

  /**
   * The id the master gave the application: the folder that appears in a worker's work dir when the first
   * executor starts (no log parsing, so the driver's log level does not matter).
   */
  public synchronized String applicationId() {
    if (applicationId == null) {
      Poll.until(() -> newApplications().size() == 1, EXECUTOR_START_TIMEOUT,
          () -> "one new application in the workers' work dirs, found " + newApplications() + "\n"
              + driver.describe());
      applicationId = newApplications().iterator().next();
    }
    return applicationId;
  }

  private Set<String> newApplications() {
    Set<String> apps = new HashSet<>(cluster.applicationIds());
    apps.removeAll(appsBefore);
    return apps;
  }

  /** The executor JVMs of this application that are running now. */
  public List<ProcessHandle> executorProcesses() {
    return cluster.executorProcesses(applicationId());
  }

  /** The driver's log and every executor's stderr (in the worker's work dir), last lines: for failure messages. */
  public String describe() {
    StringBuilder text = new StringBuilder(driver.describe());
    for (StandaloneCluster.Worker worker : cluster.workers()) {
      Path appDir = worker.workDir().resolve(applicationIdOrUnknown());
      try (Stream<Path> executorDirs = Files.isDirectory(appDir) ? Files.list(appDir) : Stream.empty()) {
        for (Path executorDir : executorDirs.sorted().toList()) {
          Path stderr = executorDir.resolve("stderr");
          text.append("\n---- executor ").append(executorDir.getFileName()).append(" on ").append(worker.name())
              .append(", log ").append(stderr).append(", last lines:\n").append(TestFiles.tail(stderr, 20));
        }
      } catch (IOException e) {
        text.append("\n(cannot list ").append(appDir).append(": ").append(e.getMessage()).append(')');
      }
    }
    return text.toString();
  }

  /** Without waiting: a failure message may be wanted before any executor started. */
  private synchronized String applicationIdOrUnknown() {
    if (applicationId != null) {
      return applicationId;
    }
    Set<String> apps = newApplications();
    return apps.size() == 1 ? apps.iterator().next() : "(no executor started yet)";
  }

  /** Which worker launched executor {@code executorId} (the report names executors, not workers). */
  public String workerOfExecutor(String executorId) {
    return cluster.workers().stream()
        .filter(worker -> worker.ranExecutor(applicationId(), executorId))
        .map(StandaloneCluster.Worker::name)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no worker ran executor " + executorId + " of " + applicationId()));
  }
}
