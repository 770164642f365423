package io.geomill.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** The dataset formats the inventory describes, as recognised by their file names. */
enum Format {
  GEOTIFF("GeoTIFF", FileDescription.RASTER, List.of(".tif", ".tiff"),
      List.of(".tfw", ".tifw", ".tiffw", ".wld", ".prj", ".aux.xml", ".ovr", ".msk", ".aux", ".rrd"),
      Content.TIFF),
  ASCII_GRID("Esri ASCII Grid", FileDescription.RASTER, List.of(".asc"), List.of(".prj", ".aux.xml"),
      Content.ASCII_GRID),
  SHAPEFILE("ESRI Shapefile", FileDescription.VECTOR, List.of(".shp"),
      List.of(".shx", ".dbf", ".prj", ".cpg", ".cst", ".sbn", ".sbx", ".qix", ".fix", ".shp.xml", ".aih", ".ain",
          ".atx"),
      Content.SHAPEFILE),
  GEOJSON("GeoJSON", FileDescription.VECTOR, List.of(".geojson", ".json"), List.of(), Content.JSON),
  GEOPACKAGE("GeoPackage", FileDescription.VECTOR, List.of(".gpkg"), List.of("-wal", "-shm", "-journal"),
      Content.SQLITE),
  GEOPARQUET("GeoParquet", FileDescription.VECTOR, List.of(".parquet", ".geoparquet"), List.of(),
      Content.PARQUET),
  CSV("CSV", FileDescription.VECTOR, List.of(".csv", ".tsv"), List.of(".csvt", ".prj"), Content.TEXT);

  /**
   * Extensions that hold geodata only sometimes: a {@code .json} that is not GeoJSON or a {@code .csv} with no
   * geometry column is an ordinary file, not a broken dataset.
   */
  private static final List<String> GENERAL_PURPOSE = List.of(".json", ".csv", ".tsv", ".parquet");

  final String label;
  final String kind;
  final List<String> extensions;
  final List<String> sidecarSuffixes;
  final Content content;

  Format(String label, String kind, List<String> extensions, List<String> sidecarSuffixes, Content content) {
    this.label = label;
    this.kind = kind;
    this.extensions = extensions;
    this.sidecarSuffixes = sidecarSuffixes;
    this.content = content;
  }

  /** The format a file's extension announces, if it is one of ours. */
  static Optional<Format> ofName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return Stream.of(values())
        .filter(f -> f.extensions.stream().anyMatch(ext -> hasSuffix(lower, ext)))
        .findFirst();
  }

  /** The format whose files hold this content (the first, for text). */
  static Format ofContent(Content content) {
    return Stream.of(values()).filter(f -> f.content == content).findFirst().orElseThrow();
  }

  /** Whether a file's name marks it as a sidecar of some format (to tell an orphan sidecar from other files). */
  static boolean isSidecarName(String name) {
    return !primaryNamesFor(name).isEmpty();
  }

  /**
   * The names a sidecar's primary file could have: {@code roads.dbf} needs {@code roads.shp};
   * {@code DEM.tif.aux.xml} needs {@code DEM.tif}; {@code DEM.prj} any of {@code DEM.tif}, {@code DEM.asc}...
   */
  static List<String> primaryNamesFor(String sidecarName) {
    String lower = sidecarName.toLowerCase(Locale.ROOT);
    List<String> names = new ArrayList<>();
    for (Format format : values()) {
      for (String suffix : format.sidecarSuffixes) {
        if (!hasSuffix(lower, suffix)) {
          continue;
        }
        String base = sidecarName.substring(0, sidecarName.length() - suffix.length());
        if (ofName(base).isPresent()) {
          names.add(base);
        } else {
          format.extensions.forEach(extension -> names.add(base + extension));
        }
      }
    }
    return names.stream().distinct().toList();
  }

  /** Whether a file named so may turn out not to be geodata at all without being broken. */
  static boolean isGeneralPurpose(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return GENERAL_PURPOSE.stream().anyMatch(ext -> hasSuffix(lower, ext));
  }

  static String extension(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (String compound : List.of(".aux.xml", ".shp.xml")) {
      if (hasSuffix(lower, compound)) {
        return name.substring(name.length() - compound.length());
      }
    }
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(dot) : "";
  }

  /** A suffix that is the whole name ({@code .shp}) is a hidden file, not an extension. */
  private static boolean hasSuffix(String lowerName, String suffix) {
    return lowerName.length() > suffix.length() && lowerName.endsWith(suffix);
  }
}
