package io.geomill.bench;

import io.geomill.hydrology.CellGeometry;
import io.geomill.hydrology.FlowAccumulation;
import io.geomill.hydrology.FlowDirectionTile;
import io.geomill.hydrology.InMemoryRaster;
import io.geomill.hydrology.PriorityFlood;
import io.geomill.hydrology.TileGrid;
import io.geomill.hydrology.TiledDriver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The hydrology kernels alone, on one thread, in memory (no file I/O): fill (exact and epsilon), D8 flow
 * directions with flats, D8 accumulation, untiled and through the in-memory {@link TiledDriver}, on a
 * generated DEM (fractal value noise with pits and filled-depression flats everywhere, a valley network from a
 * tilted base). bench/hydrology-kernels.sh runs it.
 *
 * <pre>
 * HydrologyKernelBenchmark [--size 4000] [--tile 1000] [--runs 3] [--seed 20261122] [--only fill,flowdir,...]
 * </pre>
 *
 * {@code --only} runs the kernels named (fill, fill-epsilon, flowdir, accumulation), each with its tiled run.
 * Prints one line per kernel: {@code RESULT kernel=.. cells=.. median_ms=.. min_ms=.. cpu_median_ms=..
 * mcells_per_s=.. mcells_per_cpu_s=..} (medians of the runs; wall time, and this thread's CPU time, which other
 * processes on a shared machine disturb less) and checks that each tiled result equals the untiled one.
 */
public final class HydrologyKernelBenchmark {
  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private HydrologyKernelBenchmark() {}

  public static void main(String[] args) {
    int size = 4000;
    int tile = 1000;
    int runs = 3;
    long seed = 20261122L;
    List<String> only = null;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--only" -> only = List.of(args[i + 1].split(","));
        case "--size" -> size = Integer.parseInt(args[i + 1]);
        case "--tile" -> tile = Integer.parseInt(args[i + 1]);
        case "--runs" -> runs = Integer.parseInt(args[i + 1]);
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    long start = System.nanoTime();
    float[] dem = generate(size, size, seed);
    System.out.printf(Locale.ROOT, "generated %d x %d DEM in %.1f s%n", size, size, (System.nanoTime() - start) / 1e9);
    CellGeometry geometry = CellGeometry.projected(30, 30);
    int w = size;
    int h = size;
    InMemoryRaster raster = new InMemoryRaster(dem, w, h);
    TiledDriver tiled = new TiledDriver(new TileGrid(w, h, tile, tile));
    float[] filled = PriorityFlood.fill(dem, w, h, PriorityFlood.Mode.EXACT);
    InMemoryRaster filledRaster = new InMemoryRaster(filled, w, h);
    byte[] directions = FlowDirectionTile.wholeRaster(filled, w, h, geometry);
    report(filled, dem, directions);

    Map<String, Supplier<Object>> kernels = new LinkedHashMap<>();
    kernels.put("fill", () -> PriorityFlood.fill(dem, w, h, PriorityFlood.Mode.EXACT));
    kernels.put("fill-epsilon", () -> PriorityFlood.fill(dem, w, h, PriorityFlood.Mode.EPSILON));
    kernels.put("flowdir", () -> FlowDirectionTile.wholeRaster(filled, w, h, geometry));
    kernels.put("accumulation", () -> FlowAccumulation.accumulate(directions, w, h, null));
    kernels.put("tiled-fill", () -> tiled.fill(raster, PriorityFlood.Mode.EXACT));
    kernels.put("tiled-fill-epsilon", () -> tiled.fill(raster, PriorityFlood.Mode.EPSILON));
    kernels.put("tiled-flowdir", () -> tiled.flowDirections(filledRaster, geometry));
    kernels.put("tiled-accumulation", () -> tiled.accumulation(directions, null));
    Map<String, Object> untiled = new LinkedHashMap<>();
    for (Map.Entry<String, Supplier<Object>> kernel : kernels.entrySet()) {
      String name = kernel.getKey();
      String reference = name.startsWith("tiled-") ? name.substring("tiled-".length()) : null;
      if (only != null && !only.contains(name) && !(reference != null && only.contains(reference))) {
        continue;
      }
      List<Long> times = new ArrayList<>();
      List<Long> cpuTimes = new ArrayList<>();
      Object result = null;
      for (int run = 0; run < runs; run++) {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        result = kernel.getValue().get();
        times.add(System.nanoTime() - t0);
        cpuTimes.add(THREADS.getCurrentThreadCpuTime() - cpu0);
      }
      String check = "";
      if (reference != null) {
        check = " equals_untiled=" + Arrays.deepEquals(new Object[] {result}, new Object[] {untiled.get(reference)})
            + (tiled.lastRounds() > 0 ? " rounds=" + tiled.lastRounds() : "");
      } else {
        untiled.put(name, result);
      }
      times.sort(null);
      cpuTimes.sort(null);
      double median = times.get(times.size() / 2) / 1e6;
      double cpuMedian = cpuTimes.get(cpuTimes.size() / 2) / 1e6;
      System.out.printf(Locale.ROOT, "RESULT kernel=%s cells=%d median_ms=%.0f min_ms=%.0f cpu_median_ms=%.0f"
          + " mcells_per_s=%.2f mcells_per_cpu_s=%.2f%s%n", name, (long) w * h, median, times.get(0) / 1e6,
          cpuMedian, (double) w * h / median / 1e3, (double) w * h / cpuMedian / 1e3, check);
    }
  }

  private static void report(float[] filled, float[] dem, byte[] directions) {
    long raised = 0;
    long valid = 0;
    for (int i = 0; i < dem.length; i++) {
      if (!Float.isNaN(dem[i])) {
        valid++;
        if (filled[i] != dem[i]) {
          raised++;
        }
      }
    }
    System.out.printf(Locale.ROOT, "valid cells %d, raised by the fill %d (%.1f%%)%n", valid, raised,
        100.0 * raised / valid);
  }

  /**
   * Fractal value noise (8 octaves, wavelengths 1024 down to 8 cells, amplitude halving) on a surface tilted
   * towards one corner, in metres; a ring of nodata cells along part of the border, as around a basin mask.
   */
  static float[] generate(int width, int height, long seed) {
    float[] dem = new float[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double z = 0.02 * x + 0.015 * y;
        double amplitude = 120;
        for (int octave = 0; octave < 8; octave++) {
          double wavelength = 1024 >> octave;
          z += amplitude * noise(seed + octave, x / wavelength, y / wavelength);
          amplitude *= 0.5;
        }
        dem[y * width + x] = (float) (200 + z);
      }
    }
    for (int x = 0; x < width / 3; x++) {
      for (int y = 0; y < 3; y++) {
        dem[y * width + x] = Float.NaN;
      }
    }
    return dem;
  }

  private static double noise(long seed, double x, double y) {
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    double fx = smooth(x - x0);
    double fy = smooth(y - y0);
    double a = lattice(seed, x0, y0);
    double b = lattice(seed, x0 + 1, y0);
    double c = lattice(seed, x0, y0 + 1);
    double d = lattice(seed, x0 + 1, y0 + 1);
    return a + (b - a) * fx + (c - a) * fy + (a - b - c + d) * fx * fy;
  }

  private static double smooth(double t) {
    return t * t * (3 - 2 * t);
  }

  private static double lattice(long seed, int x, int y) {
    long h = seed * 0x9E3779B97F4A7C15L + x * 0xC2B2AE3D27D4EB4FL + y * 0x165667B19E3779F9L;
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    return (h >>> 11) * 0x1.0p-53 * 2 - 1;
  }
}
