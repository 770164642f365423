package io.geomill.hydrology;

import java.util.Optional;

/**
 * The two flow-direction code sets of GIS rasters, and their conversion to the internal {@link D8} values.
 *
 * <ul>
 *   <li>ESRI (ArcGIS, GRASS r.watershed with -a off, pysheds, pyflwdir): 1=E, 2=SE, 4=S, 8=SW, 16=W, 32=NW,
 *       64=N, 128=NE;</li>
 *   <li>TauDEM: 1=E, 2=NE, 3=N, 4=NW, 5=W, 6=SW, 7=S, 8=SE.</li>
 * </ul>
 * In both, 0 reads as "no direction" (a {@link D8#SINK}); a NaN (nodata) reads as {@link D8#NODATA}.
 */
public enum FlowCodes {
  ESRI("ESRI", new int[] {1, 2, 4, 8, 16, 32, 64, 128}),
  TAUDEM("TauDEM", new int[] {1, 8, 7, 6, 5, 4, 3, 2});

  /** The census bit of each value a flow-direction raster may hold: 0..8 are bits 0..8. */
  private static final int BIT_16 = 9;
  private static final int BIT_32 = 10;
  private static final int BIT_64 = 11;
  private static final int BIT_128 = 12;
  private static final int BIT_OTHER = 13;

  private final String label;
  private final int[] codeOf;
  private final byte[] directionOf = new byte[129];

  FlowCodes(String label, int[] codeOf) {
    this.label = label;
    this.codeOf = codeOf;
    java.util.Arrays.fill(directionOf, (byte) -2);
    directionOf[0] = D8.SINK;
    for (int d = 0; d < 8; d++) {
      directionOf[codeOf[d]] = (byte) d;
    }
  }

  /** The code of an internal direction; {@code nodataCode} for nodata, 0 for a sink. */
  public int code(byte direction, int nodataCode) {
    if (direction == D8.NODATA) {
      return nodataCode;
    }
    return direction == D8.SINK ? 0 : codeOf[direction];
  }

  /** Encodes a window of internal directions (see {@link #code}). */
  public int[] encode(byte[] directions, int nodataCode) {
    int[] codes = new int[directions.length];
    for (int i = 0; i < directions.length; i++) {
      codes[i] = code(directions[i], nodataCode);
    }
    return codes;
  }

  /**
   * Decodes a window of codes (NaN = nodata) read from a flow-direction raster.
   *
   * @param col0 the window's first column in the raster, to name a bad cell
   * @param row0 the window's first row in the raster
   * @throws InvalidFlowDirectionsException naming the first cell whose value is not a code of this set
   */
  public byte[] decode(float[] codes, int width, int col0, int row0) {
    byte[] directions = new byte[codes.length];
    for (int i = 0; i < codes.length; i++) {
      float value = codes[i];
      if (Float.isNaN(value)) {
        directions[i] = D8.NODATA;
        continue;
      }
      int code = (int) value;
      byte direction = code == value && code >= 0 && code <= 128 ? directionOf[code] : -2;
      if (direction == -2) {
        throw new InvalidFlowDirectionsException(String.format(java.util.Locale.ROOT,
            "value %s at column %d, row %d is not a flow-direction code of the %s set (%s)", formatValue(value),
            col0 + i % width, row0 + i / width, label, describe()));
      }
      directions[i] = direction;
    }
    return directions;
  }

  /** The codes of this set, for messages: "1=E 2=SE ...". */
  public String describe() {
    String[] names = {"E", "SE", "S", "SW", "W", "NW", "N", "NE"};
    StringBuilder text = new StringBuilder();
    for (int code = 1; code <= 128; code++) {
      byte d = directionOf[code];
      if (d >= 0 && d < 8) {
        text.append(text.length() == 0 ? "" : " ").append(code).append('=').append(names[d]);
      }
    }
    return text.append(", 0 = no direction").toString();
  }

  /**
   * Which values occur in a window of a flow-direction raster, as bits for {@link #detect(int)}; censuses of
   * several windows combine with {@code |}.
   */
  public static int census(float[] codes) {
    int seen = 0;
    for (float value : codes) {
      if (Float.isNaN(value)) {
        continue;
      }
      int code = (int) value;
      int bit;
      if (code != value) {
        bit = BIT_OTHER;
      } else if (code >= 0 && code <= 8) {
        bit = code;
      } else {
        bit = switch (code) {
          case 16 -> BIT_16;
          case 32 -> BIT_32;
          case 64 -> BIT_64;
          case 128 -> BIT_128;
          default -> BIT_OTHER;
        };
      }
      seen |= 1 << bit;
    }
    return seen;
  }

  /**
   * The code set a census shows: ESRI when 16, 32, 64 or 128 occur, TauDEM when 3, 5, 6 or 7 occur; empty
   * when only values common to both (0, 1, 2, 4, 8) occur, so the caller must be told.
   *
   * @throws InvalidFlowDirectionsException when the values fit neither set
   */
  public static Optional<FlowCodes> detect(int census) {
    int esriOnly = (1 << BIT_16) | (1 << BIT_32) | (1 << BIT_64) | (1 << BIT_128);
    int taudemOnly = (1 << 3) | (1 << 5) | (1 << 6) | (1 << 7);
    boolean esri = (census & esriOnly) != 0;
    boolean taudem = (census & taudemOnly) != 0;
    if ((census & (1 << BIT_OTHER)) != 0 || (esri && taudem)) {
      throw new InvalidFlowDirectionsException("the values are neither ESRI flow-direction codes ("
          + ESRI.describe() + ") nor TauDEM codes (" + TAUDEM.describe() + ")");
    }
    if (esri) {
      return Optional.of(ESRI);
    }
    return taudem ? Optional.of(TAUDEM) : Optional.empty();
  }

  private static String formatValue(float value) {
    return value == (long) value ? Long.toString((long) value) : Float.toString(value);
  }
}
