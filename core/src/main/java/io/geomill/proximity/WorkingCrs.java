package io.geomill.proximity;

import io.geomill.crs.Wgs84Crs;
import io.geomill.vector.LayerCrs;
import io.geomill.vector.LayerException;
import java.io.Serializable;
import java.util.Locale;
import org.geotools.api.referencing.FactoryException;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.api.referencing.operation.TransformException;
import org.geotools.referencing.GeodeticCalculator;
import org.geotools.referencing.crs.DefaultGeographicCRS;
import org.locationtech.jts.geom.Envelope;

/**
 * The projected CRS distances are measured in, and how far its distances can be off within the data.
 *
 * <p>Only distances near the polygons matter (a point farther than the search distance from every polygon
 * counts nothing whatever the error), so the CRS is chosen from the polygons' extent. Data in a projected CRS
 * with linear units is measured in that CRS when its distances are within {@value #MAX_ERROR_PERCENT} % of the
 * true (ellipsoidal) ones over the extent: a UTM zone is, Web Mercator (EPSG:3857, scale
 * 1/cos(latitude): 32 % off in New York) is not. Other data gets the UTM zone of the extent's centre when the
 * extent lies within it (give or take half a degree), else a transverse Mercator centred on the extent with
 * scale 1 on its central meridian. Both are conformal, so the relative error of a short distance is the scale
 * factor minus one, which is computed over the extent (spherical formula {@code k = k0 / sqrt(1 - (cos(lat)
 * sin(lon - lon0))^2)}). Extents where that passes {@value #MAX_ERROR_PERCENT} %, and polar data, need
 * {@code --crs}.
 *
 * @param crs              the working CRS
 * @param reason           why it was chosen, for the job's summary
 * @param maxRelativeError the largest |scale - 1| over the polygons' extent; NaN when not computed (a CRS the
 *                         user gave, or one that cannot be reached over the extent)
 */
public record WorkingCrs(LayerCrs crs, String reason, double maxRelativeError) implements Serializable {
  static final double MAX_ERROR_PERCENT = 1.0;
  private static final double UTM_SCALE = 0.9996;
  private static final double UTM_HALF_WIDTH_DEGREES = 3.5;
  private static final double MAX_ABS_LATITUDE = 84;
  private static final int GRID = 5;
  /** About 10 m: short enough for the local scale, long enough for doubles at projected magnitudes. */
  private static final double STEP_DEGREES = 1e-4;

  /** The CRS the user named; it must be projected with linear units. */
  public static WorkingCrs given(String spec) {
    LayerCrs crs;
    try {
      crs = LayerCrs.parse(spec);
    } catch (IllegalArgumentException e) {
      throw new LayerException("--crs: " + e.getMessage(), e);
    }
    if (crs.metresPerUnit().isEmpty()) {
      throw new LayerException("--crs " + spec + ": " + crs.label() + " is not a projected CRS with linear"
          + " units, so it cannot measure distances; give a projected one (e.g. a UTM zone)");
    }
    return new WorkingCrs(crs, "given with --crs", Double.NaN);
  }

  /**
   * @param layerCrs      the polygons' CRS
   * @param lonLatExtent  the polygons' extent in longitude/latitude degrees
   */
  public static WorkingCrs choose(LayerCrs layerCrs, Envelope lonLatExtent) {
    String ownRejected = "";
    if (layerCrs.metresPerUnit().isPresent()) {
      double own = measuredError(layerCrs, lonLatExtent);
      if (!(own * 100 > MAX_ERROR_PERCENT)) { // NaN (not measurable there): the data's own CRS, as before
        return new WorkingCrs(layerCrs, "the polygons' own projected CRS", own);
      }
      ownRejected = String.format(Locale.ROOT, "; their own %s measures distances up to %.1f %% off over their"
          + " extent", layerCrs.label(), own * 100);
    }
    if (lonLatExtent.getMinY() < -MAX_ABS_LATITUDE || lonLatExtent.getMaxY() > MAX_ABS_LATITUDE) {
      throw new LayerException("the polygons reach beyond " + (int) MAX_ABS_LATITUDE + " degrees of latitude,"
          + " where no UTM zone or transverse Mercator measures well; give a polar projected CRS with --crs");
    }
    double centreLon = lonLatExtent.centre().x;
    int zone = (int) Math.floor((centreLon + 180) / 6) + 1;
    double zoneMeridian = zone * 6 - 183;
    boolean north = lonLatExtent.centre().y >= 0;
    if (maxOffset(lonLatExtent, zoneMeridian) <= UTM_HALF_WIDTH_DEGREES) {
      double error = maxError(lonLatExtent, zoneMeridian, UTM_SCALE);
      LayerCrs utm = LayerCrs.parse("EPSG:" + ((north ? 32600 : 32700) + zone));
      return new WorkingCrs(utm, "UTM zone " + zone + (north ? "N" : "S") + ", the polygons' zone" + ownRejected,
          error);
    }
    double error = maxError(lonLatExtent, centreLon, 1.0);
    if (error * 100 > MAX_ERROR_PERCENT) {
      throw new LayerException(String.format(Locale.ROOT, "the polygons span %.1f degrees of longitude: a single"
          + " transverse Mercator would measure distances up to %.1f %% off at the edges; split the data by"
          + " region or give a CRS with --crs", lonLatExtent.getWidth(), error * 100));
    }
    LayerCrs centred = LayerCrs.parse(transverseMercatorWkt(centreLon));
    return new WorkingCrs(centred, String.format(Locale.ROOT, "transverse Mercator centred on longitude %.4f,"
        + " the polygons' extent being wider than a UTM zone", centreLon) + ownRejected, error);
  }

