package io.geomill.jobs;

import io.geomill.batch.Batch;
import io.geomill.batch.InputException;
import io.geomill.batch.InputFile;
import io.geomill.fs.HadoopFs;
import io.geomill.raster.RasterFile;
import io.geomill.raster.RasterJob;
import io.geomill.raster.RasterSummary;
import io.geomill.reproject.Reprojection;
import io.geomill.reproject.Resampling;
import io.geomill.reproject.WarpGrid;
import io.geomill.vector.LayerCrs;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code geomill reproject}: every raster into another CRS, on gdalwarp's grid, one GeoTIFF each. */
@Command(name = "reproject", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Reproject every raster (GeoTIFF, Esri ASCII grid) into another CRS, as gdalwarp does: the same "
        + "target grid, nearest, bilinear or cubic resampling, nodata never blended into values. Large rasters are "
        + "done in target tiles, each reading only the source window it needs, into one GeoTIFF per input.",
        "Writes OUT/<input path without extension>.tif (tiled; DEFLATE unless --compress none; the input's "
            + "sample type) and OUT/geomill-report.json."})
final class ReprojectJob extends OneBatchJob<InputFile, RasterSummary> {
  @Option(names = "--in", required = true, arity = "1..*", paramLabel = "INPUT",
      description = "Folders (searched recursively), globs ('dems/*.tif'), files, or @list.txt; local, file:// or "
          + "hdfs://.")
  List<String> inputs;

  @Option(names = "--to", paramLabel = "CRS", description = "Target CRS: EPSG:n (or WKT). Required unless --align.")
  String to;

  @Option(names = "--resolution", paramLabel = "R",
      description = "Target cell size in target CRS units (gdalwarp -tr R R). Default: gdalwarp's, from the "
          + "source's diagonal.")
  Double resolution;

  @Option(names = "--resampling", defaultValue = "nearest", paramLabel = "nearest|bilinear|cubic",
      description = "Resampling (default nearest, as gdalwarp).")
  String resampling;

  @Option(names = "--tile", defaultValue = "2048", paramLabel = "N",
      description = "Target cells per tile side (default 2048; rounded up to a multiple of --block-size). Does not "
          + "change the output.")
  int tileSize;

  @Option(names = "--align", paramLabel = "REF.tif",
      description = "Snap the output to this raster's grid: its CRS, cell size and cell lattice.")
  String align;

  @Mixin
  RasterInputOptions input;

  @Mixin
  GeoTiffStorageOptions storage;

  private Batch<InputFile, RasterSummary> batch;

  /** The target CRS: its GeoTools set-up is about 0.4 s of one core (BENCHMARKS.md, reprojection, session 13). */
  @Override
  protected void startEarly() {
    if (to != null) {
      LayerCrs.parseInBackground(to);
    }
  }

  @Override
  protected void prepare(Configuration hadoopConf) {
    Reprojection job = target(hadoopConf).withRead(input.options());
    try {
      job = job.withResampling(Resampling.parse(resampling)).withTileSize(tileSize).withResolution(resolution)
          .withWrite(storage.options());
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage(), e);
    }
    List<InputFile> rasters = RasterJob.resolve(inputs, hadoopConf);
    Path outFolder = HadoopFs.path(out);
    for (InputFile input : rasters) {
      Path output = new Path(outFolder, Reprojection.outputName(input));
      if (HadoopFs.path(input.uri()).toUri().normalize().equals(output.toUri().normalize())) {
        throw new InputException(input.relativePath() + ": its output would overwrite it: choose another --out");
      }
    }
    batch = job.batch("reproject", rasters);
    RasterJob.warmUp(rasters);
  }

  /** The target CRS and grid options: --to, or --align's grid (whose CRS --to must then be). */
  private Reprojection target(Configuration hadoopConf) {
    LayerCrs target = to == null ? null : crs("--to", to);
    if (align == null) {
      if (target == null) {
        throw new InputException("give the target CRS with --to (or a grid to align to with --align)");
      }
      return Reprojection.to(target);
    }
    if (resolution != null) {
      throw new InputException("--resolution and --align: the reference grid has its own cell size, give one");
    }
    WarpGrid reference;
    try (RasterFile ref = RasterFile.open(align, align, uri -> HadoopFs.localFile(HadoopFs.path(uri)), hadoopConf)) {
      reference = WarpGrid.of(ref.info());
    } catch (IOException | RuntimeException e) {
      throw new InputException("--align " + align + ": " + e.getMessage(), e);
    }
    try {
      return target == null ? Reprojection.alignedTo(reference) : Reprojection.to(target).withAlignment(reference);
    } catch (IllegalArgumentException e) {
      throw new InputException("--align " + align + ": " + e.getMessage(), e);
    }
  }

  private static LayerCrs crs(String option, String text) {
    try {
      return LayerCrs.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InputException(option + " " + text + ": " + e.getMessage(), e);
    }
  }

  @Override
  protected Batch<InputFile, RasterSummary> batch() {
    return batch;
  }
}
