package io.geomill.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Command-line tools the tests check GeoMill's outputs with (GDAL's gdalinfo, ogrinfo, ...). A test that needs
 * a tool missing from PATH is skipped with a message, unless {@value #REQUIRE} is set to 1 (as CI does, after
 * installing them): then it fails, so a CI without the tool cannot pass by skipping.
 */
public final class ExternalTools {
  public static final String REQUIRE = "GEOMILL_REQUIRE_TOOLS";
  private static final long TIMEOUT_SECONDS = 120;

  /** What a tool printed: standard output (e.g. gdalinfo's JSON) apart from its warnings and errors. */
  public record Output(String stdout, String stderr) {}

  private ExternalTools() {}

  /** The tool's path; skips (or fails, see above) the calling test when it is not on PATH. */
  public static Path require(String command) {
    Optional<Path> found = find(command);
    if (found.isEmpty()) {
      String message = command + " is not on PATH (Debian: apt-get install gdal-bin)";
      if ("1".equals(System.getenv(REQUIRE))) {
        Assertions.fail(message + ", and " + REQUIRE + "=1 says the tests must not skip");
      }
      Assumptions.abort(message + ": test skipped");
    }
    return found.get();
  }

  public static Optional<Path> find(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String folder : path.split(File.pathSeparator)) {
      Path candidate = Path.of(folder, command);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Runs the tool to completion and returns its standard output; fails the test on an error. */
  public static String run(String command, String... args) {
    return exec(command, args).stdout();
  }

  /** Runs the tool to completion (at most 2 minutes); fails the test on a non-zero exit. */
  public static Output exec(String command, String... args) {
    List<String> line = new ArrayList<>();
    line.add(require(command).toString());
    line.addAll(List.of(args));
    Path errors = null;
    try {
      errors = Files.createTempFile("geomill-tool-", ".err");
      ProcessBuilder builder = new ProcessBuilder(line).redirectError(errors.toFile());
      builder.environment().put("GDAL_PAM_ENABLED", "NO"); // no .aux.xml sidecars beside the files looked at
      Process process = builder.start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        Assertions.fail(String.join(" ", line) + " did not finish in " + TIMEOUT_SECONDS + " s");
      }
      String stderr = Files.readString(errors);
      if (process.exitValue() != 0) {
        Assertions.fail(String.join(" ", line) + " exited with " + process.exitValue() + ":\n" + stderr);
      }
      return new Output(new String(out, StandardCharsets.UTF_8), stderr);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + line, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + line, e);
    } finally {
      if (errors != null) {
        errors.toFile().delete();
      }
    }
  }
}
