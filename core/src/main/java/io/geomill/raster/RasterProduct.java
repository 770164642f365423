package io.geomill.raster;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * One output of a raster job: for every input {@code dem.tif}, {@code dem_<name>.tif} on the input's grid.
 *
 * @param name       goes into the output file name: letters, digits, '-' and '_'
 * @param halo       cells around each tile the function needs (1 for a 3x3 kernel)
 * @param nodata     the output's nodata value (GDAL_NODATA); 0-255 for a Byte product
 * @param function   computes the product for one tile
 * @param parameters what else the product depends on (a kernel's settings, e.g. "z=1 az=315"): part of what resume
 *                   compares, so a change redoes outputs committed with other settings
 * @param declaresNodata whether the file declares {@code nodata} as GDAL_NODATA (true unless
 *                   {@link #withUndeclaredNodata()}: the value then only fills what lies outside the raster)
 */
public record RasterProduct(String name, int halo, double nodata, TileFunction function, String parameters,
    boolean declaresNodata) implements Serializable {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

  public RasterProduct {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a product name must be letters, digits, '-' or '_', was '" + name + "'");
    }
    if (halo < 0) {
      throw new IllegalArgumentException("halo must be >= 0, was " + halo);
    }
    if (function == null) {
      throw new IllegalArgumentException("product " + name + " has no function");
    }
    if (function.outputType() == RasterDataType.BYTE && (nodata != Math.rint(nodata) || nodata < 0 || nodata > 255)) {
      throw new IllegalArgumentException("product " + name + " is Byte: its nodata must be 0-255, was " + nodata);
    }
    parameters = parameters == null ? "" : parameters;
  }

  public RasterProduct(String name, int halo, double nodata, TileFunction function, String parameters) {
    this(name, halo, nodata, function, parameters, true);
  }

  public RasterProduct(String name, int halo, double nodata, TileFunction function) {
    this(name, halo, nodata, function, "", true);
  }

  /** The same product in files that declare no nodata value (as gdaldem writes aspect with -zero_for_flat). */
  public RasterProduct withUndeclaredNodata() {
    return new RasterProduct(name, halo, nodata, function, parameters, false);
  }

  public RasterDataType type() {
    return function.outputType();
  }
}
