package io.geomill.fields;

import io.geomill.TestSpark;
import io.geomill.batch.Batch;
import io.geomill.batch.BatchResult;
import io.geomill.batch.Inputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/** Inputs for the calculate-fields tests (copies of data-samples) and the shortest way to run a batch. */
final class FieldsSamples {
  static final Path SAMPLES = Path.of("..", "data-samples").toAbsolutePath().normalize();

  private FieldsSamples() {}

  /** Copies a sample dataset's files (every file whose name starts with {@code stem.}) into {@code folder}. */
  static void copy(String sampleFolder, String stem, Path folder) throws IOException {
    Files.createDirectories(folder);
    try (Stream<Path> files = Files.list(SAMPLES.resolve(sampleFolder))) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith(stem + ".")).toList()) {
        Files.copy(file, folder.resolve(file.getFileName()));
      }
    }
  }

  static FieldEdits edits(List<String> adds, List<String> sets, List<String> deletes) {
    return FieldEdits.parse(adds, sets, deletes);
  }

  /** Plans and runs calculate-fields over {@code in}: to {@code out}, or in place when out is null. */
  static BatchResult<EditResult> run(Path in, Path out, FieldEdits edits, String layer, boolean backup) {
    CalculateFields.Options options = new CalculateFields.Options(edits, layer, out == null, backup);
    CalculateFields.Plan plan = CalculateFields.plan(TestSpark.session(),
        Inputs.resolve(List.of(in.toString()), new Configuration()), options);
    return Batch.of("calculate-fields", plan.items(), plan.task())
        .outputTo(out == null ? plan.root() : out.toString()).run(TestSpark.session());
  }
}
