package io.geomill.jobs;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The launcher's training run for its class data sharing archive (bin/geomill; "Running anywhere" in the README),
 * a hidden job: the raster jobs and the proximity job once each on the repository's samples, in one JVM, so the
 * archive holds the classes every job loads (Spark's SQL and Sedona for proximity, GeoTools' coverage and
 * referencing classes and JNA's for the raster jobs), not one job's alone. A job of the jar rather than a main class of
 * its own because {@code java -jar} is what applies the manifest's {@code Add-Opens} (Kryo needs them). Exits 0
 * only when every job succeeded: an archive from a failed run would lack the classes of what did not run.
 */
@Command(name = "train-class-archive", hidden = true,
    description = "The launcher's class data sharing training run on the repository's samples.")
final class ClassArchiveTraining implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SAMPLES", description = "The repository's data-samples folder.")
  Path samples;

  @Parameters(index = "1", paramLabel = "SCRATCH", description = "A folder for the jobs' outputs.")
  Path scratch;

  @Override
  public Integer call() {
    // libdeflate from the first block (the samples are too small for it to load on its own), so that the archive
    // holds JNA's classes too.
    System.setProperty("geomill.libdeflate", "true");
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
        System.err.println("geomill train-class-archive: " + job[0] + " exited with " + exit);
        return exit;
      }
    }
    return 0;
  }
}
