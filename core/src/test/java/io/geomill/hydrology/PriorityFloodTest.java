package io.geomill.hydrology;

import static io.geomill.hydrology.PriorityFlood.Mode.EPSILON;
import static io.geomill.hydrology.PriorityFlood.Mode.EXACT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Depression filling on hand-built grids whose filled values follow from their shape. */
class PriorityFloodTest {
  private static final float N = Float.NaN;

  @Test
  void aConeHasNoDepressionAndStaysAsItIs() {
    int size = 9;
    float[] cone = new float[size * size];
    for (int i = 0; i < cone.length; i++) {
      cone[i] = 100 - (float) Math.hypot(i % size - 4, i / size - 4) * 10;
    }
    assertThat(PriorityFlood.fill(cone, size, size, EXACT)).isEqualTo(cone);
    assertThat(PriorityFlood.fill(cone, size, size, EPSILON)).isEqualTo(cone);
  }

  @Test
  void aDammedValleyFillsToTheDamBehindIt() {
    // z = |x - 4| + y drains north along x = 4; a dam of height 6 across row 3 holds a lake where z < 6.
    int w = 9;
    int h = 10;
    float[] dem = new float[w * h];
    for (int i = 0; i < dem.length; i++) {
      int x = i % w;
      int y = i / w;
      dem[i] = Math.abs(x - 4) + y;
      if (y == 3) {
        dem[i] = Math.max(dem[i], 6);
      }
    }
    float[] filled = PriorityFlood.fill(dem, w, h, EXACT);
    for (int i = 0; i < dem.length; i++) {
      int y = i / w;
      float expected = y > 3 && dem[i] < 6 ? 6 : dem[i];
      assertThat(filled[i]).as("cell %d, %d", i % w, y).isEqualTo(expected);
    }
    assertThat(count(filled, dem)).as("the lake: (3..5, 4) and (4, 5)").isEqualTo(4);
  }

  @Test
  void nestedPitsFillToTheirOwnSpillLevels() {
    // A basin (floor 3) whose rim is 10 except a notch at 4 on the west edge, holding a pit (floor 1) inside
    // a ring of 5: the basin fills to the notch, the pit to its ring, which stands above the basin's level.
    int size = 9;
    float[] dem = new float[size * size];
    for (int i = 0; i < dem.length; i++) {
      int r = Math.max(Math.abs(i % size - 4), Math.abs(i / size - 4));
      dem[i] = r == 4 ? 10 : r == 2 ? 5 : r < 2 ? 1 : 3;
    }
    dem[4 * size] = 4;
    float[] filled = PriorityFlood.fill(dem, size, size, EXACT);
    for (int i = 0; i < dem.length; i++) {
      int r = Math.max(Math.abs(i % size - 4), Math.abs(i / size - 4));
      float expected = i == 4 * size ? 4 : r == 4 ? 10 : r == 2 ? 5 : r < 2 ? 5 : 4;
      assertThat(filled[i]).as("cell %d, %d", i % size, i / size).isEqualTo(expected);
    }
  }

  @Test
  void aPitNextToNodataDrainsIntoItAndIsNotFilled() {
    float[] dem = {
        9, 9, 9, 9, 9,
        9, 5, 5, 5, 9,
        9, 5, 1, N, 9,
        9, 5, 5, 5, 9,
        9, 9, 9, 9, 9};
    float[] filled = PriorityFlood.fill(dem, 5, 5, EXACT);
    // The pit (1) touches the nodata cell: an outlet. The 5s drain into it; nothing is raised.
    assertThat(filled).isEqualTo(dem);
    float[] closed = dem.clone();
    closed[13] = 9;
    assertThat(PriorityFlood.fill(closed, 5, 5, EXACT)).as("without the nodata cell the pit fills to the rim")
        .containsOnly(9);
  }

  @Test
  void aBasinWithoutOutletFillsToItsLowestRimCell() {
    // No cell drains to an edge: the edges are higher than everything inside. The lowest edge cell (7) is the
    // spill point, and everything inside rises to it.
    int size = 6;
    float[] dem = new float[size * size];
    for (int i = 0; i < dem.length; i++) {
      dem[i] = onEdge(i, size) ? 8 + (i % size + i / size) % 3 : (i % size * 7 + i / size * 3) % 5;
    }
    dem[2] = 7;
    float[] filled = PriorityFlood.fill(dem, size, size, EXACT);
    for (int i = 0; i < dem.length; i++) {
      assertThat(filled[i]).as("cell %d, %d", i % size, i / size).isEqualTo(onEdge(i, size) ? dem[i] : 7);
    }
  }

