package io.geomill.hydrology.job;

import io.geomill.batch.Batch;
import io.geomill.batch.BatchItem;
import io.geomill.batch.InputFile;
import io.geomill.raster.RasterJob;
import java.util.List;

/**
 * Depression filling, D8 flow directions and flow accumulation over many rasters, as one batch: the library
 * side of {@code geomill hydrology}, for notebooks and Java callers.
 *
 * <pre>{@code
 * HydrologyOptions options = HydrologyOptions.defaults().withTileSize(2048);
 * BatchResult<HydrologySummary> result = Hydrology.batch(RasterJob.rasters(Inputs.resolve(inputs, conf)), options)
 *     .outputTo(out).listener(new ConsoleProgress()).run(spark);    // out/a_filled.tif, a_flowdir.tif, ...
 * }</pre>
 *
 * <p>Each input is an item: a raster of one tile runs whole in one task (the untiled kernels), a larger one tile
 * by tile in phases with small perimeter problems solved on the driver between them ({@link HydrologyPhases});
 * the outputs are the same files either way. Outputs are {@code <input without extension>_<product>.tif}.
 */
public final class Hydrology {
  private Hydrology() {}

  /**
   * The batch over {@code inputs} (item ids: their relative paths). Resume redoes an input when it changed or
   * the options did (products, epsilon, codes, weights and their file, band, assumed CRS, storage; not the tile
   * size, which changes no output).
   *
   * @throws io.geomill.batch.InputException when two inputs would write the same output
   */
  public static Batch<InputFile, HydrologySummary> batch(List<InputFile> inputs, HydrologyOptions options) {
    List<BatchItem<InputFile>> items = RasterJob.items(inputs,
        options.products().stream().map(p -> p.label).toList(), options.settings());
    return Batch.ofPhases("hydrology", items, new HydrologyTask(options));
  }

  /** {@code dems/a.tif}'s output of {@code product}: {@code dems/a_<product>.tif}. */
  public static String outputName(InputFile input, HydrologyProduct product) {
    return RasterJob.outputName(input, product.label);
  }
}
