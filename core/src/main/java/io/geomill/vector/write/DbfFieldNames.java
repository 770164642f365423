package io.geomill.vector.write;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * DBF field names for a table's columns: at most 10 ASCII characters, distinct without regard to case (as
 * GDAL, ArcGIS and Sedona compare them). A name that fits is kept; a longer one is cut to 10 characters, and
 * if that is taken its end becomes {@code _1}, {@code _2}, ... ({@code count_landmark} -> {@code count_land},
 * {@code count_landmarks2} -> {@code count_la_1}), as GDAL does. Names that fit are reserved first, so a cut
 * name never takes the name of a later column.
 */
final class DbfFieldNames {
  static final int MAX_LENGTH = 10;

  private DbfFieldNames() {}

  /** Column name to DBF field name, in column order. */
  static Map<String, String> of(List<String> columns) {
    List<String> cleaned = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (String column : columns) {
      String name = ascii(column);
      cleaned.add(name);
    }
    Set<String> keep = new HashSet<>();
    for (int i = 0; i < columns.size(); i++) {
      String name = cleaned.get(i);
      if (name.length() <= MAX_LENGTH && taken.add(key(name))) {
        keep.add(columns.get(i));
      }
    }
    Map<String, String> names = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      String column = columns.get(i);
      String name = cleaned.get(i);
      if (keep.contains(column)) {
        names.put(column, name);
        continue;
      }
      String cut = name.substring(0, Math.min(MAX_LENGTH, name.length()));
      for (int n = 1; !taken.add(key(cut)); n++) {
        String suffix = "_" + n;
        cut = name.substring(0, Math.min(name.length(), MAX_LENGTH - suffix.length())) + suffix;
      }
      names.put(column, cut);
    }
    return names;
  }

  /** DBF names are ASCII (dBASE and javadbf): other characters become '_'. */
  private static String ascii(String column) {
    StringBuilder name = new StringBuilder();
    column.codePoints().forEach(c -> name.append(c > 32 && c < 127 ? (char) c : '_'));
    return name.length() == 0 ? "field" : name.toString();
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
