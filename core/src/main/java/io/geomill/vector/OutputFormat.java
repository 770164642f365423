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
