package io.geomill.raster;

import io.geomill.crs.DeclaredEpsgCode;
import io.geomill.crs.Wgs84Crs;
import io.geomill.vector.LayerCrs;
import java.util.OptionalInt;
import org.geotools.api.referencing.FactoryException;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.crs.GeographicCRS;
import org.geotools.referencing.CRS;

/**
 * A raster's CRS as it travels with the raster: its EPSG code when the CRS says it (GeoTIFF keys with a code, a
 * .prj with an AUTHORITY) or, for a geographic CRS, when the EPSG database has it. Projected CRSs without a code
 * are not searched for one: GeoTools' search compares every projected CRS of the database and took 5 to 105 s
 * per CRS here, in every task that opens such a raster, and after it GeoTools could no longer encode a Lambert
 * conformal conic CRS as GeoTIFF keys. They keep their WKT and are written as user-defined GeoTIFF keys, which
 * GDAL reads.
 */
final class RasterCrs {
  private RasterCrs() {}

  static LayerCrs of(CoordinateReferenceSystem crs) {
    Integer code = DeclaredEpsgCode.of(crs);
    if (code == null && crs instanceof GeographicCRS) {
      OptionalInt wgs84 = Wgs84Crs.code(crs); // WGS 84 without the database
      try {
        code = wgs84.isPresent() ? wgs84.getAsInt() : CRS.lookupEpsgCode(crs, true); // a few dozen candidates
      } catch (FactoryException e) {
        code = null;
      }
    }
    return new LayerCrs(code != null ? "EPSG:" + code : crs.getName().getCode(), code, LayerCrs.wkt(crs));
  }
}
