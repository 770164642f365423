package io.geomill.terrain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Java fdlibm atan gives StrictMath.atan's doubles, bit for bit, over every branch of its reduction. */
class StrictAtanTest {

  @Test
  void equalsStrictMathToTheBit() {
    Random random = new Random(20261201);
    double[] special = {0.0, -0.0, Double.MIN_VALUE, 1e-300, 0x1p-29, 0x1p-30, 0.4375, 0.4374999999999999,
        0.6875, 1.1875, 2.4375, 0x1p66, 0x1p67, 1e300, Double.MAX_VALUE, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 1.0, 1.5, 0.5};
    for (double x : special) {
      assertSame(x);
      assertSame(-x);
      assertSame(Math.nextUp(x));
      assertSame(Math.nextDown(x));
    }
    assertThat(StrictAtan.atan(Double.NaN)).isNaN();
    for (int i = 0; i < 2_000_000; i++) {
      // slopes' tangents: mostly 0-10, then every binade from 2^-40 to 2^70
      double x = i % 2 == 0 ? random.nextDouble() * 10 : Math.scalb(1 + random.nextDouble(), random.nextInt(110) - 40);
      assertSame(random.nextBoolean() ? x : -x);
    }
  }

  private static void assertSame(double x) {
    long expected = Double.doubleToRawLongBits(StrictMath.atan(x));
    long actual = Double.doubleToRawLongBits(StrictAtan.atan(x));
    if (expected != actual) {
      throw new AssertionError("atan(" + x + "): StrictMath " + StrictMath.atan(x) + ", StrictAtan "
          + StrictAtan.atan(x));
    }
  }
}
