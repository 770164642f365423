/*
 * The arithmetic of atan below is fdlibm 5.3's s_atan.c, which carries this notice:
 *
 * ====================================================
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *
 * Developed at SunPro, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice
 * is preserved.
 * ====================================================
 */
package io.geomill.terrain;

/**
 * {@link StrictMath#atan}, to the bit, in Java: Java 17's StrictMath.atan is fdlibm's C code behind a JNI call,
 * and slope (one arc tangent per cell) spent more time in the call than in the arithmetic. This is fdlibm's
 * s_atan.c operation for operation (Java's double arithmetic is IEEE 754 with round to nearest, as fdlibm
 * assumes), as Java 21's StrictMath.atan is; StrictAtanTest compares the two on every argument range.
 *
 * <p>Method (fdlibm's): reduce x to [0, 7/16] by atan(x) = atan(c) + atan((x - c) / (1 + x c)) with
 * c = 1/2, 1, 3/2 or infinity as x lies in [7/16, 11/16), [11/16, 19/16), [19/16, 39/16) or beyond, then a
 * polynomial of degree 23 (odd terms) on the reduced argument.
 */
final class StrictAtan {
  private static final double[] ATAN_HI = {
      Double.longBitsToDouble(0x3FDDAC670561BB4FL), // atan(0.5) hi
      Double.longBitsToDouble(0x3FE921FB54442D18L), // atan(1.0) hi
      Double.longBitsToDouble(0x3FEF730BD281F69BL), // atan(1.5) hi
      Double.longBitsToDouble(0x3FF921FB54442D18L), // atan(inf) hi
  };
  private static final double[] ATAN_LO = {
      Double.longBitsToDouble(0x3C7A2B7F222F65E2L), // atan(0.5) lo
      Double.longBitsToDouble(0x3C81A62633145C07L), // atan(1.0) lo
      Double.longBitsToDouble(0x3C7007887AF0CBBDL), // atan(1.5) lo
      Double.longBitsToDouble(0x3C91A62633145C07L), // atan(inf) lo
  };
  private static final double AT0 = Double.longBitsToDouble(0x3FD555555555550DL);
  private static final double AT1 = Double.longBitsToDouble(0xBFC999999998EBC4L);
  private static final double AT2 = Double.longBitsToDouble(0x3FC24924920083FFL);
  private static final double AT3 = Double.longBitsToDouble(0xBFBC71C6FE231671L);
  private static final double AT4 = Double.longBitsToDouble(0x3FB745CDC54C206EL);
  private static final double AT5 = Double.longBitsToDouble(0xBFB3B0F2AF749A6DL);
  private static final double AT6 = Double.longBitsToDouble(0x3FB10D66A0D03D51L);
  private static final double AT7 = Double.longBitsToDouble(0xBFADDE2D52DEFD9AL);
  private static final double AT8 = Double.longBitsToDouble(0x3FA97B4B24760DEBL);
  private static final double AT9 = Double.longBitsToDouble(0xBFA2B4442C6A6C2FL);
  private static final double AT10 = Double.longBitsToDouble(0x3F90AD3AE322DA11L);

  private StrictAtan() {}

  /** The arc tangent of x, bit for bit {@code StrictMath.atan(x)}. */
  static double atan(double x) {
    int hx = (int) (Double.doubleToRawLongBits(x) >>> 32);
    int ix = hx & 0x7fffffff;
    int id;
    if (ix >= 0x44100000) { // |x| >= 2^66
      if (Double.isNaN(x)) {
        return x + x;
      }
      return hx > 0 ? ATAN_HI[3] + ATAN_LO[3] : -ATAN_HI[3] - ATAN_LO[3];
    }
    if (ix < 0x3fdc0000) { // |x| < 0.4375
      if (ix < 0x3e200000) { // |x| < 2^-29: atan(x) rounds to x
        return x;
      }
      id = -1;
    } else {
      x = Math.abs(x);
      if (ix < 0x3ff30000) { // |x| < 1.1875
        if (ix < 0x3fe60000) { // 7/16 <= |x| < 11/16
          id = 0;
          x = (2.0 * x - 1.0) / (2.0 + x);
        } else { // 11/16 <= |x| < 19/16
          id = 1;
          x = (x - 1.0) / (x + 1.0);
        }
      } else if (ix < 0x40038000) { // |x| < 2.4375
        id = 2;
        x = (x - 1.5) / (1.0 + 1.5 * x);
      } else { // 2.4375 <= |x| < 2^66
        id = 3;
        x = -1.0 / x;
      }
    }
    double z = x * x;
    double w = z * z;
    // The sum of AT[i] z^(i+1), i = 0..10, as an odd and an even polynomial.
    double s1 = z * (AT0 + w * (AT2 + w * (AT4 + w * (AT6 + w * (AT8 + w * AT10)))));
    double s2 = w * (AT1 + w * (AT3 + w * (AT5 + w * (AT7 + w * AT9))));
    if (id < 0) {
      return x - x * (s1 + s2);
    }
    z = ATAN_HI[id] - ((x * (s1 + s2) - ATAN_LO[id]) - x);
    return hx < 0 ? -z : z;
  }
}
