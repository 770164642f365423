package io.geomill.jobs.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines for the JVMs the tests start: this JVM's java, with Spark's Java 17 module flags. */
public final class JavaCommands {
  private JavaCommands() {}

  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * {@code java -Xmx<heap> <Spark flags> -cp "<SPARK_HOME>/jars/*" <mainClass> <args>}: how a Spark daemon or
   * spark-submit runs without a Spark distribution's scripts. Daemon logs are plain text, not Spark 4's JSON.
   */
  public static List<String> onSparkClasspath(String heap, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.add("-Xmx" + heap);
    command.addAll(ItEnvironment.sparkJvmFlags());
    command.add("-Dspark.log.structuredLogging.enabled=false");
    command.add("-cp");
    command.add(ItEnvironment.sparkHome().resolve("jars") + "/*");
    command.add(mainClass);
    command.addAll(args);
    return command;
  }
}
