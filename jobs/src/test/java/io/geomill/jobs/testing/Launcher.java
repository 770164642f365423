package io.geomill.jobs.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The real launcher, bin/geomill, run as a user runs it: it execs java -jar on the fat jar. */
public final class Launcher {
  private Launcher() {}

  /**
   * Starts {@code bin/geomill <args>} in the repository root. The heap is capped (the launcher's default is 60%
   * of RAM) so that the tests' JVMs fit on a small CI machine together. No class data sharing archive: its
   * training run, once per build, would make the first test's timing depend on the test order.
   */
  public static ManagedProcess start(String name, String... args) {
    ItEnvironment.localJar(); // fail fast with a clear message rather than let the launcher build the jar
    List<String> command = new ArrayList<>();
    command.add(ItEnvironment.geomillHome().resolve("bin/geomill").toString());
    command.addAll(List.of(args));
    return ManagedProcess.start(name, command, Map.of("GEOMILL_JAVA_OPTS", "-Xmx2g", "GEOMILL_CDS", "0"),
        ItEnvironment.geomillHome());
  }
}
