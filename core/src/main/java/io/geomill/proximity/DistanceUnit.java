package io.geomill.proximity;

import java.util.Locale;

/** The units a search distance is given in. */
public enum DistanceUnit {
  M(1.0), KM(1000.0), FT(0.3048);

  public final double metres;

  DistanceUnit(double metres) {
    this.metres = metres;
  }

  public static DistanceUnit parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown distance unit \"" + text + "\"; use m, km or ft", e);
    }
  }
}
