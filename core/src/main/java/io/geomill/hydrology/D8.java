package io.geomill.hydrology;

/**
 * The eight D8 neighbours and the internal flow-direction values every kernel of this package uses.
 *
 * <p>A direction is a byte: 0..7 for the neighbour it drains to, in the order E, SE, S, SW, W, NW, N, NE (the
 * order of the ESRI codes 1, 2, 4, ..., 128, so the ESRI code is {@code 1 << d}); {@link #SINK} for a valid
 * cell that drains nowhere (only from a given flow-direction raster, code 0, or a pit of an unfilled DEM);
 * {@link #NODATA} for a cell without data. Rows grow southwards (row 0 is the top of the raster).
 * {@link FlowCodes} converts to and from the ESRI and TauDEM codes.
 */
public final class D8 {
  public static final byte NODATA = -1;
  public static final byte SINK = 8;

  public static final int E = 0;
  public static final int SE = 1;
  public static final int S = 2;
  public static final int SW = 3;
  public static final int W = 4;
  public static final int NW = 5;
  public static final int N = 6;
  public static final int NE = 7;

  /** Column offset of each direction. */
  static final int[] DX = {1, 1, 0, -1, -1, -1, 0, 1};
  /** Row offset of each direction (south is +1). */
  static final int[] DY = {0, 1, 1, 1, 0, -1, -1, -1};

  private D8() {}

  public static int dx(int direction) {
    return DX[direction];
  }

  public static int dy(int direction) {
    return DY[direction];
  }

  public static boolean isCardinal(int direction) {
    return (direction & 1) == 0;
  }

  /** Whether {@code value} is a direction to a neighbour (not nodata, not a sink). */
  public static boolean drains(byte value) {
    return value >= 0 && value < 8;
  }

  /** Index offsets of the eight neighbours in a row-major array of the given row stride. */
  static int[] offsets(int stride) {
    int[] offsets = new int[8];
    for (int d = 0; d < 8; d++) {
      offsets[d] = DX[d] + DY[d] * stride;
    }
    return offsets;
  }
}
