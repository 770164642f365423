package io.geomill.vector;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The vector formats GeoMill jobs read, known by their file name extension. */
public enum VectorFormat {
  SHAPEFILE("ESRI Shapefile", ".shp"),
  GEOPACKAGE("GeoPackage", ".gpkg"),
  GEOPARQUET("GeoParquet", ".parquet", ".geoparquet"),
  GEOJSON("GeoJSON", ".geojson", ".json"),
  CSV("CSV", ".csv", ".tsv");

  public final String label;
  private final List<String> extensions;

  VectorFormat(String label, String... extensions) {
    this.label = label;
    this.extensions = List.of(extensions);
  }

  /** By extension; a folder (a Spark-written GeoParquet dataset) has none and is GeoParquet. */
  public static Optional<VectorFormat> ofName(String name, boolean isFolder) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (VectorFormat format : values()) {
      if (format.extensions.stream().anyMatch(lower::endsWith)) {
        return Optional.of(format);
      }
    }
    return isFolder ? Optional.of(GEOPARQUET) : Optional.empty();
  }

  public static String knownExtensions() {
    StringBuilder all = new StringBuilder();
    for (VectorFormat format : values()) {
      all.append(all.length() == 0 ? "" : ", ").append(String.join(" ", format.extensions));
    }
    return all.toString();
  }
}
