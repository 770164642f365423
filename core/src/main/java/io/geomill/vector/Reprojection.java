package io.geomill.vector;

import io.geomill.crs.Wgs84Crs;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.sedona_sql.UDT.GeometryUDT;
import org.geotools.api.referencing.FactoryException;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.api.referencing.operation.TransformException;
import org.geotools.geometry.jts.JTS;
import org.geotools.referencing.CRS;
import org.geotools.referencing.ReferencingFactoryFinder;
import org.geotools.util.factory.Hints;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * A geometry column from one CRS to another, computed as Sedona's {@code ST_Transform(g, from, to)} computes it:
 * the same CRSs (an EPSG code decoded longitude first, or WKT read with longitude first forced), GeoTools'
 * lenient math transform between them, {@code JTS.transform}, the target's EPSG code as SRID. The difference is
 * where the work is done: {@code ST_Transform} decodes both CRSs, compares them and looks the transform up for
 * every row (and parses a WKT CRS every row, after a failed EPSG lookup); this finds the transform once per JVM.
 */
public final class Reprojection implements UDF1<Geometry, Geometry> {
  private static final long serialVersionUID = 1L;

  private final String from;
  private final String to;
  private final int targetSrid;
  private transient MathTransform transform;

  private Reprojection(LayerCrs from, LayerCrs to) {
    this.from = from.sedonaCode();
    this.to = to.sedonaCode();
    this.targetSrid = to.epsg() == null ? 0 : to.epsg();
  }

  /** {@code geometry} in CRS {@code to}; the column itself when {@code from} is {@code to}. */
  public static Column column(Column geometry, LayerCrs from, LayerCrs to) {
    Reprojection reprojection = between(from, to);
    return reprojection == null ? geometry : functions.udf(reprojection, new GeometryUDT()).apply(geometry);
  }

  /** The reprojection for use inside other Spark functions (serializable); null when {@code from} is {@code to}. */
  public static Reprojection between(LayerCrs from, LayerCrs to) {
    return from.sedonaCode().equals(to.sedonaCode()) ? null : new Reprojection(from, to);
  }

  @Override
  public Geometry call(Geometry geometry) throws TransformException, FactoryException {
    if (geometry == null) {
      return null;
    }
    Geometry transformed = geometry instanceof Point point ? transformed(point) : JTS.transform(geometry, transform());
    transformed.setSRID(targetSrid);
    transformed.setUserData(geometry.getUserData());
    return transformed;
  }

  /**
   * A point as {@code JTS.transform} transforms it (its x and y through the transform, z kept), without the
   * sequence transformer and copies {@code JTS.transform} makes for every geometry: one point per row is the
   * proximity job's per-row reprojection.
   */
  private Point transformed(Point point) throws TransformException, FactoryException {
    if (point.isEmpty()) {
      return (Point) point.copy();
    }
    double[] xy = {point.getX(), point.getY()};
    transform().transform(xy, 0, xy, 0, 1);
    return point.getFactory().createPoint(new Coordinate(xy[0], xy[1], point.getCoordinate().getZ()));
  }

  private MathTransform transform() throws FactoryException {
    if (transform == null) {
      transform = Wgs84Crs.transform(crs(from), crs(to)); // once per task's copy
    }
    return transform;
  }

  /** As Sedona parses a CRS argument: an authority code, else WKT, longitude first either way. */
  private static CoordinateReferenceSystem crs(String code) throws FactoryException {
    if (code.matches("(?i)EPSG:\\d+")) {
      return LayerCrs.decodeLonLat(Integer.parseInt(code.substring(code.indexOf(':') + 1)));
    }
    if (code.matches("(?i)[a-z]+:\\d+")) {
      return CRS.decode(code, true);
    }
    return ReferencingFactoryFinder.getCRSFactory(new Hints(Hints.FORCE_LONGITUDE_FIRST_AXIS_ORDER, Boolean.TRUE))
        .createFromWKT(code);
  }
}
