package io.geomill.vector.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geomill.vector.TestTables;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 2 GB limit per file, tried with a smaller one: a DBF that would pass it is refused before writing. */
class ShapefileOutputLimitTest {
  @TempDir
  Path work;

  @Test
  void aDbfThatWouldPassTheLimitIsRefusedBeforeAnythingIsWritten() {
    // 3 records of 1 + 1 (id) + 1 (label) bytes after a 32 + 2 * 32 + 1 header, and the end byte: 107 bytes
    ShapefileOutput output = new ShapefileOutput(106);

    assertThatThrownBy(() -> output.write(TestTables.points(), "geometry", TestTables.UTM_18N, work.toFile(), "p"))
        .isInstanceOf(ShapefileLimitException.class)
        .hasMessage("p.dbf: 3 records of 3 bytes would take 107 bytes, past the 106-byte shapefile limit;"
            + " write GeoPackage or GeoParquet instead");
    assertThat(work.toFile().list()).isEmpty();
  }
}
