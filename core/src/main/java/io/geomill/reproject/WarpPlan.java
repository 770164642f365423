package io.geomill.reproject;

import io.geomill.raster.RasterDataType;
import io.geomill.raster.RasterFormat;
import io.geomill.raster.RasterInfo;
import io.geomill.raster.RasterTiling;
import java.io.Serializable;

/**
 * How one raster is reprojected: the source as read, the target grid, the resampling kernel with the whole
 * raster's scales, the target's tiles, the output's sample type and nodata value. The same inputs always give
 * the same plan, so the driver (counting tiles) and every task (computing one) make it alike.
 *
 * @param source the source's info, with the CRS it is reprojected from (its own or the assumed one)
 * @param type   the output's sample type: the source's (Esri ASCII grids, read as doubles, give Float32)
 * @param nodata the output's nodata value: the source's when the type can hold it, else {@link #defaultNodata}
 */
record WarpPlan(RasterInfo source, WarpGrid grid, WarpKernel kernel, RasterTiling tiling, RasterDataType type,
    double nodata) implements Serializable {
  /** A target tile's source window stays within this many cells per side where the block size allows. */
  static final int MAX_WINDOW_SIDE = 4096;
  private static final int EDGE_STEPS = 21;
  private static final double STRETCH_STEP = 0.01;
  private static final double MAX_STRETCH = 1000;

  static WarpPlan of(RasterInfo source, Reprojection job) throws WarpException {
    GridTransform transform = GridTransform.of(source.crs(), source.geoTransform(), job.targetCrs());
    checkRepresentable(source, transform, job.targetCrs());
    WarpGrid grid = WarpGrid.suggested(source, job.targetCrs(), transform);
    if (job.alignTo() != null) {
      grid = grid.snappedTo(job.alignTo(), source);
    } else if (job.resolution() != null) {
      grid = grid.withResolution(job.resolution(), source);
    }
    WarpKernel kernel = kernel(job.resampling(), transform, grid, source);
    int blockSize = job.write().blockSize();
    int tileSize;
    if (source.format() == RasterFormat.ASCII_GRID) {
      tileSize = Math.max(grid.width(), grid.height()); // parsed whole by every task that reads it: one tile
    } else {
      double sourcePerTarget = Math.max(1.0 / kernel.xScale, 1.0 / kernel.yScale);
      int bounded = (int) (MAX_WINDOW_SIDE / sourcePerTarget) / blockSize * blockSize;
      tileSize = Math.min(job.tileSize(), Math.max(blockSize, bounded));
    }
    RasterTiling tiling = RasterTiling.of(grid.width(), grid.height(), tileSize, blockSize);
    RasterDataType type = source.dataType() == RasterDataType.FLOAT64 && source.format() == RasterFormat.ASCII_GRID
        ? RasterDataType.FLOAT32 : source.dataType();
    Double declared = source.nodata();
    double nodata = declared != null && fits(declared, type) ? declared : defaultNodata(type);
    return new WarpPlan(source, grid, kernel, tiling, type, nodata);
  }

  /**
   * Every point of a 21 x 21 grid over the source transforms, and the target CRS stretches none of them by more
   * than {@value #MAX_STRETCH} times the median stretch: where it does, the raster reaches a singularity of the
   * projection (a pole in Mercator), which gdalwarp would silently cut off or smear over the grid.
   */
  private static void checkRepresentable(RasterInfo source, GridTransform transform, io.geomill.vector.LayerCrs target)
      throws WarpException {
    int side = EDGE_STEPS;
    int n = side * side;
    double[] xy = new double[6 * n];
    for (int i = 0; i < n; i++) {
      double px = (i % side) / (double) (side - 1) * source.width();
      double py = (i / side) / (double) (side - 1) * source.height();
      int k = 6 * i;
      xy[k] = px;
      xy[k + 1] = py;
      xy[k + 2] = px + STRETCH_STEP;
      xy[k + 3] = py;
      xy[k + 4] = px;
      xy[k + 5] = py + STRETCH_STEP;
    }
    boolean[] ok = new boolean[3 * n];
    transform.sourcePixelsToTarget(xy, 3 * n, ok);
    double[] stretch = new double[n];
    int failed = 0;
    for (int i = 0; i < n; i++) {
      int k = 6 * i;
      if (!ok[3 * i] || !ok[3 * i + 1] || !ok[3 * i + 2]) {
        failed++;
        continue;
      }
      stretch[i] = Math.max(Math.hypot(xy[k + 2] - xy[k], xy[k + 3] - xy[k + 1]),
          Math.hypot(xy[k + 4] - xy[k], xy[k + 5] - xy[k + 1])) / STRETCH_STEP;
    }
    String where = source.name() + ": cannot be reprojected into " + target.label() + ": ";
    if (failed > 0) {
      throw new WarpException(where + failed + " of " + n + " points sampled over the raster cannot be "
          + "transformed: part of it lies outside the area " + target.label() + " can represent");
    }
    double[] sorted = stretch.clone();
    java.util.Arrays.sort(sorted);
    double median = sorted[n / 2];
    if (sorted[n - 1] > MAX_STRETCH * median || !(median > 0)) {
      throw new WarpException(where + "the projection stretches the raster " + Math.round(sorted[n - 1] / median)
          + " times more at one point than at its median (it reaches a singularity of the projection, such as a "
          + "pole in Mercator)");
    }
  }

  GridTransform transform() throws WarpException {
    return GridTransform.of(source.crs(), source.geoTransform(), grid.crs());
  }

  /** The nodata value of an output whose source declares none (or one its type cannot hold). */
  static double defaultNodata(RasterDataType type) {
    return switch (type) {
      case FLOAT32, FLOAT64 -> Double.NaN;
      case BYTE, UINT16 -> type.maxValue();
      case INT16, INT32 -> type.minValue();
    };
  }

  private static boolean fits(double value, RasterDataType type) {
    return type.isFloatingPoint() ? (float) value == value || Double.isNaN(value) || type == RasterDataType.FLOAT64
        : value == Math.rint(value) && value >= type.minValue() && value <= type.maxValue();
  }

  /** The target's edges (21 points a side, at cell corners) in source pixels give GDAL's kernel scales. */
  private static WarpKernel kernel(Resampling resampling, GridTransform transform, WarpGrid grid, RasterInfo source) {
    int n = 4 * EDGE_STEPS;
    double[] xy = new double[2 * n];
    for (int i = 0; i < EDGE_STEPS; i++) {
      double ratio = i / (double) (EDGE_STEPS - 1);
      int k = 4 * i;
      xy[2 * k] = ratio * grid.width();
      xy[2 * k + 1] = 0;
      xy[2 * k + 2] = ratio * grid.width();
      xy[2 * k + 3] = grid.height();
      xy[2 * k + 4] = 0;
      xy[2 * k + 5] = ratio * grid.height();
      xy[2 * k + 6] = grid.width();
      xy[2 * k + 7] = ratio * grid.height();
    }
    boolean[] ok = new boolean[n];
    transform.targetPixelsToSourcePixels(grid.geoTransform().toArray(), xy, n, ok);
    return WarpKernel.forWindow(resampling, xy, ok, grid.width(), grid.height(), source.width(), source.height());
  }
}
