package io.geomill.vector;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.TestSpark;
import io.geomill.fs.HadoopFs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a shapefile's five files are committed: a set without its .shp is not an output, and is replaced. */
class VectorOutputCommitTest {
  @TempDir
  Path work;

  @Test
  void sidecarsLeftWithoutTheirShpAreReplacedAndStaleIndexesRemoved() throws Exception {
    // what a run stopped between the sidecars' renames and the .shp's would leave, plus an old index
    for (String sidecar : new String[] {"p.shx", "p.dbf", "p.qix"}) {
      Files.writeString(work.resolve(sidecar), "stale");
    }

    VectorOutput.write(TestSpark.session(), TestTables.points(), "geometry", TestTables.UTM_18N,
        HadoopFs.path(work.resolve("p.shp").toString()), OutputFormat.SHP);

    assertThat(work.toFile().list()).containsExactlyInAnyOrder("p.shp", "p.shx", "p.dbf", "p.prj", "p.cpg");
    assertThat(Files.size(work.resolve("p.shx"))).isEqualTo(100 + 3 * 8);
    assertThat(TestSpark.session().read().format("shapefile").load(work.resolve("p.shp").toString()).count())
        .isEqualTo(3);
  }
}
