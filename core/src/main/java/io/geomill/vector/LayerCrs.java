package io.geomill.vector;

import io.geomill.crs.Wgs84Crs;
import java.io.Serializable;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import javax.measure.Unit;
import javax.measure.quantity.Length;
import org.geotools.api.referencing.FactoryException;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.crs.EngineeringCRS;
import org.geotools.api.referencing.crs.GeographicCRS;
import org.geotools.api.referencing.crs.ProjectedCRS;
import org.geotools.referencing.CRS;
import org.geotools.referencing.wkt.Formattable;
import si.uom.SI;

/**
 * A layer's coordinate reference system as it travels through a job: an EPSG code when one matches, and the
 * WKT 1 it came as. Axis order is always longitude (x) first, as in every vector file format GeoMill reads.
 *
 * @param label "EPSG:n" when an EPSG code matches, else the CRS's own name
 * @param epsg  the EPSG code, or null
 * @param wkt   WKT 1 on one line
 */
public record LayerCrs(String label, Integer epsg, String wkt) implements Serializable {
  /** Searching the EPSG database for a CRS without a code can take seconds: once per CRS per JVM. */
  private static final Map<String, Optional<Integer>> EPSG_CODES = new ConcurrentHashMap<>();

  public static LayerCrs of(CoordinateReferenceSystem crs) {
    String wkt = wkt(crs);
    Optional<Integer> code = epsgCode(crs);
    return new LayerCrs(code.map(c -> "EPSG:" + c).orElse(crs.getName().getCode()), code.orElse(null), wkt);
  }

  /** From a user's "EPSG:n", a bare code, or WKT. */
  public static LayerCrs parse(String text) {
    String spec = text.strip();
    try {
      if (spec.matches("(?i)(EPSG:)?\\d+")) {
        return of(decodeLonLat(Integer.parseInt(spec.replaceFirst("(?i)EPSG:", ""))));
      }
      return of(CRS.parseWKT(spec));
    } catch (FactoryException | RuntimeException e) {
      throw new IllegalArgumentException("not a CRS GeoMill knows: \"" + abbreviate(spec) + "\" ("
          + e.getMessage() + "); give EPSG:n or WKT", e);
    }
  }

  /**
   * Parses {@code text} as {@link #parse} does, on a thread of its own, and returns at once: a job's own parse of
   * it later finds the CRS decoded and GeoTools' referencing set up (its logging, which sets up JAI's operation
   * registry, the unit formats, the WKT parser: about 0.4 s of one core on the first CRS of a run). A text that
   * does not parse is left to that parse, which reports it.
   *
   * @return the thread, started
   */
  public static Thread parseInBackground(String text) {
    Thread thread = new Thread(() -> {
      try {
        parse(text);
      } catch (IllegalArgumentException e) {
        // See above: the job's own parse reports it.
      }
    }, "geomill-crs-set-up");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** The GeoTools CRS, longitude first. */
  public CoordinateReferenceSystem toGeoTools() {
    try {
      return epsg != null ? decodeLonLat(epsg) : CRS.parseWKT(wkt);
    } catch (FactoryException e) {
      throw new IllegalStateException("CRS " + label + " cannot be rebuilt: " + e.getMessage(), e);
    }
  }

  /** How Sedona's ST_Transform takes it: "EPSG:n", else the WKT. */
  public String sedonaCode() {
    return epsg != null ? "EPSG:" + epsg : wkt;
  }

  public boolean isGeographic() {
    return toGeoTools() instanceof GeographicCRS;
  }

  /** Engineering (local) CRSs say nothing about where on Earth the data is. */
  public boolean isLocal() {
    return toGeoTools() instanceof EngineeringCRS;
  }

  /** Metres per unit of a projected CRS's x axis; empty for geographic and other CRSs. */
  @SuppressWarnings("unchecked")
  public Optional<Double> metresPerUnit() {
    CoordinateReferenceSystem crs = toGeoTools();
    if (!(crs instanceof ProjectedCRS)) {
      return Optional.empty();
    }
    Unit<?> unit = crs.getCoordinateSystem().getAxis(0).getUnit();
    if (unit == null || !unit.isCompatible(SI.METRE)) {
      return Optional.empty();
    }
    return Optional.of(((Unit<Length>) unit).getConverterTo(SI.METRE).convert(1.0));
  }

  public static Optional<Integer> epsgCode(CoordinateReferenceSystem crs) {
    OptionalInt common = Wgs84Crs.code(crs);
    if (common.isPresent()) {
      return Optional.of(common.getAsInt());
    }
    return EPSG_CODES.computeIfAbsent(wkt(crs), key -> {
      try {
        Integer code = CRS.lookupEpsgCode(crs, false);
        return Optional.ofNullable(code != null ? code : CRS.lookupEpsgCode(crs, true));
      } catch (FactoryException e) {
        return Optional.empty();
      }
    });
  }

  /** WKT 1 on a single line. */
  public static String wkt(CoordinateReferenceSystem crs) {
    Optional<String> database = Wgs84Crs.databaseWkt(crs);
    if (database.isPresent()) {
      return database.get();
    }
    try {
      return crs instanceof Formattable formattable ? formattable.toWKT(Formattable.SINGLE_LINE) : crs.toWKT();
    } catch (RuntimeException e) {
      // Some CRSs (those built from GeoTIFF keys GeoTools half-understands) cannot be written as WKT 1.
      return crs.toString();
    }
  }

  /**
   * The CRS for EPSG:n with longitude first, as every file format here (and GeoParquet) orders axes; WGS 84 and
   * its UTM zones without GeoTools' EPSG database ({@link Wgs84Crs}).
   */
  public static CoordinateReferenceSystem decodeLonLat(int code) throws FactoryException {
    Optional<CoordinateReferenceSystem> common = Wgs84Crs.decode(code);
    return common.isPresent() ? common.get() : CRS.decode("EPSG:" + code, true);
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
