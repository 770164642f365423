package io.geomill.raster;

import java.util.Locale;

/** The raster formats GeoMill reads, recognised by their file names, and rasters handed over in memory. */
public enum RasterFormat {
  GEOTIFF("GeoTIFF"),
  ASCII_GRID("Esri ASCII grid"),
  /** A raster handed over already decoded (a Sedona raster column's GridCoverage2D), not a file. */
  COVERAGE("GeoTools coverage");

  public final String label;

  RasterFormat(String label) {
    this.label = label;
  }

  /** The format a file name announces, or null: {@code .tif}/{@code .tiff} and {@code .asc}. */
  public static RasterFormat ofName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".tif") || lower.endsWith(".tiff")) {
      return GEOTIFF;
    }
    return lower.endsWith(".asc") ? ASCII_GRID : null;
  }
}
