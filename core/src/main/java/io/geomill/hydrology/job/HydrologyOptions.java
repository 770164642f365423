package io.geomill.hydrology.job;

import io.geomill.batch.InputException;
import io.geomill.batch.InputFile;
import io.geomill.hydrology.FlowCodes;
import io.geomill.raster.GeoTiffOptions;
import io.geomill.raster.RasterJob;
import io.geomill.raster.RasterReadOptions;
import java.io.Serializable;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the hydrology job computes and how.
 *
 * @param products        the outputs (at least one)
 * @param directionsInput the inputs are flow-direction rasters, not DEMs: only the accumulation is computed
 * @param tileSize        cells per tile side (rounded up to a multiple of the block size): a raster of one tile
 *                        runs whole in one task with the untiled kernels, a larger one tile by tile
 * @param epsilon         fill with an epsilon gradient instead of leaving filled depressions flat
 * @param codes           the flow-direction codes written (DEM inputs) or read (direction inputs); null: ESRI for
 *                        output, detected from the values for input (ESRI when only 0, 1, 2, 4, 8 occur)
 * @param weights         a weight raster on the inputs' grid for the accumulation, or null to count cells
 * @param read            band and assumed CRS
 * @param write           how the outputs are stored
 */
public record HydrologyOptions(Set<HydrologyProduct> products, boolean directionsInput, int tileSize,
    boolean epsilon, FlowCodes codes, InputFile weights, RasterReadOptions read, GeoTiffOptions write)
    implements Serializable {

  public HydrologyOptions {
    products = products.isEmpty() ? Set.of() : EnumSet.copyOf(products);
    if (products.isEmpty()) {
      throw new InputException("name at least one product: filled, flowdir, accumulation");
    }
    if (directionsInput && !products.equals(EnumSet.of(HydrologyProduct.ACCUMULATION))) {
      throw new InputException("from a flow-direction raster only the accumulation can be computed, not "
          + products.stream().filter(p -> p != HydrologyProduct.ACCUMULATION).map(p -> p.label).toList());
    }
    if (directionsInput && epsilon) {
      throw new InputException("--epsilon fills a DEM; it does not apply to a flow-direction raster");
    }
    if (weights != null && !products.contains(HydrologyProduct.ACCUMULATION)) {
      throw new InputException("weights are for the accumulation, which is not among the products");
    }
    if (tileSize < 1) {
      throw new InputException("the tile size must be at least 1 cell, was " + tileSize);
    }
  }

  /** All three products from DEMs, default tiles, exact fill, ESRI codes, cell counts. */
  public static HydrologyOptions defaults() {
    return new HydrologyOptions(EnumSet.allOf(HydrologyProduct.class), false, RasterJob.DEFAULT_TILE_SIZE, false,
        null, null, RasterReadOptions.DEFAULTS, GeoTiffOptions.DEFAULTS);
  }

  public HydrologyOptions withProducts(Set<HydrologyProduct> chosen) {
    return new HydrologyOptions(chosen, directionsInput, tileSize, epsilon, codes, weights, read, write);
  }

  /** Inputs that are flow-direction rasters: the accumulation only. */
  public HydrologyOptions fromDirections() {
    return new HydrologyOptions(EnumSet.of(HydrologyProduct.ACCUMULATION), true, tileSize, false, codes, weights,
        read, write);
  }

  public HydrologyOptions withTileSize(int cells) {
    return new HydrologyOptions(products, directionsInput, cells, epsilon, codes, weights, read, write);
  }

  public HydrologyOptions withEpsilon(boolean on) {
    return new HydrologyOptions(products, directionsInput, tileSize, on, codes, weights, read, write);
  }

  public HydrologyOptions withCodes(FlowCodes set) {
    return new HydrologyOptions(products, directionsInput, tileSize, epsilon, set, weights, read, write);
  }

  public HydrologyOptions withWeights(InputFile raster) {
    return new HydrologyOptions(products, directionsInput, tileSize, epsilon, codes, raster, read, write);
  }

  public HydrologyOptions withRead(RasterReadOptions options) {
    return new HydrologyOptions(products, directionsInput, tileSize, epsilon, codes, weights, options, write);
  }

  public HydrologyOptions withWrite(GeoTiffOptions options) {
    return new HydrologyOptions(products, directionsInput, tileSize, epsilon, codes, weights, read, options);
  }

  public boolean wants(HydrologyProduct product) {
    return products.contains(product);
  }

  /** The codes of the flowdir output. */
  FlowCodes outputCodes() {
    return codes == null ? FlowCodes.ESRI : codes;
  }

  /** What the outputs depend on besides the input, for resume (not the tile size: it changes no output). */
  String settings() {
    String crs = read.assumeCrs() == null ? "" : read.assumeCrs().wkt();
    return "products=" + products + ";directions=" + directionsInput + ";epsilon=" + epsilon + ";codes=" + codes
        + ";weights=" + (weights == null ? "" : weights.uri() + "@" + weights.fingerprint()) + ";band="
        + read.band() + ";crs=" + crs + ";write=" + write;
  }
}
