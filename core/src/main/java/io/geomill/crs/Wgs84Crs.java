package io.geomill.crs;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.geotools.api.referencing.FactoryException;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.crs.GeographicCRS;
import org.geotools.api.referencing.crs.ProjectedCRS;
import org.geotools.api.referencing.datum.GeodeticDatum;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.referencing.CRS;
import org.geotools.referencing.operation.DefaultCoordinateOperationFactory;
import org.geotools.util.factory.Hints;

/**
 * The EPSG CRSs GeoMill meets most, known without GeoTools' EPSG database: WGS 84 (EPSG:4326), WGS 84 /
 * Pseudo-Mercator (3857) and the 120 WGS 84 / UTM zones (32601-32660 north, 32701-32760 south), longitude first.
 *
 * <p>Why: the database is an HSQL database that GeoTools opens on the first EPSG code decoded, and also on the
 * first coordinate operation looked up; that costs about a second of one core before any work, on every run and
 * in every executor, out of runs of a few seconds on 2 cores (BENCHMARKS.md). Each CRS here is the one the
 * database gives for its code, written in WKT as GeoTools writes it (a test compares every one with the database:
 * the WKT, the CRS ignoring metadata, the transforms). What the parsed WKT lacks are the database's metadata: the
 * aliases and the area of use, which GeoMill does not read.
 *
 * <p>Between two CRSs on the WGS 84 datum the coordinate operation is the projections' formulas alone, with no
 * datum shift; the database has no transformation to offer there, so GeoTools' operation factory finds it without
 * the database ({@link #transform}). Any other code or pair of CRSs goes to GeoTools as before.
 */
public final class Wgs84Crs {
  public static final int LON_LAT = 4326;
  public static final int PSEUDO_MERCATOR = 3857;
  private static final int UTM_NORTH = 32600;
  private static final int UTM_SOUTH = 32700;

  private static final String GEOGCS = "GEOGCS[\"WGS 84\", DATUM[\"World Geodetic System 1984\", SPHEROID[\"WGS 84\","
      + " 6378137.0, 298.257223563, AUTHORITY[\"EPSG\",\"7030\"]], AUTHORITY[\"EPSG\",\"6326\"]], PRIMEM[\"Greenwich\","
      + " 0.0, AUTHORITY[\"EPSG\",\"8901\"]], UNIT[\"degree\", 0.017453292519943295], AXIS[\"Geodetic longitude\","
      + " EAST], AXIS[\"Geodetic latitude\", NORTH], AUTHORITY[\"EPSG\",\"4326\"]]";
  private static final String PROJECTED_AXES = "UNIT[\"m\", 1.0], AXIS[\"Easting\", EAST], AXIS[\"Northing\", NORTH]";
  /** The datum's names in the EPSG database, in ESRI's and OGC's WKT and in GeoTools' constants, normalized. */
  private static final Set<String> DATUM_NAMES = Set.of("worldgeodeticsystem1984", "wgs1984", "wgs84");
  private static final DefaultCoordinateOperationFactory OPERATIONS =
      new DefaultCoordinateOperationFactory(new Hints(Hints.LENIENT_DATUM_SHIFT, Boolean.TRUE));
  private static final Map<Integer, CoordinateReferenceSystem> DECODED = new ConcurrentHashMap<>();

  private Wgs84Crs() {}

  /** The CRS of EPSG:{@code code}, longitude first, when it is one of these; else empty. */
  public static Optional<CoordinateReferenceSystem> decode(int code) {
    String wkt = wkt(code);
    if (wkt == null) {
      return Optional.empty();
    }
    return Optional.of(DECODED.computeIfAbsent(code, key -> {
      try {
        return CRS.parseWKT(wkt);
      } catch (FactoryException e) {
        throw new IllegalStateException("GeoMill's WKT of EPSG:" + key + " does not parse: " + e.getMessage(), e);
      }
    }));
  }

  /**
   * The code of one of these CRSs: the EPSG code the CRS declares, or, for a CRS without one (a shapefile's
   * ESRI .prj), the code of the one it equals ignoring metadata, on a datum named WGS 84. Empty for any other.
   */
  public static OptionalInt code(CoordinateReferenceSystem crs) {
    Integer declared = DeclaredEpsgCode.of(crs);
    if (declared != null) {
      return wkt(declared) != null ? OptionalInt.of(declared) : OptionalInt.empty();
    }
    if (!onWgs84(crs)) {
      return OptionalInt.empty();
    }
    for (int candidate : candidates(crs)) {
      if (CRS.equalsIgnoreMetadata(crs, decode(candidate).orElseThrow())) {
        return OptionalInt.of(candidate);
      }
    }
    return OptionalInt.empty();
  }

