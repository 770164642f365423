package io.geomill.reproject;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.TestSpark;
import io.geomill.batch.BatchResult;
import io.geomill.batch.InputFile;
import io.geomill.batch.Inputs;
import io.geomill.batch.ItemOutcome;
import io.geomill.batch.ItemStatus;
import io.geomill.raster.HaloTile;
import io.geomill.raster.RasterFile;
import io.geomill.raster.RasterInfo;
import io.geomill.raster.RasterJob;
import io.geomill.raster.RasterSummary;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** Runs reprojections through the real batch and reads rasters whole, for the reprojection tests. */
final class Reprojected {
  private Reprojected() {}

  /** data-samples/ (tests run in the core module's folder). */
  static final Path SAMPLES = Path.of("..", "data-samples", "rasters").toAbsolutePath().normalize();
  /** The gdalwarp references and their inputs (see the README there). */
  static final Path REFERENCES = Path.of("src", "test", "resources", "io", "geomill", "reproject").toAbsolutePath();

  /** A raster's cells as floats (nodata NaN) with its info. */
  record Cells(RasterInfo info, float[] values) {
    float at(int c, int r) {
      return values[r * info.width() + c];
    }
  }

  static Cells read(File file) throws IOException {
    try (RasterFile raster = RasterFile.open(file)) {
      RasterInfo info = raster.info();
      HaloTile all = raster.read(1, 0, 0, info.width(), info.height(), 0);
      return new Cells(info, all.values());
    }
  }

  /** Reprojects one file into {@code out} through the batch; returns the output. */
  static File run(Reprojection job, File input, Path out) throws IOException {
    Path in = Files.createDirectories(out.resolveSibling(out.getFileName() + "-in"));
    Path copy = in.resolve(input.getName());
    if (!Files.exists(copy)) {
      Files.copy(input.toPath(), copy);
      Path prj = input.toPath().resolveSibling(input.getName().replaceFirst("\\.asc$", ".prj"));
      if (!prj.equals(input.toPath()) && Files.exists(prj)) {
        Files.copy(prj, in.resolve(prj.getFileName()));
      }
    }
    List<InputFile> inputs = RasterJob.rasters(Inputs.resolve(List.of(copy.toString()), new Configuration()));
    BatchResult<RasterSummary> result = job.batch("reproject", inputs).outputTo(out.toString())
        .run(TestSpark.session());
    assertThat(result.outcomes()).extracting(ItemOutcome::status).as(result.outcomes().toString())
        .containsExactly(ItemStatus.OK);
    return out.resolve(Reprojection.outputName(inputs.get(0))).toFile();
  }
}
