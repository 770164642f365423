package io.geomill.jobs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Where the integration tests find what the build made: failsafe passes these as system properties
 * (jobs/pom.xml), so the tests run against the packaged jars, not against target/classes.
 */
public final class ItEnvironment {
  private ItEnvironment() {}

  /** The fat jar: Spark inside, what {@code bin/geomill} runs. */
  public static Path localJar() {
    return existing("geomill.local.jar");
  }

  /** The spark-submit jar: Spark provided by the cluster. */
  public static Path clusterJar() {
    return existing("geomill.cluster.jar");
  }

  /** A SPARK_HOME whose jars/ holds the Spark runtime (copied at pre-integration-test). */
  public static Path sparkHome() {
    return existing("geomill.spark.home");
  }

  /** The repository root: bin/geomill, conf/, data-samples/. */
  public static Path geomillHome() {
    return existing("geomill.home");
  }

  public static Path dataSamples() {
    return geomillHome().resolve("data-samples");
  }

  /** Spark's Java 17 module flags (the parent pom's spark.jvm.flags): every JVM running Spark needs them. */
  public static List<String> sparkJvmFlags() {
    String flags = property("geomill.spark.jvm.flags");
    return Arrays.stream(flags.trim().split("\\s+")).filter(flag -> !flag.isEmpty()).toList();
  }

  /** jobs/target: failsafe runs with the module folder as working directory. */
  public static Path target() {
    return Path.of("target").toAbsolutePath();
  }

  /** Where every started JVM's output goes, so a CI failure can be read afterwards. */
  public static Path logs() {
    return createDirectories(target().resolve("it-logs"));
  }

  /** A fresh folder for one test's files, kept after the run for diagnosis (mvn clean removes it). */
  public static Path workFolder(String name) {
    try {
      return Files.createTempDirectory(createDirectories(target().resolve("it-work")), name + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path createDirectories(Path folder) {
    try {
      return Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path existing(String property) {
    Path path = Path.of(property(property));
    if (!Files.exists(path)) {
      throw new IllegalStateException(property + " = " + path + " does not exist: run the tests with "
          + "'mvn verify' (failsafe), which builds it first");
    }
    return path;
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + name + " is not set: the integration tests run "
          + "under failsafe (mvn verify), which sets it (jobs/pom.xml)");
    }
    return value;
  }
}