  /**
   * The largest relative error of short distances along meridians and parallels in a projected CRS, over a 5 x 5
   * grid of the extent, against the geodesic on the WGS 84 ellipsoid; NaN when the CRS cannot be reached there.
   */
  static double measuredError(LayerCrs projected, Envelope lonLat) {
    try {
      MathTransform toProjected = Wgs84Crs.transform(DefaultGeographicCRS.WGS84, projected.toGeoTools());
      GeodeticCalculator geodesic = new GeodeticCalculator(DefaultGeographicCRS.WGS84);
      double metresPerUnit = projected.metresPerUnit().orElseThrow();
      double largest = 0;
      for (int i = 0; i < GRID; i++) {
        for (int j = 0; j < GRID; j++) {
          double lon = lonLat.getMinX() + lonLat.getWidth() * i / (GRID - 1);
          double lat = Math.max(-89, Math.min(89, lonLat.getMinY() + lonLat.getHeight() * j / (GRID - 1)));
          double[] ends = {lon, lat, lon + STEP_DEGREES, lat, lon, lat + STEP_DEGREES};
          double[] xy = new double[6];
          toProjected.transform(ends, 0, xy, 0, 3);
          for (int end = 1; end <= 2; end++) {
            geodesic.setStartingGeographicPoint(lon, lat);
            geodesic.setDestinationGeographicPoint(ends[2 * end], ends[2 * end + 1]);
            double planar = Math.hypot(xy[2 * end] - xy[0], xy[2 * end + 1] - xy[1]) * metresPerUnit;
            largest = Math.max(largest, Math.abs(planar / geodesic.getOrthodromicDistance() - 1));
          }
        }
      }
      return largest;
    } catch (FactoryException | TransformException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** The job's one-line account of it. */
  public String describe() {
    String error = Double.isNaN(maxRelativeError) ? ""
        : String.format(Locale.ROOT, "; distances within %.3f %% over the polygons' extent", maxRelativeError * 100);
    return crs.label() + " (" + reason + error + ")";
  }

  private static double maxOffset(Envelope extent, double meridian) {
    return Math.max(Math.abs(extent.getMinX() - meridian), Math.abs(extent.getMaxX() - meridian));
  }

  /** The largest |k - 1| of a transverse Mercator over the extent: k is smallest on the meridian. */
  static double maxError(Envelope extent, double meridian, double scaleOnMeridian) {
    double offset = Math.toRadians(Math.min(maxOffset(extent, meridian), 90));
    double nearestEquator = extent.getMinY() <= 0 && extent.getMaxY() >= 0 ? 0
        : Math.min(Math.abs(extent.getMinY()), Math.abs(extent.getMaxY()));
    double b = Math.cos(Math.toRadians(nearestEquator)) * Math.sin(offset);
    double largest = scaleOnMeridian / Math.sqrt(1 - b * b);
    return Math.max(Math.abs(scaleOnMeridian - 1), Math.abs(largest - 1));
  }

  private static String transverseMercatorWkt(double centralMeridian) {
    return String.format(Locale.ROOT, "PROJCS[\"GeoMill transverse Mercator %.4f\",GEOGCS[\"WGS 84\","
        + "DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]],PRIMEM[\"Greenwich\",0],"
        + "UNIT[\"degree\",0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"],"
        + "PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\",%.10f],"
        + "PARAMETER[\"scale_factor\",1],PARAMETER[\"false_easting\",500000],PARAMETER[\"false_northing\",0],"
        + "UNIT[\"metre\",1],AXIS[\"Easting\",EAST],AXIS[\"Northing\",NORTH]]", centralMeridian, centralMeridian);
  }
}
