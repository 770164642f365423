package io.geomill.terrain;

/**
 * gdaldem hillshade (standard, {@code -combined}, {@code -multidirectional}) as grey levels: the shade value v
 * becomes the byte gdaldem writes, {@code (int) clamp(v + 0.5f, 0, 255)}, NaN giving 0, so the output holds
 * whole numbers 0-255 (0 = nodata; lit cells are 1-255).
 *
 * <p>gdaldem divides by {@code sqrt(1 + z^2 (x^2 + y^2))} through an SSE reciprocal square root refined by one
 * Newton step (relative error about 1e-7); here the division is exact, so a value may round to the next grey
 * level where gdaldem's lands within about 3e-5 of a half. The standard hillshade also rounds in double, not
 * through gdaldem's float (see {@link Standard#levels}), which moves that margin to about 6e-5.
 */
final class Hillshade {
  static final float NODATA = 0f;
  private static final double DEGREES_TO_RADIANS = Math.PI / 180.0;
  private static final double INVERSE_SQUARE_OF_HALF_PI = 1.0 / ((Math.PI * Math.PI) / 4);

  private Hillshade() {}

  static Light of(TerrainOptions options) {
    return switch (options.hillshade()) {
      case STANDARD -> new Standard(options);
      case COMBINED -> new Combined(options);
      case MULTIDIRECTIONAL -> new Multidirectional(options);
    };
  }

  /**
   * The byte gdaldem writes for a shade value (GDALCopyWord float to GByte: NaN is 0, else
   * {@code (int) clamp(value + 0.5f, 0, 255)}). Java's float-to-int cast already gives 0 for NaN and truncates
   * toward zero, so clamping the int after it gives the same bytes.
   */
  static byte greyLevel(float value) {
    int level = (int) (value + 0.5f);
    return (byte) (level > 255 ? 255 : level < 0 ? 0 : level);
  }

  /**
   * gdaldem's light and exaggeration constants (GDALCreateHillshadeData). Each variant gives the shade of a cell
   * from its gradient {@code x = gx / cellWidth}, {@code y = gy / -cellHeight} (gdaldem divides by
   * geotransform[5], negative on a north-up raster).
   */
  abstract static class Light {
    final double squareZ;
    final double sinAltitude;
    final double cosAltitudeZ;
    final double cosAzimuthCosAltitudeZ;
    final double sinAzimuthCosAltitudeZ;

    Light(TerrainOptions options) {
      double zScaled = options.zFactor() / (Gradients.weight(options.gradient()) * options.scale());
      squareZ = zScaled * zScaled;
      double altitude = options.altitude() * DEGREES_TO_RADIANS;
      double azimuth = options.azimuth() * DEGREES_TO_RADIANS;
      sinAltitude = StrictMath.sin(altitude);
      cosAltitudeZ = StrictMath.cos(altitude) * zScaled;
      cosAzimuthCosAltitudeZ = StrictMath.cos(azimuth) * cosAltitudeZ;
      sinAzimuthCosAltitudeZ = StrictMath.sin(azimuth) * cosAltitudeZ;
    }

    /**
     * Writes the grey levels {@code levels[offset + j]} of a row's n cells from {@code gx[j]} (left minus right)
     * and {@code gy[j]} (bottom minus top), gdaldem's weighted sums before division by the row's cell width and
     * height. Cells whose output is nodata come with sums of 0 and are overwritten after.
     */
    abstract void levels(float[] gx, float[] gy, int n, double cellWidth, double cellHeight, byte[] levels,
        int offset);
  }

  /** The variants with a shade function of their own, called for each cell of a row. */
  private abstract static class ShadeByCell extends Light {
    ShadeByCell(TerrainOptions options) {
      super(options);
    }

    abstract float shade(double x, double y);

    @Override
    final void levels(float[] gx, float[] gy, int n, double cellWidth, double cellHeight, byte[] levels,
        int offset) {
      double inverseWidth = 1 / cellWidth;
      double inverseHeight = -1 / cellHeight;
      for (int j = 0; j < n; j++) {
        levels[offset + j] = greyLevel(shade(gx[j] * inverseWidth, gy[j] * inverseHeight));
      }
    }
  }

  /** One light: {@code 1 + 254 * cos(angle between the light and the normal)}, 1 where it is <= 0. */
  private static final class Standard extends Light {
    private final double sinAltitude254;
    private final double cosAzimuthCosAltitudeZ254;
    private final double sinAzimuthCosAltitudeZ254;

    Standard(TerrainOptions options) {
      super(options);
      sinAltitude254 = 254 * sinAltitude;
      cosAzimuthCosAltitudeZ254 = 254 * cosAzimuthCosAltitudeZ;
      sinAzimuthCosAltitudeZ254 = 254 * sinAzimuthCosAltitudeZ;
    }

