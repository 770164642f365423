package io.geomill.bench;

import io.geomill.raster.HaloTile;
import io.geomill.terrain.TerrainGrid;
import io.geomill.terrain.TerrainKernel;
import io.geomill.terrain.TerrainOptions;
import io.geomill.terrain.TerrainProduct;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The terrain kernels alone, one thread, in millions of cells per second (JMH's score: one operation is one
 * cell, per microsecond): slope, aspect and hillshade of a 1023 x 1023 tile (the interior of a 1025 x 1025
 * fractal DEM, 30 m cells, 0-2000 m, slopes 0-47 degrees, median 13), the size of a tile of a partitioned DEM. gdaldem's
 * single-thread slope rate, the yardstick, is about 14 Mcells/s.
 *
 * <pre>
 * bench/terrain-kernels.sh                      # all, JMH defaults below
 * bench/terrain-kernels.sh -p gradient=HORN slope -wi 2 -i 3    # any JMH options
 * </pre>
 *
 * The first run in each JVM forks also computes the other products, so the per-row call sites see several
 * products, as in an executor that computes them all.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(TerrainKernelBenchmark.CELLS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TerrainKernelBenchmark {
  static final int SIZE = 1023;
  static final int CELLS = SIZE * SIZE;

  @Param({"HORN", "ZEVENBERGEN_THORNE"})
  public TerrainOptions.Gradient gradient;

  private HaloTile tile;
  private float[] out;
  private TerrainKernel slope;
  private TerrainKernel aspect;
  private TerrainKernel hillshade;

  @Setup
  public void setUp() {
    int raster = SIZE + 2;
    tile = new HaloTile(1, 1, SIZE, SIZE, 1, raster, raster, fractalDem(raster, 42));
    out = new float[CELLS];
    TerrainGrid grid = TerrainGrid.uniform(30, 30);
    TerrainOptions options = TerrainOptions.defaults().withGradient(gradient);
    slope = TerrainKernel.of(TerrainProduct.SLOPE, grid, options);
    aspect = TerrainKernel.of(TerrainProduct.ASPECT, grid, options);
    hillshade = TerrainKernel.of(TerrainProduct.HILLSHADE, grid, options);
    for (TerrainProduct product : TerrainProduct.values()) {
      TerrainKernel.of(product, grid, options).apply(tile, out);
    }
  }

  @Benchmark
  public float[] slope() {
    slope.apply(tile, out);
    return out;
  }

  @Benchmark
  public float[] aspect() {
    aspect.apply(tile, out);
    return out;
  }

  @Benchmark
  public float[] hillshade() {
    hillshade.apply(tile, out);
    return out;
  }

  /**
   * A size x size (size = 2^n + 1) fractal DEM by midpoint displacement (diamond-square), roughness 0.8,
   * rescaled to 0-2000 m.
   */
  static float[] fractalDem(int size, long seed) {
    Random random = new Random(seed);
    double[] z = new double[size * size];
    double amplitude = 1;
    for (int step = size - 1; step > 1; step /= 2, amplitude *= Math.pow(2, -0.8)) {
      int half = step / 2;
      for (int r = half; r < size; r += step) {
        for (int c = half; c < size; c += step) {
          double mean = (z[(r - half) * size + c - half] + z[(r - half) * size + c + half]
              + z[(r + half) * size + c - half] + z[(r + half) * size + c + half]) / 4;
          z[r * size + c] = mean + amplitude * random.nextGaussian();
        }
      }
      for (int r = 0; r < size; r += half) {
        for (int c = (r / half) % 2 == 0 ? half : 0; c < size; c += step) {
          double sum = 0;
          int n = 0;
          int[][] neighbours = {{r - half, c}, {r + half, c}, {r, c - half}, {r, c + half}};
          for (int[] rc : neighbours) {
            if (rc[0] >= 0 && rc[0] < size && rc[1] >= 0 && rc[1] < size) {
              sum += z[rc[0] * size + rc[1]];
              n++;
            }
          }
          z[r * size + c] = sum / n + amplitude * random.nextGaussian();
        }
      }
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    float[] dem = new float[z.length];
    for (int i = 0; i < z.length; i++) {
      dem[i] = (float) (2000 * (z[i] - min) / (max - min));
    }
    return dem;
  }
}
