package io.geomill.reproject;

import java.util.Locale;

/**
 * How a target cell's value is taken from the source cells around the point it maps to: gdalwarp's
 * {@code -r near|bilinear|cubic}.
 */
public enum Resampling {
  NEAREST("nearest", 0),
  BILINEAR("bilinear", 1),
  CUBIC("cubic", 2);

  /** The name on the command line. */
  public final String label;
  /** Source cells on each side of the point that the kernel reaches at scale 1 (GDAL's filter radius). */
  final int radius;

  Resampling(String label, int radius) {
    this.label = label;
    this.radius = radius;
  }

  /** From "nearest" (or "near", gdalwarp's name), "bilinear", "cubic". */
  public static Resampling parse(String name) {
    String lower = name.strip().toLowerCase(Locale.ROOT);
    if (lower.equals("near")) {
      return NEAREST;
    }
    for (Resampling r : values()) {
      if (r.label.equals(lower)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown resampling '" + name + "': nearest, bilinear or cubic");
  }

  @Override
  public String toString() {
    return label;
  }
}
