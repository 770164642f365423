package io.geomill.proximity;

import io.geomill.TestSpark;
import io.geomill.fs.LocalCopies;
import io.geomill.vector.VectorLayer;
import io.geomill.vector.VectorReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The proximity samples of data-samples/proximity, read as a job reads them. */
final class SampleLayers {
  static final Path FOLDER = Path.of("..", "data-samples", "proximity");
  static final Path VECTORS = Path.of("..", "data-samples", "vectors");
  static final String POINTS = "nyc_taxi_pickups_2009-01.csv";
  static final String POLYGONS = "nyc_landmarks_typed.shp";

  private SampleLayers() {}

  static VectorLayer read(String role, String name) {
    return readPath(role, FOLDER.resolve(name).toString());
  }

  /** Any path or URI (hdfs://), read with the job's reader. */
  static VectorLayer readPath(String role, String path) {
    try {
      Path scratch = Files.createTempDirectory("geomill-test-");
      return VectorReader.read(TestSpark.session(), role, path, VectorReader.Options.DEFAULTS,
          new LocalCopies(TestSpark.session().sparkContext().hadoopConfiguration(), scratch::toFile));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every {@code step}-th point of the sample CSV, with its .prj, as {@code folder/points.csv}: faster runs. */
  static Path pointSubset(Path folder, int step) throws IOException {
    List<String> lines = Files.readAllLines(FOLDER.resolve(POINTS));
    List<String> subset = new ArrayList<>(List.of(lines.get(0)));
    for (int i = 1; i < lines.size(); i += step) {
      subset.add(lines.get(i));
    }
    Path csv = folder.resolve("points.csv");
    Files.write(csv, subset);
    Files.copy(FOLDER.resolve("nyc_taxi_pickups_2009-01.prj"), folder.resolve("points.prj"));
    return csv;
  }
}
