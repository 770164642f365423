package io.geomill.reproject;

import io.geomill.raster.GeoTransform;
import io.geomill.raster.RasterInfo;
import io.geomill.vector.LayerCrs;
import java.io.Serializable;

/**
 * The grid a raster is reprojected onto: its size, geotransform (north-up) and CRS, computed as gdalwarp 3.6
 * computes it.
 *
 * <ul>
 *   <li>{@link #suggested}: GDALSuggestedWarpOutput2 (alg/gdaltransformer.cpp): the source's edges sampled
 *       (20 to 100 steps per side), transformed, and the target extent their bounds; if any point fails, or does
 *       not transform back, a grid of (steps + 1)^2 points over the whole raster instead. Square cells whose size
 *       keeps the number of cells along the diagonal from the source's top-left to its bottom-right corner;
 *       cell counts rounded; then the cell size shrunk by up to one cell over the whole width (height) when the
 *       right (bottom) border would map entirely outside the source.</li>
 *   <li>{@link #withResolution}: gdalwarp -tr: the suggested extent, its left and top edges kept, the cell
 *       counts rounded from the extent divided by the resolution.</li>
 *   <li>{@link #snappedTo}: a reference raster's cell size, CRS and cell lattice (its origin plus whole cells),
 *       the suggested extent grown outwards to the lattice: gdalwarp -tap generalised to any origin.</li>
 * </ul>
 */
public record WarpGrid(int width, int height, GeoTransform geoTransform, LayerCrs crs) implements Serializable {
  private static final int PIXEL_STEP = 50;
  private static final int MIN_STEPS = 20;
  private static final int MAX_STEPS = 100;
  private static final int DISCONTINUITY_ITERATIONS = 16;
  private static final double[] BORDER_RATIOS = {0.000, 0.001, 0.010, 0.100, 1.000};

