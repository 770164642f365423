package io.geomill.jobs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on 127.0.0.1: one Master and {@value #WORKERS} Workers of one core and
 * {@value #WORKER_MEMORY} each, every daemon its own JVM, started from the Spark jars of
 * {@link ItEnvironment#sparkHome()} as a Spark distribution's sbin scripts would. Ports are chosen at
 * runtime, the web UIs bind to random ports, and all files live in one folder under target/.
 */
public final class StandaloneCluster implements AutoCloseable {
  public static final int WORKERS = 2;
  public static final String WORKER_MEMORY = "1g";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Path folder;
  private final List<ManagedProcess> daemons = new ArrayList<>();
  private final List<Worker> workers = new ArrayList<>();
  private String masterUrl;

  /** One worker daemon and its work folder, where executors run in {@code <appId>/<executorId>/}. */
  public record Worker(String name, ManagedProcess process, Path workDir) {
    boolean ranExecutor(String appId, String executorId) {
      return Files.isDirectory(workDir.resolve(appId).resolve(executorId));
    }
  }

  private StandaloneCluster(Path folder) {
    this.folder = folder;
  }

  /** Starts the master and the workers and returns once every worker is registered with the master. */
  public static StandaloneCluster start() {
    StandaloneCluster cluster = new StandaloneCluster(ItEnvironment.workFolder("standalone-cluster"));
    try {
      cluster.startMaster();
      for (int i = 1; i <= WORKERS; i++) {
        cluster.startWorker("spark-worker-" + i);
      }
      for (Worker worker : cluster.workers) {
        worker.process().awaitLog("Successfully registered with master " + cluster.masterUrl, START_TIMEOUT);
      }
      return cluster;
    } catch (RuntimeException | AssertionError e) {
      cluster.close();
      throw e;
    }
  }

  private void startMaster() {
    int port = freePort();
    masterUrl = "spark://127.0.0.1:" + port;
    ManagedProcess master = ManagedProcess.start("spark-master",
        JavaCommands.onSparkClasspath("256m", "org.apache.spark.deploy.master.Master",
            List.of("--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", "0")),
        sparkEnv("master"), folder);
    daemons.add(master);
    master.awaitLog("Starting Spark master at " + masterUrl, START_TIMEOUT);
  }

  private void startWorker(String name) {
    Path workDir = ItEnvironment.createDirectories(folder.resolve(name));
    ManagedProcess worker = ManagedProcess.start(name,
        JavaCommands.onSparkClasspath("256m", "org.apache.spark.deploy.worker.Worker",
            List.of("--host", "127.0.0.1", "--cores", "1", "--memory", WORKER_MEMORY, "--webui-port", "0",
                "--work-dir", workDir.toString(), masterUrl)),
        sparkEnv(name), folder);
    daemons.add(worker);
    workers.add(new Worker(name, worker, workDir));
  }

  /**
   * A worker launches executors from SPARK_HOME/jars. It also needs SPARK_SCALA_VERSION: without it Spark's
   * launcher takes SPARK_HOME for a source checkout and fails with "Cannot find any build directories" (a
   * distribution's scripts set it). Executors' scratch goes to the cluster folder, not /tmp.
   */
  private Map<String, String> sparkEnv(String daemon) {
    return Map.of(
        "SPARK_HOME", ItEnvironment.sparkHome().toString(),
        "SPARK_SCALA_VERSION", scalaVersionOfSparkHome(),
        "SPARK_LOCAL_DIRS", ItEnvironment.createDirectories(folder.resolve("local-" + daemon)).toString());
  }

  /** "2.13" from jars/spark-core_2.13-4.0.4.jar. */
  private static String scalaVersionOfSparkHome() {
    Pattern sparkCore = Pattern.compile("spark-core_(\\d+\\.\\d+)-.*\\.jar");
    try (Stream<Path> jars = Files.list(ItEnvironment.sparkHome().resolve("jars"))) {
      return jars.map(jar -> sparkCore.matcher(jar.getFileName().toString()))
          .filter(Matcher::matches)
          .map(match -> match.group(1))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no spark-core jar in " + ItEnvironment.sparkHome()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String masterUrl() {
    return masterUrl;
  }

  public List<Worker> workers() {
    return List.copyOf(workers);
  }

  /**
   * Runs {@code geomill <jobArgs>} on the cluster as spark-submit does: the cluster jar as application, the
   * driver in a SparkSubmit JVM of its own (client mode), one executor per worker.
   */
  public ClusterApp submit(String name, List<String> jobArgs) {
    Set<String> appsBefore = applicationIds();
    List<String> args = new ArrayList<>(List.of(
        "--master", masterUrl,
        "--deploy-mode", "client",
        "--class", "io.geomill.jobs.GeoMill",
        "--conf", "spark.ui.enabled=false",
        "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.driver.bindAddress=127.0.0.1",
        "--conf", "spark.executor.memory=" + WORKER_MEMORY,
        // Start the job only once every worker's executor is registered: otherwise the first executor can
        // take all of a short job, and a test of "both workers ran items" would depend on timing.
        "--conf", "spark.cores.max=" + WORKERS,
        "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
        ItEnvironment.clusterJar().toString()));
    args.addAll(jobArgs);
    ManagedProcess driver = ManagedProcess.start(name,
        JavaCommands.onSparkClasspath("1g", "org.apache.spark.deploy.SparkSubmit", args), Map.of(), folder);
    return new ClusterApp(this, driver, appsBefore);
  }

  /** The applications that ever ran executors here: the folders in the workers' work dirs. */
  Set<String> applicationIds() {
    Set<String> ids = new TreeSet<>();
    for (Worker worker : workers) {
      try (Stream<Path> apps = Files.list(worker.workDir())) {
        apps.filter(Files::isDirectory).map(app -> app.getFileName().toString()).forEach(ids::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return ids;
  }

  /** The running executor JVMs of {@code appId}: children of the worker JVMs. */
  List<ProcessHandle> executorProcesses(String appId) {
    return workers.stream()
        .flatMap(worker -> worker.process().handle().descendants())
        .filter(process -> commandLine(process).contains("CoarseGrainedExecutorBackend")
            && commandLine(process).contains(" --app-id " + appId))
        .collect(Collectors.toList());
  }

  static String commandLine(ProcessHandle process) {
    // ProcessHandle.Info may come back empty for a process that just ended; /proc is the fallback on Linux.
    return process.info().commandLine().orElseGet(() -> {
      try {
        return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline")).replace('\0', ' ');
      } catch (IOException gone) {
        return "";
      }
    });
  }

  /** The last log lines of every daemon: for the message of a failed test. */
  public String describe() {
    return daemons.stream().map(ManagedProcess::describe).collect(Collectors.joining("\n"));
  }

  @Override
  public void close() {
    // Workers first (with their executors), so the master does not log them as lost while it still runs.
    for (int i = daemons.size() - 1; i >= 0; i--) {
      daemons.get(i).close();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
