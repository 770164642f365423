package io.geomill.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Command-line tools tests compare against (gdalinfo, ogrinfo...). A test that needs one calls
 * {@link #require}: where the tool is missing the test is skipped, unless the environment sets
 * {@code GEOMILL_REQUIRE_TOOLS=1} (CI does), where a missing tool fails it.
 */
public final class ExternalTools {
  private static final long TIMEOUT_SECONDS = 120;

  private ExternalTools() {}

  /** The tool's path on PATH; skips (or, with GEOMILL_REQUIRE_TOOLS=1, fails) the test if it is not there. */
  public static Path require(String command) {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String folder : path.split(File.pathSeparator)) {
        Path candidate = Path.of(folder, command);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    String message = command + " is not installed (Debian: apt-get install gdal-bin)";
    if ("1".equals(System.getenv("GEOMILL_REQUIRE_TOOLS"))) {
      throw new AssertionError(message + ", and GEOMILL_REQUIRE_TOOLS=1 requires it");
    }
    Assumptions.abort(message + ": test skipped");
    throw new IllegalStateException("unreachable");
  }

  /** Runs the tool with arguments and returns its standard output; fails on a non-zero exit. */
  public static String run(String command, String... arguments) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>();
    line.add(require(command).toString());
    line.addAll(List.of(arguments));
    Path errors = Files.createTempFile("geomill-tool-", ".err");
    try {
      ProcessBuilder builder = new ProcessBuilder(line).redirectError(errors.toFile());
      builder.environment().put("GDAL_PAM_ENABLED", "NO"); // no .aux.xml sidecars beside the files looked at
      Process process = builder.start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", line) + " did not finish in " + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(String.join(" ", line) + " exited with " + process.exitValue() + ": "
            + Files.readString(errors));
      }
      return new String(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(errors);
    }
  }
}
