package io.geomill.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.geomill.batch.BatchItem;
import io.geomill.batch.Inputs;
import io.geomill.fs.HadoopFs;
import io.geomill.fs.LocalFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** Where the inventory tests find their data, and the shortest way to describe a file of it. */
final class Samples {
  private Samples() {}

  /** The repository's data-samples folder (tests run in the core module's folder). */
  static final Path ROOT = Path.of("..", "data-samples").toAbsolutePath().normalize();
  /** Data made for these tests, see its README.md. */
  static final Path RESOURCES = Path.of("src", "test", "resources", "io", "geomill", "inventory").toAbsolutePath();
  static final LocalFiles LOCAL = uri -> HadoopFs.localFile(new org.apache.hadoop.fs.Path(uri));

  static List<BatchItem<DatasetFiles>> items(Path folder) {
    assertThat(folder).isDirectory();
    return Inventory.items(Inputs.resolve(List.of(folder.toString()), new Configuration()));
  }

  /** The dataset whose primary file is {@code relativePath} below {@code folder}, grouped as the job groups it. */
  static DatasetFiles dataset(Path folder, String relativePath) {
    return items(folder).stream().filter(item -> item.id().equals(relativePath)).findFirst()
        .orElseThrow(() -> new AssertionError("no item " + relativePath + " in " + folder)).payload();
  }

  static FileDescription describe(Path folder, String relativePath) throws DescribeException {
    return Inventory.describe(dataset(folder, relativePath), LOCAL);
  }

  static FileDescription describeSample(String relativePath) throws DescribeException {
    return describe(ROOT, relativePath);
  }

  /** The message of the failure to describe {@code relativePath} below {@code folder}. */
  static String failure(Path folder, String relativePath) {
    DatasetFiles dataset = dataset(folder, relativePath);
    DescribeException error = catchThrowableOfType(DescribeException.class,
        () -> Inventory.describe(dataset, LOCAL));
    assertThat(error).as("describing %s should fail", relativePath).isNotNull();
    return error.getMessage();
  }

  static Path write(Path folder, String name, byte[] content) throws java.io.IOException {
    Path file = folder.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.write(file, content);
  }

  static Path write(Path folder, String name, String content) throws java.io.IOException {
    return write(folder, name, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