  @Test
  void epsilonFillClimbsOneUlpPerCellAwayFromTheSpillPoint() {
    // Interior floor 0, rim 10, notch of 2 at (0, 3): the exact fill is a flat at 2; the epsilon fill puts
    // cell c at 2 raised by one ulp per cell of its Chebyshev distance to the notch.
    int size = 7;
    float[] dem = new float[size * size];
    for (int i = 0; i < dem.length; i++) {
      dem[i] = onEdge(i, size) ? 10 : 0;
    }
    dem[3 * size] = 2;
    float[] exact = PriorityFlood.fill(dem, size, size, EXACT);
    float[] epsilon = PriorityFlood.fill(dem, size, size, EPSILON);
    for (int i = 0; i < dem.length; i++) {
      int x = i % size;
      int y = i / size;
      if (dem[i] == 0) {
        assertThat(exact[i]).isEqualTo(2);
        float expected = 2;
        for (int k = Math.max(x, Math.abs(y - 3)); k > 0; k--) {
          expected = Math.nextUp(expected);
        }
        assertThat(epsilon[i]).as("cell %d, %d", x, y).isEqualTo(expected);
      } else {
        assertThat(epsilon[i]).isEqualTo(dem[i]);
      }
    }
  }

  @Test
  void epsilonFillLeavesEveryInnerCellAStrictlyLowerNeighbour() {
    int w = 30;
    int h = 20;
    float[] dem = Dems.random(7, w, h, 4, 0.1);
    float[] filled = PriorityFlood.fill(dem, w, h, EPSILON);
    for (int i = 0; i < dem.length; i++) {
      if (Float.isNaN(dem[i]) || Oracles.isOutlet(dem, w, h, i)) {
        continue;
      }
      boolean lower = false;
      for (int d = 0; d < 8; d++) {
        lower |= filled[(i / w + D8.dy(d)) * w + i % w + D8.dx(d)] < filled[i];
      }
      assertThat(lower).as("cell %d, %d", i % w, i / w).isTrue();
    }
  }

  @Test
  void edgeCasesHaveDefinedResults() {
    assertThat(PriorityFlood.fill(new float[] {N, N, N, N}, 2, 2, EXACT)).containsOnly(N);
    assertThat(PriorityFlood.fill(new float[] {3}, 1, 1, EPSILON)).containsExactly(3);
    float[] strip = {5, 1, 7, 0, 2};
    assertThat(PriorityFlood.fill(strip, 5, 1, EXACT)).as("all edge cells").isEqualTo(strip);
    assertThat(PriorityFlood.fill(strip, 1, 5, EXACT)).isEqualTo(strip);
    float[] flat = new float[25];
    java.util.Arrays.fill(flat, 4);
    assertThat(PriorityFlood.fill(flat, 5, 5, EXACT)).isEqualTo(flat);
    float[] infinite = {9, 9, 9, 9, Float.POSITIVE_INFINITY, 9, 9, 9, 9};
    assertThat(PriorityFlood.fill(infinite, 3, 3, EXACT)).as("non-finite values are nodata")
        .containsExactly(9, 9, 9, 9, N, 9, 9, 9, 9);
    float[] negativeZero = {1, 1, 1, 1, -0.0f, 1, 1, 1, 1};
    assertThat(Float.floatToRawIntBits(PriorityFlood.fill(negativeZero, 3, 3, EXACT)[4]))
        .as("-0.0 is read as 0.0, so equal values have equal bits").isEqualTo(Float.floatToRawIntBits(1f));
  }

  @Test
  void equalsTheFixpointOfItsDefinitionOnRandomTerrain() {
    for (int seed = 0; seed < 40; seed++) {
      int w = 5 + seed % 13;
      int h = 4 + seed % 11;
      float[] dem = Dems.random(seed, w, h, seed % 3 == 0 ? 0 : 3 + seed % 5, seed % 4 * 0.08);
      assertThat(PriorityFlood.fill(dem, w, h, EXACT)).as("seed %d", seed).isEqualTo(Oracles.fill(dem, w, h, false));
      assertThat(PriorityFlood.fill(dem, w, h, EPSILON)).as("seed %d", seed).isEqualTo(Oracles.fill(dem, w, h, true));
    }
  }

  private static boolean onEdge(int i, int size) {
    int x = i % size;
    int y = i / size;
    return x == 0 || y == 0 || x == size - 1 || y == size - 1;
  }

  private static int count(float[] filled, float[] dem) {
    int n = 0;
    for (int i = 0; i < dem.length; i++) {
      if (filled[i] != dem[i]) {
        n++;
      }
    }
    return n;
  }
}
