package io.geomill.jobs.testing;

import io.geomill.TestSpark;
import io.geomill.jobs.GeoMill;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs a geomill command line inside the test JVM, in local mode: the reference the cluster runs must match. */
public final class InProcessGeoMill {
  private InProcessGeoMill() {}

  /** A run's exit code and what it printed. */
  public record Run(int exit, String out, String err) {}

  /**
   * Returns the exit code. The test JVM's one SparkSession (local[2], no UI) is made first, so the job's
   * getOrCreate reuses it instead of making one with a web UI.
   */
  public static int run(String... args) {
    TestSpark.session();
    return GeoMill.execute(args);
  }

  /** As {@link #run}, with the job's standard output and error captured (and still shown). */
  public static synchronized Run runCapturing(String... args) {
    TestSpark.session();
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(new Tee(outBytes, out), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new Tee(errBytes, err), true, StandardCharsets.UTF_8));
    try {
      int exit = GeoMill.execute(args);
      System.out.flush();
      System.err.flush();
      return new Run(exit, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  private static final class Tee extends OutputStream {
    private final OutputStream copy;
    private final OutputStream shown;

    Tee(OutputStream copy, OutputStream shown) {
      this.copy = copy;
      this.shown = shown;
    }

    @Override
    public void write(int b) throws IOException {
      copy.write(b);
      shown.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      copy.write(bytes, offset, length);
      shown.write(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
      shown.flush();
    }
  }
}
