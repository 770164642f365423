package io.geomill.vector;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.TestSpark;
import io.geomill.testing.MiniHdfs;
import java.util.Arrays;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

/**
 * GeoPackage and shapefile outputs on a real HDFS (in-process): built locally, copied into the staging folder
 * beside the output and renamed; Sedona reads them back from HDFS.
 */
class VectorOutputHdfsTest {
  private static final MiniHdfs hdfs = MiniHdfs.shared();

  @Test
  void geoPackageAndShapefileAreCommittedOnHdfs() throws Exception {
    Path gpkg = new Path(hdfs.uri("/vector-output/points.gpkg"));
    Path shp = new Path(hdfs.uri("/vector-output/points.shp"));

    VectorOutput.write(TestSpark.session(), TestTables.points(), "geometry", TestTables.UTM_18N, gpkg,
        OutputFormat.GPKG);
    VectorOutput.write(TestSpark.session(), TestTables.points(), "geometry", TestTables.UTM_18N, shp,
        OutputFormat.SHP);

    FileStatus[] files = hdfs.fileSystem().listStatus(new Path(hdfs.uri("/vector-output")));
    assertThat(Arrays.stream(files).map(f -> f.getPath().getName())).containsExactlyInAnyOrder("points.gpkg",
        "points.shp", "points.shx", "points.dbf", "points.prj", "points.cpg");
    var read = TestSpark.session().read();
    assertThat(read.format("shapefile").load(shp.toString()).where("geometry IS NOT NULL").count()).isEqualTo(2);
    assertThat(read.format("geopackage").option("tableName", "points").load(gpkg.toString()).count()).isEqualTo(3);
  }
}
