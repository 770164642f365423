package io.geomill.reproject;

import io.geomill.crs.Wgs84Crs;
import io.geomill.raster.GeoTransform;
import io.geomill.vector.LayerCrs;
import org.geotools.api.referencing.FactoryException;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.api.referencing.operation.TransformException;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.crs.GeographicCRS;
import org.geotools.api.referencing.crs.ProjectedCRS;
import org.geotools.api.referencing.datum.GeodeticDatum;
import org.geotools.referencing.CRS;
import org.geotools.referencing.crs.DefaultGeographicCRS;
import org.geotools.referencing.cs.DefaultEllipsoidalCS;
import org.geotools.referencing.operation.transform.ConcatenatedTransform;

/**
 * GDAL's "GenImgProj" transformer on GeoTools' coordinate operation: between a source raster's pixel/line
 * coordinates and target CRS coordinates (or a target grid's pixel/line coordinates), through the source
 * geotransform, {@link Wgs84Crs#transform} and the target geotransform, with GDAL's own affine arithmetic
 * (including its inverse of a north-up geotransform) so that coordinates agree with gdalwarp's to rounding.
 * Points are x, y pairs in one array, transformed in place; a point that GeoTools cannot transform, or that
 * comes out infinite or NaN, is marked as failed. Not thread-safe (GeoTools transforms are).
 */
final class GridTransform {
  private final double[] source;
  private final double[] sourceInverse;
  private final MathTransform toTarget;
  private final MathTransform toSource;
  /** The points of the batch being transformed, as given. */
  private double[] copy = new double[0];

  private GridTransform(GeoTransform sourceGrid, MathTransform toTarget) throws TransformException {
    this.source = sourceGrid.toArray();
    this.sourceInverse = invert(source);
    this.toTarget = toTarget;
    this.toSource = toTarget.inverse();
  }

  /**
   * @throws WarpException when GeoTools has no coordinate operation between the two CRSs
   */
  static GridTransform of(LayerCrs sourceCrs, GeoTransform sourceGrid, LayerCrs targetCrs) throws WarpException {
    try {
      return new GridTransform(sourceGrid, operation(sourceCrs.toGeoTools(), targetCrs.toGeoTools()));
    } catch (FactoryException | TransformException | RuntimeException e) {
      throw new WarpException("GeoTools has no coordinate operation from " + sourceCrs.label() + " to "
          + targetCrs.label() + ": " + e.getMessage(), e);
    }
  }

  /**
   * GeoTools' operation, except between datums that GeoTools relates by a shift of zero across two ellipsoids
   * (ETRS89 and WGS 84: a geocentric round trip that moves points by millimetres), where, as PROJ does for the
   * EPSG's null transformation, the geographic coordinates are taken as they are.
   */
  private static MathTransform operation(CoordinateReferenceSystem source, CoordinateReferenceSystem target)
      throws FactoryException, TransformException {
    GeographicCRS sourceBase = lonLat(source);
    GeographicCRS targetBase = lonLat(target);
    if (sourceBase != null && targetBase != null
        && !CRS.equalsIgnoreMetadata(sourceBase.getDatum(), targetBase.getDatum())
        && isNullShift(Wgs84Crs.transform(sourceBase, targetBase))) {
      return ConcatenatedTransform.create(Wgs84Crs.transform(source, sourceBase),
          Wgs84Crs.transform(targetBase, target));
    }
    return Wgs84Crs.transform(source, target);
  }

  /** The longitude-latitude CRS on the datum of a geographic or projected CRS, or null. */
  private static GeographicCRS lonLat(CoordinateReferenceSystem crs) {
    GeodeticDatum datum = crs instanceof GeographicCRS geographic ? geographic.getDatum()
        : crs instanceof ProjectedCRS projected ? projected.getBaseCRS().getDatum() : null;
    return datum == null ? null : new DefaultGeographicCRS(datum, DefaultEllipsoidalCS.GEODETIC_2D);
  }

