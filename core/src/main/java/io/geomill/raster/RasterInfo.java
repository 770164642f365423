package io.geomill.raster;

import io.geomill.vector.LayerCrs;
import java.io.Serializable;

/**
 * What a raster is, without its pixels: enough to tile it, interpret its values and write a product on its grid.
 *
 * @param name         the file as messages name it
 * @param format       GeoTIFF or Esri ASCII grid
 * @param width        columns
 * @param height       rows
 * @param bandCount    bands (samples per pixel)
 * @param dataType     the sample type as stored (ASCII grids are read as {@link RasterDataType#FLOAT64})
 * @param geoTransform the grid's position in its CRS
 * @param crs          the CRS, or null when the file has none (see {@link RasterReadOptions#assumeCrs})
 * @param geographic   whether the CRS is geographic (degrees): a kernel then converts cell sizes to metres by
 *                     latitude
 * @param nodata       the nodata value, or null when the file declares none
 * @param blockWidth   the width of the file's storage blocks (tiles; for strips the raster's width)
 * @param blockHeight  the height of the file's storage blocks (tiles or strips)
 */
public record RasterInfo(String name, RasterFormat format, int width, int height, int bandCount,
    RasterDataType dataType, GeoTransform geoTransform, LayerCrs crs, boolean geographic, Double nodata,
    int blockWidth, int blockHeight) implements Serializable {

  public long cells() {
    return (long) width * height;
  }

  public RasterInfo withCrs(LayerCrs assumed) {
    return new RasterInfo(name, format, width, height, bandCount, dataType, geoTransform, assumed,
        assumed.isGeographic(), nodata, blockWidth, blockHeight);
  }
}
