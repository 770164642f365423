package io.geomill.bench;

import io.geomill.batch.BatchResult;
import io.geomill.batch.Inputs;
import io.geomill.batch.ItemOutcome;
import io.geomill.raster.GeoTiffOptions;
import io.geomill.raster.GeoTransform;
import io.geomill.raster.HaloTile;
import io.geomill.raster.RasterJob;
import io.geomill.raster.RasterProduct;
import io.geomill.raster.RasterSummary;
import io.geomill.raster.TileFunction;
import io.geomill.spark.GeoMillSpark;
import io.geomill.terrain.TerrainGrid;
import io.geomill.terrain.TerrainKernel;
import io.geomill.terrain.TerrainOptions;
import io.geomill.terrain.TerrainProduct;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * A raster job of one product, to measure what tiling, reading with halos and writing one GeoTIFF cost (issue 4):
 * a copy, a 3x3 max, or gdaldem's slope (Horn, degrees, the terrain kernel). One run per JVM;
 * bench/raster-tiling.sh runs it under /usr/bin/time.
 *
 * <pre>
 * RasterTilingBenchmark &lt;input.tif|folder&gt; &lt;out-folder&gt; [--function copy|max3x3|slope] [--tile N]
 *     [--deflate L] [--master local[2]]
 * </pre>
 *
 * Prints {@code RESULT function=.. tile=.. deflate=.. session_ms=.. job_ms=.. items=.. tiles=.. cells=..
 * mcells_per_s=..}; the session's creation is timed apart from the job (which writes its outputs with --force).
 */
public final class RasterTilingBenchmark {
  private static final float NODATA = -9999f;

  private RasterTilingBenchmark() {}

  /** The window's own cells, unchanged: reading and writing alone. */
  static final TileFunction.ToFloat COPY = (tile, raster) -> {
    float[] out = new float[tile.width() * tile.height()];
    for (int r = 0; r < tile.height(); r++) {
      for (int c = 0; c < tile.width(); c++) {
        out[r * tile.width() + c] = valueOr(tile, tile.col0() + c, tile.row0() + r);
      }
    }
    return out;
  };

  /** The largest value of the 3x3 neighbourhood: a focal operation of the cost class of a 3x3 kernel. */
  static final TileFunction.ToFloat MAX_3X3 = (tile, raster) -> {
    float[] out = new float[tile.width() * tile.height()];
    for (int r = tile.row0(); r < tile.row0() + tile.height(); r++) {
      for (int c = tile.col0(); c < tile.col0() + tile.width(); c++) {
        out[(r - tile.row0()) * tile.width() + c - tile.col0()] = Float.isNaN(tile.at(c, r)) ? NODATA
            : max3x3(tile, c, r);
      }
    }
    return out;
  };

  /** gdaldem slope's defaults: Horn, degrees, edges nodata. */
  static final TileFunction.ToFloat SLOPE = (tile, raster) -> {
    GeoTransform grid = raster.geoTransform();
    TerrainGrid cells = raster.geographic()
        ? TerrainGrid.geographic(grid.originY(), grid.cellSizeX(), grid.cellSizeY())
        : TerrainGrid.uniform(grid.cellSizeX(), grid.cellSizeY());
    return TerrainKernel.of(TerrainProduct.SLOPE, cells, TerrainOptions.defaults()).apply(tile);
  };

  private static float max3x3(HaloTile tile, int c, int r) {
    float max = Float.NEGATIVE_INFINITY;
    for (int dr = -1; dr <= 1; dr++) {
      for (int dc = -1; dc <= 1; dc++) {
        float v = tile.at(c + dc, r + dr);
        if (v > max) {
          max = v; // NaN (nodata, outside) never compares greater
        }
      }
    }
    return max;
  }

  private static float valueOr(HaloTile tile, int c, int r) {
    float v = tile.at(c, r);
    return Float.isNaN(v) ? NODATA : v;
  }

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: RasterTilingBenchmark <input> <out-folder> [--function copy|max3x3|slope] [--tile N]"
          + " [--deflate L] [--master local[2]]");
      System.exit(2);
    }
    String function = option(args, "--function", "max3x3");
    int tile = Integer.parseInt(option(args, "--tile", Integer.toString(RasterJob.DEFAULT_TILE_SIZE)));
    int deflate = Integer.parseInt(option(args, "--deflate",
        Integer.toString(GeoTiffOptions.DEFAULTS.deflateLevel())));
    String master = option(args, "--master", "local[2]");
    RasterProduct product = new RasterProduct(function, function.equals("copy") ? 0 : 1, NODATA,
        switch (function) {
          case "copy" -> COPY;
          case "slope" -> SLOPE;
          default -> MAX_3X3;
        });

    long sessionStart = System.nanoTime();
    SparkSession spark = GeoMillSpark.session(GeoMillSpark.conf("raster-tiling-bench", master,
        Map.of("spark.ui.enabled", "false")));
    long sessionMs = (System.nanoTime() - sessionStart) / 1_000_000;

    long jobStart = System.nanoTime();
    BatchResult<RasterSummary> result = RasterJob.of(List.of(product)).withTileSize(tile)
        .withWrite(GeoTiffOptions.DEFAULTS.withDeflateLevel(deflate))
        .batch("raster-tiling", RasterJob.rasters(Inputs.resolve(List.of(args[0]),
            spark.sparkContext().hadoopConfiguration())))
        .outputTo(args[1]).force(true).run(spark);
    long jobMs = (System.nanoTime() - jobStart) / 1_000_000;

    for (ItemOutcome<RasterSummary> failure : result.failures()) {
      System.err.println("FAILED " + failure.failureLine());
    }
    long cells = result.results().stream().mapToLong(s -> (long) s.width() * s.height()).sum();
    int tiles = result.results().stream().mapToInt(RasterSummary::tiles).sum();
    System.out.printf(Locale.ROOT, "RESULT function=%s tile=%d deflate=%d master=%s session_ms=%d job_ms=%d items=%d"
        + " failed=%d tiles=%d cells=%d mcells_per_s=%.1f%n", function, tile, deflate, master, sessionMs, jobMs,
        result.outcomes().size(), result.failures().size(), tiles, cells, cells / 1000.0 / Math.max(1, jobMs));
    spark.stop();
    System.exit(result.exitCode());
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 2; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