  public WarpGrid {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("a grid of " + width + " x " + height + " cells");
    }
  }

  /** A raster's own grid (for {@code --align}): it must have a CRS and be north-up. */
  public static WarpGrid of(RasterInfo raster) throws WarpException {
    if (raster.crs() == null) {
      throw new WarpException(raster.name() + ": has no CRS, so its grid cannot be aligned to");
    }
    if (raster.geoTransform().isRotated() || raster.geoTransform().pixelHeight() >= 0) {
      throw new WarpException(raster.name() + ": is not north-up (its geotransform is "
          + java.util.Arrays.toString(raster.geoTransform().toArray()) + "), so its grid cannot be aligned to");
    }
    return new WarpGrid(raster.width(), raster.height(), raster.geoTransform(), raster.crs());
  }

  public long cells() {
    return (long) width * height;
  }

  /** The grid gdalwarp makes for {@code source} in {@code target} without -tr, -te or -ts. */
  static WarpGrid suggested(RasterInfo source, LayerCrs target, GridTransform transform) throws WarpException {
    Suggestion s = suggest(source.width(), source.height(), transform, source.name() + " in " + target.label());
    // gdalwarp turns the extent and resolution back into a grid (GDALWarpCreateOutput)
    int pixels = (int) ((s.maxX - s.minX) / s.sizeX + 0.5);
    int lines = (int) ((s.maxY - s.minY) / s.sizeY + 0.5);
    return checked(pixels, lines, new GeoTransform(s.minX, s.sizeX, 0, s.maxY, 0, -s.sizeY), target, source);
  }

  /** gdalwarp -tr R R on top of the suggested grid. */
  WarpGrid withResolution(double resolution, RasterInfo source) throws WarpException {
    double minX = geoTransform.originX();
    double maxX = minX + geoTransform.pixelWidth() * width;
    double maxY = geoTransform.originY();
    double minY = maxY + geoTransform.pixelHeight() * height;
    double pixels = (maxX - minX + resolution / 2.0) / resolution;
    double lines = (Math.abs(maxY - minY) + resolution / 2.0) / resolution;
    return checked(pixels, lines, new GeoTransform(minX, resolution, 0, maxY, 0, -resolution), crs, source);
  }

  /** The suggested extent grown to whole cells of {@code reference}'s lattice, in its CRS and cell size. */
  WarpGrid snappedTo(WarpGrid reference, RasterInfo source) throws WarpException {
    GeoTransform ref = reference.geoTransform();
    double rx = ref.pixelWidth();
    double ry = -ref.pixelHeight();
    double minX = geoTransform.originX();
    double maxX = minX + geoTransform.pixelWidth() * width;
    double maxY = geoTransform.originY();
    double minY = maxY + geoTransform.pixelHeight() * height;
    double left = ref.originX() + Math.floor((minX - ref.originX()) / rx + 1e-8) * rx;
    double right = ref.originX() + Math.ceil((maxX - ref.originX()) / rx - 1e-8) * rx;
    double top = ref.originY() + Math.ceil((maxY - ref.originY()) / ry - 1e-8) * ry;
    double bottom = ref.originY() + Math.floor((minY - ref.originY()) / ry + 1e-8) * ry;
    return checked(Math.rint((right - left) / rx), Math.rint((top - bottom) / ry),
        new GeoTransform(left, rx, 0, top, 0, -ry), reference.crs(), source);
  }

  private static WarpGrid checked(double pixels, double lines, GeoTransform grid, LayerCrs crs, RasterInfo source)
      throws WarpException {
    if (!(pixels >= 1 && lines >= 1 && pixels <= Integer.MAX_VALUE && lines <= Integer.MAX_VALUE)) {
      throw new WarpException(source.name() + ": the target grid in " + crs.label() + " would be "
          + (long) pixels + " x " + (long) lines + " cells: the raster cannot be mapped onto it");
    }
    return new WarpGrid((int) pixels, (int) lines, grid, crs);
  }

  private record Suggestion(double minX, double minY, double maxX, double maxY, double sizeX, double sizeY) {}

  /** GDALSuggestedWarpOutput2, with the source's pixel/line to target coordinates as the transformer. */
  private static Suggestion suggest(int inX, int inY, GridTransform transform, String what) throws WarpException {
    int steps = (int) ((double) Math.min(inY, inX) / PIXEL_STEP + 0.5);
    steps = Math.min(Math.max(steps, MIN_STEPS), MAX_STEPS);
    double step = 1.0 / steps;
    int perSide = steps + 1;
    int edgePoints = 4 * perSide;
    double[] xy = new double[2 * edgePoints];
    for (int i = 0; i <= steps; i++) {
      double ratio = i == steps ? 1.0 : i * step;
      set(xy, i, ratio * inX, 0);                      // top
      set(xy, perSide + i, ratio * inX, inY);          // bottom
      set(xy, 2 * perSide + i, 0, ratio * inY);        // left
      set(xy, 3 * perSide + i, inX, ratio * inY);      // right
    }
    boolean[] ok = new boolean[edgePoints];
    transform.sourcePixelsToTarget(xy, edgePoints, ok);
    boolean failed = !all(ok, edgePoints) || !revertible(xy, edgePoints, steps, step, inX, inY, transform);
    int count = edgePoints;
    if (failed) {
      count = perSide * perSide;
      xy = new double[2 * count];
      int n = 0;
      for (int i = 0; i <= steps; i++) {
        double ratio = i == steps ? 1.0 : i * step;
        for (int j = 0; j <= steps; j++) {
          double ratio2 = j == steps ? 1.0 : j * step;
          set(xy, n++, ratio2 * inX, ratio * inY);
        }
      }
      ok = new boolean[count];
      transform.sourcePixelsToTarget(xy, count, ok);
    }
    Bounds bounds = new Bounds();
    int failures = 0;
    double[] probe = new double[2];
    boolean[] probeOk = new boolean[1];
    for (int i = 0; i < count; i++) {
      int xi;
      int yi;
      if (failed) {
        xi = i % perSide;
        yi = i / perSide;
      } else if (i < 2 * perSide) {
        xi = i % perSide;
        yi = i < perSide ? 0 : steps;
      } else {
        xi = 0;
        yi = 0;
      }
      if (xi > 0 && (ok[i - 1] || ok[i])) {
        // a sign change of x between neighbours (or a failure): bisect towards the discontinuity
        double outBefore = xy[2 * (i - 1)];
        double outAfter = xy[2 * i];
        double inBefore = (double) (xi - 1) * inX / steps;
        double inAfter = (double) xi * inX / steps;
        boolean validBefore = ok[i - 1];
        boolean validAfter = ok[i];
        for (int iteration = 0; (!validBefore || !validAfter || outBefore * outAfter < 0.0)
            && iteration < DISCONTINUITY_ITERATIONS; iteration++) {
          probe[0] = (inBefore + inAfter) / 2.0;
          probe[1] = (double) yi * inY / steps;
          transform.sourcePixelsToTarget(probe, 1, probeOk);
          if (!probeOk[0]) {
            if (!validBefore) {
              inBefore = (inBefore + inAfter) / 2.0;
            } else if (!validAfter) {
              inAfter = (inBefore + inAfter) / 2.0;
            } else {
              break;
            }
          } else {
            bounds.add(probe[0], probe[1]);
            if (!validBefore || outBefore * probe[0] < 0) {
              validAfter = true;
              inAfter = (inBefore + inAfter) / 2.0;
              outAfter = probe[0];
            } else {
              validBefore = true;
              outBefore = probe[0];
              inBefore = (inBefore + inAfter) / 2.0;
            }
          }
        }
      }
      if (!ok[i]) {
        failures++;
        continue;
      }
      bounds.add(xy[2 * i], xy[2 * i + 1]);
    }
    if (failures > count - 10 || !bounds.any) {
      throw new WarpException(what + ": " + failures + " of " + count + " sample points of the raster cannot be "
          + "transformed: the raster lies outside the area the target CRS can represent");
    }
    double deltaX = 0;
    double deltaY = 0;
    if (ok[0] && ok[count - 1]) {
      deltaX = xy[2 * (count - 1)] - xy[0];
      deltaY = xy[2 * (count - 1) + 1] - xy[1];
    }
    if (deltaX == 0.0 || deltaY == 0.0) {
      deltaX = bounds.maxX - bounds.minX;
      deltaY = bounds.maxY - bounds.minY;
    }
    double diagonal = Math.sqrt(deltaX * deltaX + deltaY * deltaY);
    double pixelSize = diagonal / Math.sqrt((double) inX * inX + (double) inY * inY);
    double pixels = (bounds.maxX - bounds.minX) / pixelSize;
    double lines = (bounds.maxY - bounds.minY) / pixelSize;
    if (!(pixelSize > 0) || !(pixels < Integer.MAX_VALUE - 1) || !(lines < Integer.MAX_VALUE - 1)) {
      throw new WarpException(what + ": the target grid would be " + (long) (pixels + 0.5) + " x "
          + (long) (lines + 0.5) + " cells: the raster cannot be mapped onto it");
    }
    int nPixels = (int) (pixels + 0.5);
    int nLines = (int) (lines + 0.5);
    if (nPixels < 1 || nLines < 1) {
      throw new WarpException(what + ": the raster maps onto less than one cell");
    }
    double sizeX = pixelSize;
    double sizeY = pixelSize;
    for (double ratio : BORDER_RATIOS) {
      double tryX = sizeX - sizeX * ratio / nPixels;
      if (!rightBorderOutside(transform, bounds.minX + nPixels * tryX, bounds.maxY, nLines, tryX, sizeY)) {
        sizeX = tryX;
        break;
      }
    }
    for (double ratio : BORDER_RATIOS) {
      double tryY = sizeY - sizeY * ratio / nLines;
      if (!bottomBorderOutside(transform, bounds.minX, bounds.maxY - nLines * tryY, nPixels, sizeX, tryY)) {
        sizeY = tryY;
        break;
      }
    }
    double maxX = bounds.minX + nPixels * sizeX;
    double minY = bounds.maxY - nLines * sizeY;
    return new Suggestion(bounds.minX, minY, maxX, bounds.maxY, sizeX, sizeY);
  }

  /** The edge points transform back within a step of where they came from (else the grid is sampled). */
  private static boolean revertible(double[] transformed, int count, int steps, double step, int inX, int inY,
      GridTransform transform) {
    double[] back = java.util.Arrays.copyOf(transformed, 2 * count);
    boolean[] ok = new boolean[count];
    transform.targetToSourcePixels(back, count, ok);
    int perSide = steps + 1;
    for (int i = 0; i < count; i++) {
      if (!ok[i]) {
        return false;
      }
      double ratio = (i % perSide) * step;
      if (ratio > 0.99) {
        ratio = 1.0;
      }
      double expectedX;
      double expectedY;
      if (i < perSide) {
        expectedX = ratio * inX;
        expectedY = 0;
      } else if (i < 2 * perSide) {
        expectedX = ratio * inX;
        expectedY = inY;
      } else if (i < 3 * perSide) {
        expectedX = 0;
        expectedY = ratio * inY;
      } else {
        expectedX = inX;
        expectedY = ratio * inY;
      }
      if (Math.abs(back[2 * i] - expectedX) > inX / (double) steps
          || Math.abs(back[2 * i + 1] - expectedY) > inY / (double) steps) {
        return false;
      }
    }
    return true;
  }

  /** GDALSuggestedWarpOutput2_MustAdjustForRightBorder: every point of the right border misses the source. */
  private static boolean rightBorderOutside(GridTransform transform, double maxX, double maxY, int lines,
      double sizeX, double sizeY) {
    return borderOutside(transform, true, maxX, maxY, lines, sizeX, sizeY);
  }

  /** GDALSuggestedWarpOutput2_MustAdjustForBottomBorder. */
  private static boolean bottomBorderOutside(GridTransform transform, double minX, double minY, int pixels,
      double sizeX, double sizeY) {
    return borderOutside(transform, false, minX, minY, pixels, sizeX, sizeY);
  }

  /**
   * 21 points along the right border (down from (x, y)) or the bottom one (right from (x, y)), {@code cells}
   * cells long, transformed to the source and back: true if none comes back within a cell of where it was.
   */
  private static boolean borderOutside(GridTransform transform, boolean right, double x, double y, int cells,
      double sizeX, double sizeY) {
    double[] xy = new double[2 * 21];
    int n = 0;
    for (double ratio = 0.0; ratio <= 1.01; ratio += 0.05) {
      if (ratio > 0.99) {
        ratio = 1.0;
      }
      set(xy, n++, borderX(right, x, sizeX, ratio, cells), borderY(right, y, sizeY, ratio, cells));
    }
    roundTrip(transform, xy, n);
    int bad = 0;
    int i = 0;
    // as GDAL: the second pass does not clamp the last ratio to 1
    for (double ratio = 0.0; ratio <= 1.01; ratio += 0.05) {
      if (Math.abs(xy[2 * i] - borderX(right, x, sizeX, ratio, cells)) > sizeX
          || Math.abs(xy[2 * i + 1] - borderY(right, y, sizeY, ratio, cells)) > sizeY) {
        bad++;
      }
      i++;
    }
    return bad == i;
  }

  private static double borderX(boolean right, double x, double sizeX, double ratio, int cells) {
    return right ? x : x + sizeX * ratio * cells;
  }

  private static double borderY(boolean right, double y, double sizeY, double ratio, int cells) {
    return right ? y - sizeY * ratio * cells : y;
  }

  /**
   * Target to source pixels and back. GeoTools fails points one by one: a failed point comes back as NaN and
   * counts as missing the source, where GDAL's PROJ leaves a huge value that misses it too.
   */
  private static void roundTrip(GridTransform transform, double[] xy, int n) {
    boolean[] ok = new boolean[n];
    transform.targetToSourcePixels(xy, n, ok);
    transform.sourcePixelsToTarget(xy, n, ok);
  }

  private static boolean all(boolean[] ok, int n) {
    for (int i = 0; i < n; i++) {
      if (!ok[i]) {
        return false;
      }
    }
    return true;
  }

  private static void set(double[] xy, int i, double x, double y) {
    xy[2 * i] = x;
    xy[2 * i + 1] = y;
  }

  private static final class Bounds {
    boolean any;
    double minX;
    double minY;
    double maxX;
    double maxY;

    void add(double x, double y) {
      if (!any) {
        any = true;
        minX = maxX = x;
        minY = maxY = y;
      } else {
        minX = Math.min(minX, x);
        minY = Math.min(minY, y);
        maxX = Math.max(maxX, x);
        maxY = Math.max(maxY, y);
      }
    }
  }
}
