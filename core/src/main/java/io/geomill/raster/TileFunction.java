package io.geomill.raster;

import java.io.Serializable;

/**
 * Computes one product's cells for one tile: from a {@link HaloTile} (the tile's cells and its halo, nodata as
 * NaN) and the raster's {@link RasterInfo} (geotransform, CRS kind, for cell sizes), the tile's own
 * {@code tile.width() x tile.height()} cells, row-major, with the product's nodata value where there is none.
 * Runs in Spark tasks: keep it serializable and free of Spark. For bit-identical output under any tiling, the
 * value of a cell may depend only on the raster, never on the tile's position or size.
 */
public sealed interface TileFunction extends Serializable permits TileFunction.ToFloat, TileFunction.ToByte {

  /** A product written as Float32. */
  @FunctionalInterface
  non-sealed interface ToFloat extends TileFunction {
    float[] apply(HaloTile tile, RasterInfo raster) throws Exception;
  }

  /** A product written as Byte (e.g. a hillshade). */
  @FunctionalInterface
  non-sealed interface ToByte extends TileFunction {
    byte[] apply(HaloTile tile, RasterInfo raster) throws Exception;
  }

  /** The output's sample type. */
  default RasterDataType outputType() {
    return this instanceof ToFloat ? RasterDataType.FLOAT32 : RasterDataType.BYTE;
  }

  /** Applies either kind: a float[] or a byte[]. */
  default Object compute(HaloTile tile, RasterInfo raster) throws Exception {
    return this instanceof ToFloat toFloat ? toFloat.apply(tile, raster) : ((ToByte) this).apply(tile, raster);
  }
}
