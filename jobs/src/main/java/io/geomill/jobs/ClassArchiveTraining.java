package io.geomill.jobs;

import java.nio.file.Path;

/**
 * The launcher's training run for its class data sharing archive (bin/geomill, "Launcher" in the README): the
 * raster jobs and the proximity job once each on the repository's samples, in one JVM, so the archive holds the
 * classes every job loads (Spark's SQL and Sedona for proximity, GeoTools' coverage and referencing classes for
 * the raster jobs), not one job's alone. Exits 0 only when every job succeeded: an archive from a failed run
 * would lack the classes of what did not run.
 *
 * <p>Usage: {@code ClassArchiveTraining SAMPLES_FOLDER SCRATCH_FOLDER} (the repository's {@code data-samples}).
 */
public final class ClassArchiveTraining {
  private ClassArchiveTraining() {}

  public static void main(String[] args) {
    Path samples = Path.of(args[0]);
    Path scratch = Path.of(args[1]);
    String dem = samples.resolve("rasters/rhine_elv0.tif").toString();
    String[][] jobs = {
        {"terrain", "--in", dem, "--products", "slope,hillshade", "--out", scratch.resolve("terrain").toString()},
        {"reproject", "--in", dem, "--to", "EPSG:3857", "--resampling", "bilinear",
            "--out", scratch.resolve("reproject").toString()},
        {"hydrology", "--in", dem, "--out", scratch.resolve("hydrology").toString()},
        {"proximity", "--points", samples.resolve("proximity/nyc_taxi_pickups_2009-01.csv").toString(),
            "--polygons", samples.resolve("proximity/nyc_landmarks_typed.shp").toString(), "--distance", "200",
            "--type-field", "type", "--weight-field", "w_idx", "--out", scratch.resolve("summary.csv").toString()},
    };
    for (String[] job : jobs) {
      int exit = GeoMill.execute(job);
      if (exit != 0) {
        System.err.println("geomill: class archive training: " + job[0] + " exited with " + exit);
        System.exit(exit);
      }
    }
    System.exit(0);
  }
}
