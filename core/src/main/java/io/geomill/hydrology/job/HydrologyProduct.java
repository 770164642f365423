package io.geomill.hydrology.job;

import io.geomill.raster.RasterDataType;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The outputs of the hydrology job, each {@code <input without extension>_<name>.tif} on the input's grid.
 *
 * <p>The accumulation is Float64: a Float32 holds whole numbers exactly only up to 2^24 (16,777,216), and the
 * outlet of a 10,000 x 10,000 DEM collects up to 10^8 cells; doubles are exact to 2^53.
 */
public enum HydrologyProduct {
  /** The depression-filled DEM (Float32 as the kernels compute it). */
  FILLED("filled", RasterDataType.FLOAT32, -9999),
  /** D8 flow-direction codes (ESRI or TauDEM), 0 where a cell has no direction. */
  FLOWDIR("flowdir", RasterDataType.BYTE, 255),
  /** D8 flow accumulation in cells (the cell itself included) or in the sum of weights. */
  ACCUMULATION("accumulation", RasterDataType.FLOAT64, -9999);

  public final String label;
  public final RasterDataType type;
  public final double nodata;

  HydrologyProduct(String label, RasterDataType type, double nodata) {
    this.label = label;
    this.type = type;
    this.nodata = nodata;
  }

  /** By its name in the command line ("filled", "flowdir", "accumulation"). */
  public static HydrologyProduct parse(String name) {
    for (HydrologyProduct product : values()) {
      if (product.label.equals(name.strip().toLowerCase(Locale.ROOT))) {
        return product;
      }
    }
    throw new IllegalArgumentException("unknown product '" + name + "': choose from "
        + Arrays.stream(values()).map(p -> p.label).collect(Collectors.joining(", ")));
  }

  /** The part file a tile's encoded blocks of this product go into. */
  String partFile() {
    return label + ".blocks";
  }
}
