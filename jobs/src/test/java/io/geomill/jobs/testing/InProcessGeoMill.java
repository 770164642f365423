package io.geomill.jobs.testing;

import io.geomill.TestSpark;
import io.geomill.jobs.GeoMill;

/** Runs a geomill command line inside the test JVM, in local mode: the reference the cluster runs must match. */
public final class InProcessGeoMill {
  private InProcessGeoMill() {}

  /**
   * Returns the exit code. The test JVM's one SparkSession (local[2], no UI) is made first, so the job's
   * getOrCreate reuses it instead of making one with a web UI.
   */
  public static int run(String... args) {
    TestSpark.session();
    return GeoMill.execute(args);
  }
}
