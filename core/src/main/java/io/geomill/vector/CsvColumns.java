package io.geomill.vector;

import java.util.List;
import java.util.Locale;

/**
 * The CSV columns taken as geometry, by header name (case ignored): a WKT column, or a longitude/latitude
 * pair, the names GDAL's CSV driver and most spreadsheets use.
 */
public final class CsvColumns {
  public static final List<String> WKT = List.of("wkt", "geometry", "geom", "the_geom", "shape", "wkt_geom");
  public static final List<String> X = List.of("lon", "lng", "long", "longitude", "x");
  public static final List<String> Y = List.of("lat", "latitude", "y");

  private CsvColumns() {}

  /** The position of the first of {@code header} that is one of {@code candidates}, or -1. */
  public static int indexOf(List<String> header, List<String> candidates) {
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i).strip();
      if (candidates.stream().anyMatch(name::equalsIgnoreCase)) {
        return i;
      }
    }
    return -1;
  }

  /** The delimiter of a delimited text file: tab for .tsv, else the commonest of tab, ';' and ',' in its header. */
  public static char delimiter(String name, String firstLine) {
    if (name.toLowerCase(Locale.ROOT).endsWith(".tsv")) {
      return '\t';
    }
    long commas = firstLine.chars().filter(c -> c == ',').count();
    long tabs = firstLine.chars().filter(c -> c == '\t').count();
    long semicolons = firstLine.chars().filter(c -> c == ';').count();
    if (tabs > commas && tabs >= semicolons) {
      return '\t';
    }
    return semicolons > commas ? ';' : ',';
  }
}
