package io.geomill.vector;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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

  /**
   * The column names Spark's CSV reader gives a header line (header=true, case-insensitive names): the fields
   * as Spark's own parser (univocity, Spark's quote and escape characters) splits them; an empty field is
   * {@code _c<i>}, and names that repeat (ignoring case) get their position appended, as Spark's
   * {@code CSVUtils.makeSafeHeader} does. Known without Spark, so the file can be read with a schema.
   */
  public static List<String> sparkNames(String headerLine, char delimiter) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.getFormat().setDelimiter(delimiter);
    settings.getFormat().setQuote('"');
    settings.getFormat().setQuoteEscape('\\');
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.setMaxCharsPerColumn(-1);
    String[] fields = new CsvParser(settings).parseLine(headerLine);
    Set<String> seen = new HashSet<>();
    Set<String> repeated = new HashSet<>();
    for (String field : fields) {
      if (field != null && !seen.add(field.toLowerCase(Locale.ROOT))) {
        repeated.add(field.toLowerCase(Locale.ROOT));
      }
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < fields.length; i++) {
      String field = fields[i];
      if (field == null || field.isEmpty()) {
        names.add("_c" + i);
      } else {
        names.add(repeated.contains(field.toLowerCase(Locale.ROOT)) ? field + i : field);
      }
    }
    return names;
  }
}
