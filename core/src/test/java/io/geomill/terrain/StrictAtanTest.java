package io.geomill.terrain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** StrictAtan must give StrictMath.atan's bits for every argument: slope's output depends on them. */
class StrictAtanTest {
  @Property(tries = 2000)
  void anyDoubleGivesStrictMathsBits(@ForAll double x) {
    assertSameBits(x);
  }

  /** The bounds of fdlibm's argument ranges and the special values, with their neighbours. */
  @Test
  void rangeBoundsAndSpecialValues() {
    double[] values = {0.0, Double.MIN_VALUE, Double.MIN_NORMAL, 0x1p-29, 0.4375, 0.6875, 1.1875, 2.4375, 0x1p66,
        0.5, 1.0, 1.5, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NaN};
    for (double v : values) {
      for (double x : new double[] {v, Math.nextDown(v), Math.nextUp(v)}) {
        assertSameBits(x);
        assertSameBits(-x);
      }
    }
  }

  /** A million arguments in each range, where slope's tangents (0 to a few hundred) lie and beyond. */
  @Test
  void everyRangeOfArguments() {
    SplittableRandom random = new SplittableRandom(7);
    double[] ends = {0x1p-40, 0x1p-29, 0.4375, 0.6875, 1.1875, 2.4375, 1000, 0x1p66, 0x1p70};
    for (int range = 0; range + 1 < ends.length; range++) {
      for (int i = 0; i < 1_000_000; i++) {
        assertSameBits(random.nextDouble(ends[range], ends[range + 1]));
      }
    }
  }

  private static void assertSameBits(double x) {
    long expected = Double.doubleToRawLongBits(StrictMath.atan(x));
    long actual = Double.doubleToRawLongBits(StrictAtan.atan(x));
    if (actual != expected) {
      assertThat(StrictAtan.atan(x)).as("atan(%s)", x).isEqualTo(StrictMath.atan(x));
      assertThat(actual).as("bits of atan(%s)", x).isEqualTo(expected); // NaN payloads
    }
  }
}