  /** Moves no point by more than 1e-7 degrees (1 cm): a real datum shift moves them by decimetres or more. */
  private static boolean isNullShift(MathTransform datumShift) throws TransformException {
    double[] probes = {0, 0, 10, 50, -100, 40, 140, -30, 30, 70, -60, -50};
    double[] moved = new double[probes.length];
    datumShift.transform(probes, 0, moved, 0, probes.length / 2);
    for (int i = 0; i < probes.length; i++) {
      if (!(Math.abs(moved[i] - probes[i]) < 1e-7)) {
        return false;
      }
    }
    return true;
  }

  /** Source pixel/line to target CRS coordinates. */
  void sourcePixelsToTarget(double[] xy, int count, boolean[] ok) {
    affine(source, xy, count);
    operate(toTarget, xy, count, ok);
  }

  /** Target CRS coordinates to source pixel/line. */
  void targetToSourcePixels(double[] xy, int count, boolean[] ok) {
    operate(toSource, xy, count, ok);
    affine(sourceInverse, xy, count);
  }

  /** Target grid pixel/line (under the target geotransform {@code target}) to source pixel/line. */
  void targetPixelsToSourcePixels(double[] target, double[] xy, int count, boolean[] ok) {
    affine(target, xy, count);
    targetToSourcePixels(xy, count, ok);
  }

  private static void affine(double[] gt, double[] xy, int count) {
    for (int i = 0; i < count; i++) {
      double x = xy[2 * i];
      double y = xy[2 * i + 1];
      xy[2 * i] = gt[0] + x * gt[1] + y * gt[2];
      xy[2 * i + 1] = gt[3] + x * gt[4] + y * gt[5];
    }
  }

  /**
   * A whole batch at once; after a failure, point by point, so one bad point fails alone (from a copy of the
   * points, reused: a tile transforms hundreds of thousands of batches).
   */
  private void operate(MathTransform transform, double[] xy, int count, boolean[] ok) {
    if (copy.length < 2 * count) {
      copy = new double[2 * count];
    }
    double[] in = copy;
    System.arraycopy(xy, 0, in, 0, 2 * count);
    try {
      transform.transform(in, 0, xy, 0, count);
      for (int i = 0; i < count; i++) {
        ok[i] = Double.isFinite(xy[2 * i]) && Double.isFinite(xy[2 * i + 1]);
      }
    } catch (TransformException | RuntimeException batchFailed) {
      double[] point = new double[2];
      for (int i = 0; i < count; i++) {
        try {
          transform.transform(in, 2 * i, point, 0, 1);
          xy[2 * i] = point[0];
          xy[2 * i + 1] = point[1];
          ok[i] = Double.isFinite(point[0]) && Double.isFinite(point[1]);
        } catch (TransformException | RuntimeException e) {
          xy[2 * i] = Double.NaN;
          xy[2 * i + 1] = Double.NaN;
          ok[i] = false;
        }
      }
    }
    for (int i = 0; i < count; i++) {
      if (!ok[i]) {
        xy[2 * i] = Double.NaN;
        xy[2 * i + 1] = Double.NaN;
      }
    }
  }

  /** GDALInvGeoTransform: the exact reciprocal form for a north-up transform, else the adjoint over the determinant. */
  static double[] invert(double[] gt) {
    if (gt[2] == 0 && gt[4] == 0 && gt[1] != 0 && gt[5] != 0) {
      return new double[] {-gt[0] / gt[1], 1.0 / gt[1], 0, -gt[3] / gt[5], 0, 1.0 / gt[5]};
    }
    double det = gt[1] * gt[5] - gt[2] * gt[4];
    double magnitude = Math.max(Math.max(Math.abs(gt[1]), Math.abs(gt[2])),
        Math.max(Math.abs(gt[4]), Math.abs(gt[5])));
    if (Math.abs(det) <= 1e-10 * magnitude * magnitude) {
      throw new IllegalArgumentException("the geotransform " + java.util.Arrays.toString(gt) + " cannot be inverted");
    }
    double inv = 1.0 / det;
    return new double[] {(gt[2] * gt[3] - gt[0] * gt[5]) * inv, gt[5] * inv, -gt[2] * inv,
        (-gt[1] * gt[3] + gt[0] * gt[4]) * inv, -gt[4] * inv, gt[1] * inv};
  }
}