  /**
   * The database's WKT of a CRS {@link #decode} made; empty for any other CRS. GeoTools writes a CRS parsed from
   * WKT without its projection method's EPSG code, and GeoMill's outputs carry the database's WKT as before.
   */
  public static Optional<String> databaseWkt(CoordinateReferenceSystem crs) {
    Integer declared = DeclaredEpsgCode.of(crs);
    return declared != null && DECODED.get(declared) == crs ? Optional.of(wkt(declared)) : Optional.empty();
  }

  /** GeoTools' math transform from one CRS to another (lenient datum shifts), without the database if it can. */
  public static MathTransform transform(CoordinateReferenceSystem from, CoordinateReferenceSystem to)
      throws FactoryException {
    if (onWgs84(from) && onWgs84(to)) {
      return OPERATIONS.createOperation(from, to).getMathTransform();
    }
    return CRS.findMathTransform(from, to, true);
  }

  /** Whether the CRS is geographic or projected on a datum named WGS 84. */
  static boolean onWgs84(CoordinateReferenceSystem crs) {
    GeodeticDatum datum = crs instanceof GeographicCRS geographic ? geographic.getDatum()
        : crs instanceof ProjectedCRS projected ? projected.getBaseCRS().getDatum() : null;
    return datum != null && DATUM_NAMES.contains(normalized(datum.getName().getCode()));
  }

  /** Lower case letters and digits, without ESRI's "D_" prefix. */
  private static String normalized(String name) {
    String plain = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    return name.regionMatches(true, 0, "D_", 0, 2) ? plain.substring(1) : plain;
  }

  /** The codes a CRS on WGS 84 may equal: 4326 for a geographic one; the UTM zones of its central meridian, 3857. */
  private static int[] candidates(CoordinateReferenceSystem crs) {
    if (crs instanceof GeographicCRS) {
      return new int[] {LON_LAT};
    }
    double meridian;
    try {
      meridian = ((ProjectedCRS) crs).getConversionFromBase().getParameterValues().parameter("central_meridian")
          .doubleValue();
    } catch (RuntimeException e) { // a projection without a central meridian
      return new int[] {PSEUDO_MERCATOR};
    }
    long zone = Math.round((meridian + 183) / 6);
    return zone >= 1 && zone <= 60 ? new int[] {UTM_NORTH + (int) zone, UTM_SOUTH + (int) zone, PSEUDO_MERCATOR}
        : new int[] {PSEUDO_MERCATOR};
  }

  /** GeoTools' WKT of the database's CRS for the code, or null when the code is not one of these. */
  static String wkt(int code) {
    if (code == LON_LAT) {
      return GEOGCS;
    }
    if (code == PSEUDO_MERCATOR) {
      return "PROJCS[\"WGS 84 / Pseudo-Mercator\", " + GEOGCS + ", PROJECTION[\"Popular Visualisation Pseudo"
          + " Mercator\", AUTHORITY[\"EPSG\",\"1024\"]], PARAMETER[\"semi_minor\", 6378137.0],"
          + " PARAMETER[\"latitude_of_origin\", 0.0], PARAMETER[\"central_meridian\", 0.0], PARAMETER[\"scale_factor\","
          + " 1.0], PARAMETER[\"false_easting\", 0.0], PARAMETER[\"false_northing\", 0.0], " + PROJECTED_AXES
          + ", AUTHORITY[\"EPSG\",\"3857\"]]";
    }
    boolean north = code > UTM_NORTH && code <= UTM_NORTH + 60;
    boolean south = code > UTM_SOUTH && code <= UTM_SOUTH + 60;
    if (!north && !south) {
      return null;
    }
    int zone = code - (north ? UTM_NORTH : UTM_SOUTH);
    return "PROJCS[\"WGS 84 / UTM zone " + zone + (north ? "N" : "S") + "\", " + GEOGCS + ", PROJECTION[\"Transverse"
        + "_Mercator\", AUTHORITY[\"EPSG\",\"9807\"]], PARAMETER[\"central_meridian\", " + (double) (6 * zone - 183)
        + "], PARAMETER[\"latitude_of_origin\", 0.0], PARAMETER[\"scale_factor\", 0.9996], PARAMETER[\"false_easting\","
        + " 500000.0], PARAMETER[\"false_northing\", " + (north ? "0.0" : "10000000.0") + "], " + PROJECTED_AXES
        + ", AUTHORITY[\"EPSG\",\"" + code + "\"]]";
  }
}
