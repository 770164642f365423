package io.geomill.inventory;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The code page a shapefile's .cpg (or GeoServer's .cst) names, as GDAL reads those names. */
public final class CodePages {
  private static final Pattern WINDOWS_CODE_PAGE = Pattern.compile("(?:ANSI\\s*)?(125\\d)");
  private static final Pattern ISO_8859 = Pattern.compile("(?:ISO[-_ ]?)?8859[-_ ]?(\\d{1,2})");

  private CodePages() {}

  public static Optional<Charset> charset(String codePage) {
    String name = codePage.toUpperCase(Locale.ROOT);
    if (name.equals("65001") || name.equals("UTF8")) {
      return Optional.of(StandardCharsets.UTF_8);
    }
    Matcher windows = WINDOWS_CODE_PAGE.matcher(name);
    if (windows.matches()) {
      name = "windows-" + windows.group(1);
    }
    Matcher iso = ISO_8859.matcher(name);
    if (iso.matches()) {
      name = "ISO-8859-" + iso.group(1);
    }
    if (name.matches("\\d{3}")) {
      name = "IBM" + name;
    }
    try {
      return Optional.of(Charset.forName(name));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }}
