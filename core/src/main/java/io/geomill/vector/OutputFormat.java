package io.geomill.vector;

import java.util.Locale;

/** The formats a vector job writes. */
public enum OutputFormat {
  GEOPARQUET(".parquet"), GPKG(".gpkg"), SHP(".shp"), CSV(".csv");

  public final String extension;

  OutputFormat(String extension) {
    this.extension = extension;
  }

  public static OutputFormat parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown output format \"" + text + "\"; use geoparquet, gpkg, shp or csv",
          e);
    }
  }

  /**
   * Why an output of this format cannot be written at {@code name}, or null when it can: a shapefile's name must
   * end with .shp (its sidecars are named after it, and the .shp is what a rerun finds), and GeoPackage and
   * shapefile outputs need a geometry column.
   */
  public String problemWith(String name, boolean hasGeometry) {
    if (this == SHP && !name.toLowerCase(Locale.ROOT).endsWith(extension)) {
      return "shapefile output " + name + ": the name must end with .shp";
    }
    if ((this == SHP || this == GPKG) && !hasGeometry) {
      return name + ": a table without geometry (the long layout) is written as CSV or GeoParquet, not "
          + (this == SHP ? "shapefile" : "GeoPackage");
    }
    return null;
  }

  /** By the output path's extension; GeoParquet when it has none of these. */
  public static OutputFormat ofPath(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    for (OutputFormat format : values()) {
      if (lower.endsWith(format.extension)) {
        return format;
      }
    }
    return GEOPARQUET;
  }
}
