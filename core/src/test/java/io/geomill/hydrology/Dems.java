package io.geomill.hydrology;

import java.util.Random;

/** DEMs made for the tests: hand-built shapes with known answers, and seeded random terrain. */
final class Dems {
  private Dems() {}

  /**
   * Random terrain: smoothed noise with many pits, optionally rounded to whole units (plateaus and flats
   * everywhere, like integer DEMs), with blobs of nodata.
   *
   * @param levels   0 for continuous values, else the number of distinct elevations
   * @param nodata   fraction of cells (roughly) in nodata blobs
   */
  static float[] random(long seed, int width, int height, int levels, double nodata) {
    Random random = new Random(seed);
    float[] noise = new float[width * height];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = random.nextFloat();
    }
    float[] dem = new float[noise.length];
    int radius = 1 + random.nextInt(2);
    double tiltX = random.nextGaussian() * 0.02;
    double tiltY = random.nextGaussian() * 0.02;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double sum = 0;
        int n = 0;
        for (int dy = -radius; dy <= radius; dy++) {
          for (int dx = -radius; dx <= radius; dx++) {
            int xx = x + dx;
            int yy = y + dy;
            if (xx >= 0 && yy >= 0 && xx < width && yy < height) {
              sum += noise[yy * width + xx];
              n++;
            }
          }
        }
        double v = sum / n + tiltX * x + tiltY * y;
        dem[y * width + x] = levels > 0 ? (float) Math.floor(v * levels) : (float) (v * 100);
      }
    }
    int blobs = (int) Math.round(nodata * width * height / 6.0);
    for (int b = 0; b < blobs; b++) {
      int cx = random.nextInt(width);
      int cy = random.nextInt(height);
      int r = random.nextInt(3);
      for (int y = Math.max(0, cy - r); y <= Math.min(height - 1, cy + r); y++) {
        for (int x = Math.max(0, cx - r); x <= Math.min(width - 1, cx + r); x++) {
          if (random.nextInt(3) > 0) {
            dem[y * width + x] = Float.NaN;
          }
        }
      }
    }
    return dem;
  }
}