    /**
     * The shade written out in the loop, the constants in locals: C1 (the terrain job's JIT) neither inlines a
     * call this size nor keeps a field in a register, and this is the default hillshade. The grey level is
     * {@code (int) (1 + cang254 + 0.5)} in double rather than {@link #greyLevel} of the float: under C1 the two
     * conversions and the clamps were a third of the loop (4.7 against 3.1 ns a cell in a harness). No clamp is
     * needed: cang254 is at most 254 times the cosine of an angle (Cauchy-Schwarz), so the level is 1-255, and
     * NaN (a NaN or infinite gradient) converts to 0, as in greyLevel.
     */
    @Override
    void levels(float[] gx, float[] gy, int n, double cellWidth, double cellHeight, byte[] levels, int offset) {
      double inverseWidth = 1 / cellWidth;
      double inverseHeight = -1 / cellHeight;
      double light = sinAltitude254;
      double northLight = cosAzimuthCosAltitudeZ254;
      double eastLight = sinAzimuthCosAltitudeZ254;
      double exaggeration = squareZ;
      for (int j = 0; j < n; j++) {
        double x = gx[j] * inverseWidth;
        double y = gy[j] * inverseHeight;
        double cang254 = (light - (y * northLight - x * eastLight)) / Math.sqrt(1 + exaggeration * (x * x + y * y));
        levels[offset + j] = (byte) (cang254 <= 0.0 ? 1 : (int) (cang254 + 1.5));
      }
    }
  }

  /** gdaldem -combined: {@code 1 + 254 * (1 - angle * atan(slope) / (pi/2)^2)}, 1 where that is <= 0. */
  private static final class Combined extends ShadeByCell {
    Combined(TerrainOptions options) {
      super(options);
    }

    @Override
    float shade(double x, double y) {
      double slope = (x * x + y * y) * squareZ;
      double cosine = (sinAltitude - (y * cosAzimuthCosAltitudeZ - x * sinAzimuthCosAltitudeZ)) / Math.sqrt(1 + slope);
      // |cosine| <= 1 in exact arithmetic; rounding may overshoot where the light meets the normal.
      double angle = StrictMath.acos(cosine > 1.0 ? 1.0 : cosine < -1.0 ? -1.0 : cosine);
      double cang = 1 - angle * StrictAtan.atan(Math.sqrt(slope)) * INVERSE_SQUARE_OF_HALF_PI;
      return cang <= 0.0 ? 1.0f : (float) (1.0 + 254.0 * cang);
    }
  }

  /**
   * gdaldem -multidirectional (USGS open-file report 92-422): lights at azimuths 225, 270, 315 and 360 degrees
   * weighted by sin^2(aspect - azimuth), {@code 1 + 127 * ...}; the azimuth option is not used.
   */
  private static final class Multidirectional extends ShadeByCell {
    private final double sinAltitude127;
    private final double sinAltitude254;
    private final double cosAltitudeZ127;
    private final double cos225CosAltitudeZ127;

    Multidirectional(TerrainOptions options) {
      super(options);
      sinAltitude127 = 127.0 * sinAltitude;
      sinAltitude254 = 254.0 * sinAltitude;
      cosAltitudeZ127 = 127.0 * cosAltitudeZ;
      cos225CosAltitudeZ127 = 127.0 * StrictMath.cos(225 * DEGREES_TO_RADIANS) * cosAltitudeZ;
    }

    @Override
    float shade(double x, double y) {
      double xx = x * x;
      double yy = y * y;
      double xxPlusYy = xx + yy;
      if (xxPlusYy == 0.0) {
        return (float) (1.0 + sinAltitude254);
      }
      double val225 = positive(sinAltitude127 + (x - y) * cos225CosAltitudeZ127);
      double val270 = positive(sinAltitude127 - x * cosAltitudeZ127);
      double val315 = positive(sinAltitude127 + (x + y) * cos225CosAltitudeZ127);
      double val360 = positive(sinAltitude127 - y * cosAltitudeZ127);
      double weight225 = 0.5 * xxPlusYy - x * y;
      double weight315 = xxPlusYy - weight225;
      double cang127 = ((weight225 * val225 + xx * val270 + weight315 * val315 + yy * val360) / xxPlusYy)
          / Math.sqrt(1 + squareZ * xxPlusYy);
      return (float) (1.0 + cang127);
    }

    /** gdaldem's {@code v <= 0.0 ? 0.0 : v} (not Math.max, whose NaN and -0.0 handling costs a branch or two). */
    private static double positive(double v) {
      return v <= 0.0 ? 0.0 : v;
    }
  }
}
