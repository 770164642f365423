package io.geomill.terrain;

/**
 * {@link StrictMath#atan} in Java: fdlibm 5.3's {@code s_atan.c}, the code StrictMath calls natively on JDK 17,
 * line for line, so the results are the same to the bit (checked against StrictMath in the tests) without a
 * native call per cell, which cost slope about as much as the rest of its arithmetic.
 *
 * <p>From fdlibm's s_atan.c: Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved. Developed at
 * SunPro, a Sun Microsystems, Inc. business. Permission to use, copy, modify, and distribute this software is
 * freely granted, provided that this notice is preserved.
 */
final class StrictAtan {
  private static final double[] ATAN_HI = {
      4.63647609000806093515e-01, // atan(0.5)hi 0x3FDDAC67, 0x0561BB4F
      7.85398163397448278999e-01, // atan(1.0)hi 0x3FE921FB, 0x54442D18
      9.82793723247329054082e-01, // atan(1.5)hi 0x3FEF730B, 0xD281F69B
      1.57079632679489655800e+00, // atan(inf)hi 0x3FF921FB, 0x54442D18
  };
  private static final double[] ATAN_LO = {
      2.26987774529616870924e-17, // atan(0.5)lo 0x3C7A2B7F, 0x222F65E2
      3.06161699786838301793e-17, // atan(1.0)lo 0x3C81A626, 0x33145C07
      1.39033110312309984516e-17, // atan(1.5)lo 0x3C700788, 0x7AF0CBBD
      6.12323399573676603587e-17, // atan(inf)lo 0x3C91A626, 0x33145C07
  };
  private static final double AT0 = 3.33333333333329318027e-01; // 0x3FD55555, 0x5555550D
  private static final double AT1 = -1.99999999998764832476e-01; // 0xBFC99999, 0x9998EBC4
  private static final double AT2 = 1.42857142725034663711e-01; // 0x3FC24924, 0x920083FF
  private static final double AT3 = -1.11111104054623557880e-01; // 0xBFBC71C6, 0xFE231671
  private static final double AT4 = 9.09088713343650656196e-02; // 0x3FB745CD, 0xC54C206E
  private static final double AT5 = -7.69187620504482999495e-02; // 0xBFB3B0F2, 0xAF749A6D
  private static final double AT6 = 6.66107313738753120669e-02; // 0x3FB10D66, 0xA0D03D51
  private static final double AT7 = -5.83357013379057348645e-02; // 0xBFADDE2D, 0x52DEFD9A
  private static final double AT8 = 4.97687799461593236017e-02; // 0x3FA97B4B, 0x24760DEB
  private static final double AT9 = -3.65315727442169155270e-02; // 0xBFA2B444, 0x2C6A6C2F
  private static final double AT10 = 1.62858201153657823623e-02; // 0x3F90AD3A, 0xE322DA11

  private StrictAtan() {}

  static double atan(double x) {
    long bits = Double.doubleToRawLongBits(x);
    int hx = (int) (bits >> 32);
    int ix = hx & 0x7fffffff;
    int id;
    if (ix >= 0x44100000) { // |x| >= 2^66
      if (ix > 0x7ff00000 || (ix == 0x7ff00000 && (int) bits != 0)) {
        return x + x; // NaN
      }
      return hx > 0 ? ATAN_HI[3] + ATAN_LO[3] : -ATAN_HI[3] - ATAN_LO[3];
    }
    if (ix < 0x3fdc0000) { // |x| < 0.4375
      if (ix < 0x3e200000) { // |x| < 2^-29: atan(x) = x (fdlibm raises inexact here)
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
      } else {
        if (ix < 0x40038000) { // |x| < 2.4375
          id = 2;
          x = (x - 1.5) / (1.0 + 1.5 * x);
        } else { // 2.4375 <= |x| < 2^66
          id = 3;
          x = -1.0 / x;
        }
      }
    }
    // end of argument reduction
    double z = x * x;
    double w = z * z;
    // the sum from i = 0 to 10 of aT[i] z^(i+1), as odd and even polynomials
    double s1 = z * (AT0 + w * (AT2 + w * (AT4 + w * (AT6 + w * (AT8 + w * AT10)))));
    double s2 = w * (AT1 + w * (AT3 + w * (AT5 + w * (AT7 + w * AT9))));
    if (id < 0) {
      return x - x * (s1 + s2);
    }
    z = ATAN_HI[id] - ((x * (s1 + s2) - ATAN_LO[id]) - x);
    return hx < 0 ? -z : z;
  }
}
