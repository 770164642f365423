package io.geomill.hydrology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScratchTest {
  @Test
  void tiledFillEqualsUntiled() {
    java.util.Random r = new java.util.Random(1);
    for (int k = 0; k < 300; k++) {
      int w = 1 + r.nextInt(40), h = 1 + r.nextInt(40);
      int levels = r.nextBoolean() ? 0 : 1 + r.nextInt(6);
      float[] dem = Dems.random(k, w, h, levels, r.nextDouble() * 0.3);
      for (PriorityFlood.Mode mode : PriorityFlood.Mode.values()) {
        float[] untiled = PriorityFlood.fill(dem, w, h, mode);
        TileGrid grid = new TileGrid(w, h, 1 + r.nextInt(w), 1 + r.nextInt(h));
        float[] tiled = new TiledDriver(grid).fill(new InMemoryRaster(dem, w, h), mode);
        assertThat(tiled).as("case %d %s %s", k, mode, grid).isEqualTo(untiled);
      }
    }
  }

  @Test
  void tiledFlowAndAccumulation() {
    java.util.Random r = new java.util.Random(2);
    int maxRounds = 0;
    for (int k = 0; k < 300; k++) {
      int w = 1 + r.nextInt(40), h = 1 + r.nextInt(40);
      int levels = r.nextBoolean() ? 0 : 1 + r.nextInt(6);
      float[] dem = Dems.random(k, w, h, levels, r.nextDouble() * 0.3);
      float[] filled = PriorityFlood.fill(dem, w, h, PriorityFlood.Mode.EXACT);
      CellGeometry g = CellGeometry.projected(1 + r.nextInt(3), 1 + r.nextInt(3));
      byte[] dirs = FlowDirectionTile.wholeRaster(filled, w, h, g);
      TileGrid grid = new TileGrid(w, h, 1 + r.nextInt(w), 1 + r.nextInt(h));
      TiledDriver driver = new TiledDriver(grid);
      byte[] tiled = driver.flowDirections(new InMemoryRaster(filled, w, h), g);
      maxRounds = Math.max(maxRounds, driver.lastRounds());
      assertThat(tiled).as("case %d %s", k, grid).isEqualTo(dirs);
      double[] acc = FlowAccumulation.accumulate(dirs, w, h, null);
      double[] tacc = driver.accumulation(dirs, null);
      assertThat(tacc).as("acc case %d %s", k, grid).isEqualTo(acc);
      long valid = 0; double atOutlets = 0;
      for (int i = 0; i < dirs.length; i++) {
        if (dirs[i] == D8.NODATA) continue;
        valid++;
        assertThat(dirs[i]).isBetween((byte) 0, (byte) 7);
        int x = i % w + D8.dx(dirs[i]), y = i / w + D8.dy(dirs[i]);
        if (x < 0 || y < 0 || x >= w || y >= h || dirs[y * w + x] == D8.NODATA) atOutlets += acc[i];
      }
      assertThat(atOutlets).isEqualTo((double) valid);
    }
    System.out.println("max rounds " + maxRounds);
  }

  static float[] oracle(float[] dem, int w, int h, boolean eps) {
    float[] f = new float[dem.length];
    for (int i = 0; i < f.length; i++) {
      int x = i % w, y = i / w;
      boolean seed = false;
      for (int d = 0; d < 8; d++) { int xx = x + D8.dx(d), yy = y + D8.dy(d); if (xx < 0 || yy < 0 || xx >= w || yy >= h || Float.isNaN(dem[yy*w+xx])) seed = true; }
      f[i] = Float.isNaN(dem[i]) ? Float.NaN : seed ? dem[i] : Float.POSITIVE_INFINITY;
    }
    boolean changed = true;
    while (changed) { changed = false;
      for (int i = 0; i < f.length; i++) {
        if (Float.isNaN(dem[i])) continue;
        int x = i % w, y = i / w; boolean seed = false; float m = Float.POSITIVE_INFINITY;
        for (int d = 0; d < 8; d++) { int xx = x + D8.dx(d), yy = y + D8.dy(d); if (xx < 0 || yy < 0 || xx >= w || yy >= h || Float.isNaN(dem[yy*w+xx])) { seed = true; continue; } m = Math.min(m, f[yy*w+xx]); }
        if (seed) continue;
        float nv = Math.max(dem[i], eps ? Math.nextUp(m) : m);
        if (nv < f[i]) { f[i] = nv; changed = true; }
      }
    }
    return f;
  }

  @Test
  void fillEqualsOracle() {
    java.util.Random r = new java.util.Random(3);
    for (int k = 0; k < 300; k++) {
      int w = 1 + r.nextInt(30), h = 1 + r.nextInt(30);
      int levels = r.nextBoolean() ? 0 : 1 + r.nextInt(6);
      float[] dem = Dems.random(k, w, h, levels, r.nextDouble() * 0.3);
      for (boolean eps : new boolean[] {false, true}) {
        float[] f = PriorityFlood.fill(dem, w, h, eps ? PriorityFlood.Mode.EPSILON : PriorityFlood.Mode.EXACT);
        assertThat(f).as("case %d eps %s", k, eps).isEqualTo(oracle(dem, w, h, eps));
      }
    }
  }
}
