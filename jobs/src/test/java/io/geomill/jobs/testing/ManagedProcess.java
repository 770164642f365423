package io.geomill.jobs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A process a test started: its output (stdout and stderr together) goes to a log file under target/it-logs,
 * and it is killed with everything it started when the test closes it, or at the latest when the test JVM
 * exits, even after a failure: no orphan JVM outlives {@code mvn verify}.
 */
public final class ManagedProcess implements AutoCloseable {
  private static final List<ManagedProcess> STARTED = new CopyOnWriteArrayList<>();
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  /** One folder per test JVM, so the logs of one {@code mvn verify} stay together and apart from older runs. */
  private static final Path RUN_LOGS = ItEnvironment.logs()
      .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(ManagedProcess::close),
        "kill-test-processes"));
  }

  private final String name;
  private final Process process;
  private final Path log;
  private final long startNanos = System.nanoTime();

  private ManagedProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code command} with the test JVM's environment plus {@code extraEnv}. Spark processes get
   * SPARK_LOCAL_IP=127.0.0.1: everything binds to loopback.
   */
  public static ManagedProcess start(String name, List<String> command, Map<String, String> extraEnv,
      Path workingDirectory) {
    Path log = ItEnvironment.createDirectories(RUN_LOGS)
        .resolve(String.format("%02d-%s.log", SEQUENCE.incrementAndGet(), name));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workingDirectory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().putAll(extraEnv);
    try {
      Files.writeString(log, "# " + String.join(" ", command) + "\n", StandardCharsets.UTF_8);
      ManagedProcess started = new ManagedProcess(name, builder.start(), log);
      STARTED.add(started);
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
  }

  /** How many processes this JVM has started so far: a mark for {@link #startedSince(int)}. */
  public static int startedCount() {
    return STARTED.size();
  }

  public static List<ManagedProcess> startedSince(int mark) {
    return new ArrayList<>(STARTED.subList(Math.min(mark, STARTED.size()), STARTED.size()));
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public ProcessHandle handle() {
    return process.toHandle();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  public Duration age() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** Waits for the exit and returns the exit code; a process still running after {@code timeout} fails the test. */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(name + " still running after " + timeout + "\n" + describe());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + name, e);
    }
  }

  /** Waits until the log holds {@code text}; fails at once if the process ends first. */
  public void awaitLog(String text, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!output().contains(text)) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " ended (exit " + process.exitValue() + ") before logging '" + text
            + "'\n" + describe());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(name + " did not log '" + text + "' within " + timeout + "\n" + describe());
      }
      Poll.pause();
    }
  }

  /** Sends a signal by name (INT, TERM...): Process.destroy() only knows TERM and KILL. */
  public void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start();
      if (kill.waitFor() != 0) {
        throw new AssertionError("kill -" + signal + " " + pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  public String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String tail(int lines) {
    return TestFiles.tail(log, lines);
  }

  /** Name, pid, state, log file and the log's last lines: what a failure message needs. */
  public String describe() {
    return "---- " + name + " (pid " + pid() + (isAlive() ? ", running" : ", exit " + process.exitValue())
        + "), log " + log + ", last lines:\n" + tail(40) + "\n----";
  }

  /** Kills the process and every process it started; waits until they are gone. */
  @Override
  public void close() {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception stillThere) {
        System.err.println("could not end process " + handle.pid() + " started by " + name);
      }
    }
  }
}
