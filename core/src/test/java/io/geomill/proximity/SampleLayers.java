package io.geomill.proximity;

import io.geomill.TestSpark;
import io.geomill.fs.LocalCopies;
import io.geomill.vector.VectorLayer;
import io.geomill.vector.VectorReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The proximity samples of data-samples/proximity, read as a job reads them. */
final class SampleLayers {
  static final Path FOLDER = Path.of("..", "data-samples", "proximity");

  private SampleLayers() {}

  static VectorLayer read(String role, String name) {
    try {
      Path scratch = Files.createTempDirectory("geomill-test-");
      return VectorReader.read(TestSpark.session(), role, FOLDER.resolve(name).toString(),
          VectorReader.Options.DEFAULTS,
          new LocalCopies(TestSpark.session().sparkContext().hadoopConfiguration(), scratch::toFile));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
