package io.geomill.raster;

import io.geomill.batch.Batch;
import io.geomill.batch.BatchItem;
import io.geomill.batch.InputException;
import io.geomill.batch.InputFile;
import io.geomill.batch.Inputs;
import io.geomill.fs.HadoopFs;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;

/**
 * Products computed over rasters, tile by tile, as one balanced batch: what every raster job (terrain, and later
 * hydrology, reprojection) runs on.
 *
 * <pre>{@code
 * RasterJob job = RasterJob.of(List.of(new RasterProduct("slope", 1, -9999, slopeFunction)))
 *     .withTileSize(2048);
 * BatchResult<RasterSummary> result = job.batch("terrain", RasterJob.rasters(inputs))
 *     .outputTo(out).listener(new ConsoleProgress()).run(spark);
 * }</pre>
 *
 * <p>Each input raster is an item; a raster larger than one tile is done in parts, one Spark task per tile
 * ({@link io.geomill.batch.PartedTask}), each tile read with its halo straight from the file and its output
 * blocks encoded in the task; small rasters are one task each, and all of them share one job, largest first.
 * Every product of an input becomes ONE GeoTIFF, {@code <input path without extension>_<product>.tif} in the
 * output folder, assembled from the tiles' blocks and committed by rename. A failing tile fails its input (no
 * output), a raster whose band is all nodata fails too, and the others finish. The output does not depend on
 * the tile size: blocks are encoded the same wherever they were computed, so any tiling gives the same file.
 *
 * @param products  what to compute (at least one; distinct names); the halo read is the largest they need
 * @param tileSize  cells per tile side, rounded up to a multiple of the block size (default 2048)
 * @param read      which band, and the CRS to assume for rasters without one
 * @param write     how the outputs are stored
 */
public record RasterJob(List<RasterProduct> products, int tileSize, RasterReadOptions read, GeoTiffOptions write)
    implements Serializable {
  public static final int DEFAULT_TILE_SIZE = 2048;

  public RasterJob {
    products = List.copyOf(products);
    if (products.isEmpty()) {
      throw new IllegalArgumentException("a raster job needs at least one product");
    }
    if (products.stream().map(RasterProduct::name).distinct().count() != products.size()) {
      throw new IllegalArgumentException("two products have the same name: " + products.stream()
          .map(RasterProduct::name).collect(Collectors.joining(", ")));
    }
    if (tileSize < 1) {
      throw new IllegalArgumentException("tile size must be >= 1 cell, was " + tileSize);
    }
  }

  public static RasterJob of(List<RasterProduct> products) {
    return new RasterJob(products, DEFAULT_TILE_SIZE, RasterReadOptions.DEFAULTS, GeoTiffOptions.DEFAULTS);
  }

  public RasterJob withTileSize(int cells) {
    return new RasterJob(products, cells, read, write);
  }

  public RasterJob withRead(RasterReadOptions options) {
    return new RasterJob(products, tileSize, options, write);
  }

  public RasterJob withWrite(GeoTiffOptions options) {
    return new RasterJob(products, tileSize, read, options);
  }

  /**
   * The rasters among {@code inputs} (folders, globs, files, @lists), as {@link #rasters(List)} keeps them.
   *
   * @throws InputException when an input is missing or matches nothing, or no raster is among the files found
   */
  public static List<InputFile> resolve(List<String> inputs, Configuration conf) {
    List<InputFile> rasters = rasters(Inputs.resolve(inputs, conf));
    if (rasters.isEmpty()) {
      throw new InputException(String.join(" ", inputs) + ": no raster (.tif, .tiff, .asc) found");
    }
    return rasters;
  }

  /** The inputs a raster job takes (.tif, .tiff, .asc); sidecars and other files are left out. */
  public static List<InputFile> rasters(List<InputFile> files) {
    return files.stream().filter(f -> RasterFormat.ofName(f.name()) != null).toList();
  }

  /**
   * Opens the first of {@code rasters}, when it is a local file, and reads one cell of it, on a thread of its own;
   * returns at once. A job calls this before its batch starts: in local mode the tasks run in this JVM, and the
   * first of them would otherwise spend about a second loading GeoTools' and the TIFF reader's classes and
   * opening the EPSG database, on the job's critical path; a task that needs a class the warm-up is still
   * initialising waits for it rather than doing it twice. Any failure is left to the input's own task, which
   * meets it too and names it. Remote files are left to the tasks, which read them where they run.
   */
  public static void warmUp(List<InputFile> rasters) {
    if (rasters.isEmpty() || !HadoopFs.isLocal(HadoopFs.path(rasters.get(0).uri()))) {
      return;
    }
    File first = HadoopFs.localFile(HadoopFs.path(rasters.get(0).uri()));
    Thread thread = new Thread(() -> {
      try (RasterFile raster = RasterFile.open(first)) {
        raster.read(1, 0, 0, 1, 1, 0);
      } catch (IOException | RuntimeException e) {
        // See above: the input's task reports it.
      }
    }, "geomill-raster-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * The batch over {@code inputs} (item ids are their relative paths). Resume redoes an item when its input
   * changed or the products' parameters, band, assumed CRS or storage options did (not the tile size, which
   * does not change the output).
   *
   * @throws InputException when two inputs would write the same output (dem.tif and dem.asc)
   */
  public Batch<InputFile, RasterSummary> batch(String name, List<InputFile> inputs) {
    return Batch.ofParts(name, items(inputs, products.stream().map(RasterProduct::name).toList(), settings()),
        new RasterTask(this));
  }

  /**
   * One batch item per input raster (id: its relative path; fingerprint: the input's plus {@code settings},
   * what else the outputs depend on).
   *
   * @throws InputException when two inputs would write the same output (dem.tif and dem.asc)
   */
  public static List<BatchItem<InputFile>> items(List<InputFile> inputs, List<String> productNames,
      String settings) {
    Map<String, String> writers = new HashMap<>();
    List<BatchItem<InputFile>> items = new ArrayList<>();
    for (InputFile input : inputs) {
      for (String product : productNames) {
        String output = outputName(input, product);
        String other = writers.putIfAbsent(output, input.relativePath());
        if (other != null) {
          throw new InputException(other + " and " + input.relativePath() + " would both write " + output
              + ": keep one of them out of the inputs");
        }
      }
      items.add(new BatchItem<>(input.relativePath(), input.size(), input.fingerprint() + "|" + settings, input));
    }
    return items;
  }

  /** {@code dems/a.tif} with product slope: {@code dems/a_slope.tif}. */
  public static String outputName(InputFile input, RasterProduct product) {
    return outputName(input, product.name());
  }

  /** {@code dems/a.tif} with product {@code accumulation}: {@code dems/a_accumulation.tif}. */
  public static String outputName(InputFile input, String product) {
    String path = input.relativePath();
    int dot = path.lastIndexOf('.');
    String stem = dot > path.lastIndexOf('/') ? path.substring(0, dot) : path;
    return stem + "_" + product + ".tif";
  }

  int halo() {
    return products.stream().mapToInt(RasterProduct::halo).max().orElse(0);
  }

  /** What the outputs depend on besides the input. */
  private String settings() {
    StringBuilder text = new StringBuilder();
    for (RasterProduct product : products) {
      text.append(product.name()).append(':').append(product.type()).append(':').append(product.nodata())
          .append(':').append(product.declaresNodata()).append(':').append(product.halo()).append(':')
          .append(product.parameters()).append(';');
    }
    String crs = read.assumeCrs() == null ? "" : read.assumeCrs().wkt();
    return text.append("band=").append(read.band()).append(";crs=").append(crs).append(";write=").append(write)
        .toString();
  }
}
