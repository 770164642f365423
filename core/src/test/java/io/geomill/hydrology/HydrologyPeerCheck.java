package io.geomill.hydrology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The kernels against other tools' published results, which may not be copied into this repository (GPL or
 * unlicensed): run by bench/hydrology-peers.sh over the shared data folder, never by the test suite. Prints
 * one {@code PEER} line per comparison (cells equal and differing, largest difference) and exits 1 when a
 * comparison the issue calls exact is not.
 *
 * <pre>HydrologyPeerCheck DATA_FOLDER</pre>
 */
public final class HydrologyPeerCheck {
  /** RichDEM's D8 codes (1 = W, then clockwise: NW, N, NE, E, SE, S, SW; 0 = no flow) as internal directions. */
  private static final byte[] RICHDEM = {D8.SINK, D8.W, D8.NW, D8.N, D8.NE, D8.E, D8.SE, D8.S, D8.SW};

  private final List<String> failures = new ArrayList<>();

  private HydrologyPeerCheck() {}

  public static void main(String[] args) throws IOException {
    Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
    HydrologyPeerCheck check = new HydrologyPeerCheck();
    check.taudemFill(data.resolve("taudem-test-data"));
    check.taudemAreaD8(data.resolve("taudem-test-data"));
    check.richdemFlowAccumulation(data.resolve("richdem/flow_accum"));
    check.pyshedsAccumulation(data.resolve("pysheds/dir.asc"));
    if (!check.failures.isEmpty()) {
      System.out.println("NOT EXACT: " + String.join(", ", check.failures));
      System.exit(1);
    }
    System.out.println("all comparisons exact");
  }

  /** TauDEM PitRemove of MED_01_01.tif (Int16, 10 m) against our exact fill, untiled and tiled. */
  private void taudemFill(Path folder) throws IOException {
    TestRasters dem = TestRasters.read(folder.resolve("MED_01_01.tif"));
    TestRasters reference = TestRasters.read(folder.resolve("MED_01_01fel.tif"));
    int w = dem.width();
    int h = dem.height();
    float[] filled = PriorityFlood.fill(dem.values(), w, h, PriorityFlood.Mode.EXACT);
    float[] tiled = new TiledDriver(new TileGrid(w, h, 100, 77)).fill(dem.raster(), PriorityFlood.Mode.EXACT);
    compare("taudem-pitremove MED_01_01 (untiled)", toDouble(filled), toDouble(reference.values()), true);
    compare("taudem-pitremove MED_01_01 (tiles 100x77)", toDouble(tiled), toDouble(reference.values()), true);
    System.out.printf(Locale.ROOT, "      cells raised: TauDEM %d, GeoMill %d%n", raised(dem.values(), reference.values()),
        raised(dem.values(), filled));
  }

  /** TauDEM AreaD8 (loganad8.tif) of TauDEM's D8 directions (loganp.tif), on the cells TauDEM gives a value. */
  private void taudemAreaD8(Path folder) throws IOException {
    TestRasters directions = TestRasters.read(folder.resolve("loganp.tif"));
    TestRasters reference = TestRasters.read(folder.resolve("loganad8.tif"));
    int w = directions.width();
    int h = directions.height();
    float[] codes = directions.values();
    FlowCodes set = FlowCodes.detect(FlowCodes.census(codes)).orElseThrow();
    System.out.println("      loganp.tif codes detected: " + set);
    byte[] dirs = set.decode(codes, w, 0, 0);
    double[] acc = FlowAccumulation.accumulate(dirs, w, h, null);
    double[] tiled = new TiledDriver(new TileGrid(w, h, 128, 200)).accumulation(dirs, null);
    double[] expected = toDouble(reference.values());
    double[] onValid = acc.clone();
    int contaminated = 0;
    for (int i = 0; i < expected.length; i++) {
      if (Double.isNaN(expected[i])) {
        onValid[i] = Double.NaN; // TauDEM leaves cells whose area may reach past the data edge without a value
        contaminated += dirs[i] == D8.NODATA ? 0 : 1;
      }
    }
    compare("taudem-aread8 logan (cells TauDEM values)", onValid, expected, true);
    compare("taudem-aread8 logan, tiles 128x200 vs untiled", tiled, acc, true);
    System.out.printf(Locale.ROOT, "      valid cells without a TauDEM value (edge contamination): %d%n", contaminated);
  }

  /** RichDEM's hand-made flow-accumulation test grids: its D8 directions and expected accumulations. */
  private void richdemFlowAccumulation(Path folder) throws IOException {
    List<Path> grids;
    try (var files = Files.list(folder)) {
      grids = files.filter(p -> p.toString().endsWith(".d8")).sorted().toList();
    }
    int exact = 0;
    for (Path d8 : grids) {
      String name = d8.getFileName().toString().replace(".d8", "");
      AsciiGrid codes = AsciiGrid.read(d8);
      AsciiGrid expected = AsciiGrid.read(folder.resolve(name + ".out"));
      byte[] dirs = new byte[codes.values.length];
      for (int i = 0; i < dirs.length; i++) {
        double v = codes.values[i];
        dirs[i] = v == codes.nodata ? D8.NODATA : RICHDEM[(int) v];
      }
      double[] acc = FlowAccumulation.accumulate(dirs, codes.width, codes.height, null);
      double[] want = expected.values.clone();
      for (int i = 0; i < want.length; i++) {
        want[i] = want[i] == expected.nodata ? Double.NaN : want[i];
      }
      exact += compare("richdem-flow_accum " + name, acc, want, true) ? 1 : 0;
    }
    System.out.printf(Locale.ROOT, "      RichDEM grids identical: %d of %d%n", exact, grids.size());
  }

