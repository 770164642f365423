package io.geomill.reproject;

import io.geomill.batch.Batch;
import io.geomill.batch.BatchItem;
import io.geomill.batch.InputException;
import io.geomill.batch.InputFile;
import io.geomill.raster.GeoTiffOptions;
import io.geomill.raster.RasterJob;
import io.geomill.raster.RasterReadOptions;
import io.geomill.raster.RasterSummary;
import io.geomill.vector.LayerCrs;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reprojecting rasters into another CRS, tile by tile, as one balanced batch: gdalwarp's grid, resampling and
 * nodata handling (see {@link WarpGrid}, {@link WarpKernel}, {@link RowApproximation}), one tiled GeoTIFF per
 * input, {@code <relative path without extension>.tif} in the output folder, in the input's sample type.
 *
 * <pre>{@code
 * BatchResult<RasterSummary> result = Reprojection.to(LayerCrs.parse("EPSG:3857"))
 *     .withResampling(Resampling.BILINEAR)
 *     .batch("reproject", RasterJob.rasters(Inputs.resolve(inputs, conf)))
 *     .outputTo(out).run(spark);
 * }</pre>
 *
 * <p>Each input is an item done in parts: a part is a tile of the TARGET grid, which transforms its cells to the
 * source, reads only the source window they and the kernel reach, resamples and encodes its blocks; the
 * input's last task assembles the file and commits it by rename. A raster that cannot be reprojected fails
 * alone with its reason. The output does not depend on the tile size.
 *
 * @param targetCrs  the CRS to reproject into
 * @param resolution the target cell size in target CRS units (gdalwarp -tr R R), or null for gdalwarp's default
 * @param resampling nearest, bilinear or cubic
 * @param tileSize   target cells per tile side (rounded up to the block size; smaller when the source is reduced
 *                   so much that a tile's source window would pass {@value WarpPlan#MAX_WINDOW_SIDE} cells)
 * @param alignTo    a reference grid whose CRS, cell size and cell lattice the output takes, or null
 * @param read       which band, and the CRS to assume for rasters without one
 * @param write      how the outputs are stored
 */
public record Reprojection(LayerCrs targetCrs, Double resolution, Resampling resampling, int tileSize,
    WarpGrid alignTo, RasterReadOptions read, GeoTiffOptions write) implements Serializable {

  public Reprojection {
    if (targetCrs == null) {
      throw new IllegalArgumentException("a reprojection needs a target CRS");
    }
    if (resolution != null && !(resolution > 0 && Double.isFinite(resolution))) {
      throw new IllegalArgumentException("the resolution must be a positive number, was " + resolution);
    }
    if (alignTo != null && resolution != null) {
      throw new IllegalArgumentException("give a resolution or a grid to align to, not both: the reference grid "
          + "has its own cell size");
    }
    if (alignTo != null && !sameCrs(alignTo.crs(), targetCrs)) {
      throw new IllegalArgumentException("the grid to align to is in " + alignTo.crs().label() + ", not in the "
          + "target CRS " + targetCrs.label());
    }
    if (tileSize < 1) {
      throw new IllegalArgumentException("tile size must be >= 1 cell, was " + tileSize);
    }
  }

  /** Into {@code crs} on gdalwarp's default grid, nearest neighbour, 2048-cell tiles. */
  public static Reprojection to(LayerCrs crs) {
    return new Reprojection(crs, null, Resampling.NEAREST, RasterJob.DEFAULT_TILE_SIZE, null,
        RasterReadOptions.DEFAULTS, GeoTiffOptions.DEFAULTS);
  }

  /** Onto {@code reference}'s cell lattice, in its CRS and cell size. */
  public static Reprojection alignedTo(WarpGrid reference) {
    return to(reference.crs()).withAlignment(reference);
  }

  public Reprojection withResolution(Double cellSize) {
    return new Reprojection(targetCrs, cellSize, resampling, tileSize, alignTo, read, write);
  }

  public Reprojection withResampling(Resampling method) {
    return new Reprojection(targetCrs, resolution, method, tileSize, alignTo, read, write);
  }

  public Reprojection withTileSize(int cells) {
    return new Reprojection(targetCrs, resolution, resampling, cells, alignTo, read, write);
  }

  /** Onto {@code reference}'s lattice; its CRS must be the target's (checked when the CRSs differ in form). */
  public Reprojection withAlignment(WarpGrid reference) {
    return new Reprojection(targetCrs, resolution, resampling, tileSize, reference, read, write);
  }

  public Reprojection withRead(RasterReadOptions options) {
    return new Reprojection(targetCrs, resolution, resampling, tileSize, alignTo, options, write);
  }

  public Reprojection withWrite(GeoTiffOptions options) {
    return new Reprojection(targetCrs, resolution, resampling, tileSize, alignTo, read, options);
  }

  /**
   * The batch over {@code inputs} (item ids are their relative paths). Resume redoes an input when it changed or
   * any setting but the tile size did.
   *
   * @throws InputException when two inputs would write the same output (dem.tif and dem.asc)
   */
  public Batch<InputFile, RasterSummary> batch(String name, List<InputFile> inputs) {
    Map<String, String> writers = new HashMap<>();
    List<BatchItem<InputFile>> items = new ArrayList<>();
    for (InputFile input : inputs) {
      String output = outputName(input);
      String other = writers.putIfAbsent(output, input.relativePath());
      if (other != null) {
        throw new InputException(other + " and " + input.relativePath() + " would both write " + output
            + ": keep one of them out of the inputs");
      }
      items.add(new BatchItem<>(input.relativePath(), input.size(), input.fingerprint() + "|" + settings(), input));
    }
    return Batch.ofParts(name, items, new ReprojectTask(this));
  }

  /** {@code dems/a.asc}: {@code dems/a.tif} (in the output folder). */
  public static String outputName(InputFile input) {
    String path = input.relativePath();
    int dot = path.lastIndexOf('.');
    return (dot > path.lastIndexOf('/') ? path.substring(0, dot) : path) + ".tif";
  }

  private String settings() {
    String assumed = read.assumeCrs() == null ? "" : read.assumeCrs().wkt();
    return "to=" + targetCrs.wkt() + ";res=" + resolution + ";r=" + resampling + ";align=" + alignTo + ";band="
        + read.band() + ";crs=" + assumed + ";write=" + write;
  }

  private static boolean sameCrs(LayerCrs a, LayerCrs b) {
    return a.epsg() != null && a.epsg().equals(b.epsg())
        || org.geotools.referencing.CRS.equalsIgnoreMetadata(a.toGeoTools(), b.toGeoTools());
  }
}
