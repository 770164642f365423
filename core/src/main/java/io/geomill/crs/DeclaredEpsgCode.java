package io.geomill.crs;

import org.geotools.api.referencing.ReferenceIdentifier;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;

/** The EPSG code a CRS says it has (an AUTHORITY in its WKT, a GeoTIFF key's code), without a search. */
public final class DeclaredEpsgCode {
  private DeclaredEpsgCode() {}

  /** The code of the CRS's first EPSG identifier; null when it has none or that code is not a number. */
  public static Integer of(CoordinateReferenceSystem crs) {
    for (ReferenceIdentifier identifier : crs.getIdentifiers()) {
      if ("EPSG".equalsIgnoreCase(identifier.getCodeSpace())) {
        try {
          return Integer.valueOf(identifier.getCode());
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
    return null;
  }
}