  /**
   * pysheds' D8 directions (ESRI codes, 255 nodata): its own test expects a largest accumulation of 77261.
   * pysheds sends a corner cell that points out of the raster along a row to the cell its flat index + 1 is
   * (the next row's first cell): the top-right corner of dir.asc points E, so pysheds counts it into the
   * path of cell (col 0, row 1). Here it is an outlet, as any cell pointing off the raster. The check: our
   * largest value plus that corner, when (col 0, row 1) drains to the cell of the largest value.
   */
  private void pyshedsAccumulation(Path file) throws IOException {
    AsciiGrid grid = AsciiGrid.read(file);
    float[] codes = new float[grid.values.length];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = grid.values[i] == grid.nodata ? Float.NaN : (float) grid.values[i];
    }
    int w = grid.width;
    byte[] dirs = FlowCodes.ESRI.decode(codes, w, 0, 0);
    double[] acc = FlowAccumulation.accumulate(dirs, w, grid.height, null);
    int outlet = 0;
    for (int i = 0; i < acc.length; i++) {
      outlet = acc[i] > acc[outlet] ? i : outlet;
    }
    int c = w; // column 0, row 1: where pysheds sends the top-right corner
    int last = c;
    while (c >= 0) {
      last = c;
      c = Oracles.target(dirs, w, grid.height, c);
    }
    boolean cornerOut = dirs[w - 1] == D8.E;
    boolean wrapsIntoOutlet = cornerOut && last == outlet;
    double pysheds = acc[outlet] + (wrapsIntoOutlet ? 1 : 0);
    boolean ok = pysheds == 77261;
    System.out.printf(Locale.ROOT, "PEER pysheds-accumulation dir.asc: max=%.0f at column %d, row %d; expected 77261;"
        + " top-right corner points E: %s, pysheds' wrap target (col 0, row 1) drains to that cell: %s;"
        + " max with pysheds' corner rule=%.0f %s%n", acc[outlet], outlet % w, outlet / w, cornerOut, wrapsIntoOutlet,
        pysheds, ok ? "equal (difference explained)" : "DIFFERENT");
    if (!ok) {
      failures.add("pysheds");
    }
  }

  private boolean compare(String what, double[] actual, double[] expected, boolean mustBeExact) {
    long compared = 0;
    long equal = 0;
    long differing = 0;
    long validityDiffers = 0;
    double maxDiff = 0;
    for (int i = 0; i < expected.length; i++) {
      boolean a = Double.isNaN(actual[i]);
      boolean e = Double.isNaN(expected[i]);
      if (a || e) {
        validityDiffers += a == e ? 0 : 1;
        continue;
      }
      compared++;
      if (actual[i] == expected[i]) {
        equal++;
      } else {
        differing++;
        maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
      }
    }
    boolean exact = differing == 0 && validityDiffers == 0;
    System.out.printf(Locale.ROOT, "PEER %s: compared=%d equal=%d differing=%d max_abs_diff=%s nodata_mismatch=%d %s%n",
        what, compared, equal, differing, maxDiff, validityDiffers, exact ? "exact" : "NOT EXACT");
    if (!exact && mustBeExact) {
      failures.add(what);
    }
    return exact;
  }

  private static double[] toDouble(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  private static long raised(float[] dem, float[] filled) {
    long n = 0;
    for (int i = 0; i < dem.length; i++) {
      n += filled[i] > dem[i] ? 1 : 0;
    }
    return n;
  }

  /** An Esri ASCII grid (header lines, then values), as RichDEM's and pysheds' test grids are written. */
  private record AsciiGrid(int width, int height, double nodata, double[] values) {
    static AsciiGrid read(Path file) throws IOException {
      String[] tokens = Files.readString(file).trim().split("\\s+");
      int width = 0;
      int height = 0;
      double nodata = Double.NaN;
      int at = 0;
      while (at < tokens.length && Character.isLetter(tokens[at].charAt(0))) {
        String key = tokens[at].toLowerCase(Locale.ROOT);
        String value = tokens[at + 1];
        switch (key) {
          case "ncols" -> width = Integer.parseInt(value);
          case "nrows" -> height = Integer.parseInt(value);
          case "nodata_value" -> nodata = Double.parseDouble(value);
          default -> { }
        }
        at += 2;
      }
      double[] values = new double[width * height];
      if (tokens.length - at != values.length) {
        throw new IOException(file + ": " + (tokens.length - at) + " values for " + width + " x " + height);
      }
      for (int i = 0; i < values.length; i++) {
        values[i] = Double.parseDouble(tokens[at + i]);
      }
      return new AsciiGrid(width, height, nodata, values);
    }
  }
}
