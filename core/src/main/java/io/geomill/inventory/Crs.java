package io.geomill.inventory;

import io.geomill.crs.Wgs84Crs;
import io.geomill.vector.LayerCrs;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import org.geotools.api.referencing.FactoryException;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.crs.EngineeringCRS;
import org.geotools.api.referencing.crs.GeographicCRS;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.geometry.jts.JTS;
import org.geotools.referencing.CRS;
import org.locationtech.jts.densify.Densifier;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.WKTWriter;

/** CRS chores shared by all describers: naming a CRS, reading a .prj, placing bounds on the globe. */
final class Crs {
  private Crs() {}

  private static final GeometryFactory GEOMETRIES = new GeometryFactory();

  /** Edges of projected bounds are curves in lon/lat: this many segments per edge approximate them. */
  private static final int SEGMENTS_PER_EDGE = 16;

  private static volatile CoordinateReferenceSystem lonLat;

  /**
   * The CRS of a {@code .prj} sidecar, or null (with a problem) when there is none or it cannot be parsed.
   * Esri's WKT flavour is what .prj files mostly hold; GeoTools reads it.
   */
  static CoordinateReferenceSystem fromPrj(LocalDataset dataset, FileDescription.Builder out) throws IOException {
    Optional<File> prj = dataset.sidecar(".prj");
    if (prj.isEmpty()) {
      return null;
    }
    String wkt = Files.readString(prj.get().toPath(), StandardCharsets.ISO_8859_1).strip();
    try {
      return CRS.parseWKT(wkt);
    } catch (FactoryException | RuntimeException e) {
      out.problem("unreadable CRS in " + dataset.sidecarName(".prj") + ": " + e.getMessage());
      return null;
    }
  }

  /**
   * Fills in the CRS columns, the bounds and the footprint. A missing or local (engineering) CRS is a problem,
   * worded with {@code missingHint} (e.g. "(.prj missing)").
   */
  static void describe(CoordinateReferenceSystem crs, Envelope bounds, String missingHint,
      FileDescription.Builder out) {
    if (bounds != null && !bounds.isNull()) {
      out.bounds(bounds.getMinX(), bounds.getMinY(), bounds.getMaxX(), bounds.getMaxY());
    }
    if (crs == null) {
      out.problem(missingHint.isEmpty() ? "no CRS" : "no CRS " + missingHint);
      return;
    }
    out.crs(label(crs), wkt(crs));
    if (crs instanceof EngineeringCRS) {
      out.problem("local engineering CRS \"" + crs.getName().getCode() + "\": the data cannot be placed on the"
          + " globe");
      return;
    }
    if (bounds != null && !bounds.isNull()) {
      out.footprint(footprint(crs, bounds, out));
    }
  }

  /** A CRS that exists but says nothing about where on Earth the data is. */
  static boolean isUnknown(CoordinateReferenceSystem crs) {
    return crs == null || crs instanceof EngineeringCRS;
  }

  /** "EPSG:n" when the CRS matches an EPSG definition, else its name. */
  static String label(CoordinateReferenceSystem crs) {
    return LayerCrs.of(crs).label();
  }

  static String wkt(CoordinateReferenceSystem crs) {
    return LayerCrs.wkt(crs);
  }

  static CoordinateReferenceSystem decodeLonLat(int code) throws FactoryException {
    return LayerCrs.decodeLonLat(code);
  }

  private static String footprint(CoordinateReferenceSystem crs, Envelope bounds, FileDescription.Builder out) {
    try {
      MathTransform toLonLat = Wgs84Crs.transform(crs, lonLat());
      Geometry box = GEOMETRIES.toGeometry(bounds);
      if (!(crs instanceof GeographicCRS) && box.getArea() > 0) {
        double edge = Math.max(bounds.getWidth(), bounds.getHeight()) / SEGMENTS_PER_EDGE;
        box = Densifier.densify(box, edge);
      }
      return new WKTWriter().write(JTS.transform(box, toLonLat));
    } catch (Exception e) {
      out.problem("no footprint: the bounds cannot be transformed to EPSG:4326: " + e.getMessage());
      return null;
    }
  }

  private static CoordinateReferenceSystem lonLat() throws FactoryException {
    if (lonLat == null) {
      lonLat = decodeLonLat(4326);
    }
    return lonLat;
  }
}
