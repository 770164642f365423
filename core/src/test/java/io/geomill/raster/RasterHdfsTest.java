package io.geomill.raster;

import static io.geomill.raster.RasterSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.TestSpark;
import io.geomill.batch.BatchResult;
import io.geomill.batch.Inputs;
import io.geomill.batch.ItemOutcome;
import io.geomill.batch.ItemStatus;
import io.geomill.testing.MiniHdfs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rasters on a real HDFS: GeoTIFF windows read in place, tiles' part files and outputs committed there. */
class RasterHdfsTest {
  private static final SparkSession SPARK = TestSpark.session();
  private static final MiniHdfs HDFS = MiniHdfs.shared();

  @Test
  void aGeoTiffIsReadInPlaceWithoutACopy() throws IOException {
    HDFS.upload(sample("rasters/rhine_elv0.tif").toPath(), "/raster/in-place/rhine_elv0.tif");
    String uri = HDFS.uri("/raster/in-place/rhine_elv0.tif");
    try (RasterFile raster = RasterFile.open(uri, "rhine_elv0.tif", copy -> {
      throw new AssertionError("a GeoTIFF on HDFS was copied: " + copy);
    }, HDFS.fileSystem().getConf());
         RasterFile local = RasterFile.open(sample("rasters/rhine_elv0.tif"))) {
      assertThat(raster.info().crs().epsg()).isEqualTo(4326);
      HaloTile remote = raster.read(1, 300, 200, 400, 300, 2);
      assertThat(remote.values()).isEqualTo(local.read(1, 300, 200, 400, 300, 2).values());
    }
  }

  @Test
  void aJobOnHdfsWritesTheFilesALocalRunWrites(@TempDir Path dir) throws IOException {
    for (String name : List.of("rhine_elv0.tif", "west_bijou_escarpment_snippet.asc",
        "west_bijou_escarpment_snippet.prj")) {
      HDFS.upload(sample("rasters/" + name).toPath(), "/raster/job/in/" + name);
      Files.createDirectories(dir.resolve("in"));
      Files.copy(sample("rasters/" + name).toPath(), dir.resolve("in").resolve(name));
    }
    RasterJob job = RasterJob.of(List.of(FocalSum.product())).withTileSize(256)
        .withWrite(GeoTiffOptions.DEFAULTS.withBlockSize(128));
    String hdfsOut = HDFS.uri("/raster/job/out");
    BatchResult<RasterSummary> onHdfs = job.batch("focal", RasterJob.rasters(Inputs.resolve(
        List.of(HDFS.uri("/raster/job/in")), HDFS.fileSystem().getConf()))).outputTo(hdfsOut).run(SPARK);
    BatchResult<RasterSummary> onDisk = job.batch("focal", RasterJob.rasters(Inputs.resolve(
        List.of(dir.resolve("in").toString()), HDFS.fileSystem().getConf()))).outputTo(dir.resolve("out").toString())
        .run(SPARK);

    assertThat(onHdfs.outcomes()).extracting(ItemOutcome::status).containsOnly(ItemStatus.OK);
    assertThat(onHdfs.results().get(0).tiles()).isEqualTo(4 * 3);
    FileSystem fs = HDFS.fileSystem();
    assertThat(fs.exists(new org.apache.hadoop.fs.Path("/raster/job/out/_geomill/tmp"))).isFalse();
    assertThat(onDisk.outcomes()).extracting(ItemOutcome::status).containsOnly(ItemStatus.OK);
    for (String output : List.of("rhine_elv0_sum3x3.tif", "west_bijou_escarpment_snippet_sum3x3.tif")) {
      try (InputStream in = fs.open(new org.apache.hadoop.fs.Path("/raster/job/out/" + output))) {
        assertThat(in.readAllBytes()).as(output).isEqualTo(Files.readAllBytes(dir.resolve("out").resolve(output)));
      }
    }
  }
}
