package io.geomill.proximity;

import io.geomill.vector.LayerCrs;
import io.geomill.vector.LayerException;
import java.io.Serializable;
import java.util.Locale;
import org.locationtech.jts.geom.Envelope;

/**
 * The projected CRS distances are measured in, and how far its distances can be off within the data.
 *
 * <p>Only distances near the polygons matter (a point farther than the search distance from every polygon
 * counts nothing whatever the error), so the CRS is chosen from the polygons' extent. Data in a projected CRS
 * with linear units is measured in that CRS. Geographic data gets the UTM zone of the extent's centre when the
 * extent lies within it (give or take half a degree), else a transverse Mercator centred on the extent with
 * scale 1 on its central meridian. Both are conformal, so the relative error of a short distance is the scale
 * factor minus one, which is computed over the extent (spherical formula {@code k = k0 / sqrt(1 - (cos(lat)
 * sin(lon - lon0))^2)}). Extents where that passes {@value #MAX_ERROR_PERCENT} %, and polar data, need
 * {@code --crs}.
 *
 * @param crs              the working CRS
 * @param reason           why it was chosen, for the job's summary
 * @param maxRelativeError the largest |scale - 1| over the polygons' extent; NaN when not computed (a CRS the
 *                         user gave, or the data's own projected CRS)
 */
public record WorkingCrs(LayerCrs crs, String reason, double maxRelativeError) implements Serializable {
  static final double MAX_ERROR_PERCENT = 1.0;
  private static final double UTM_SCALE = 0.9996;
  private static final double UTM_HALF_WIDTH_DEGREES = 3.5;
  private static final double MAX_ABS_LATITUDE = 84;

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
    if (layerCrs.metresPerUnit().isPresent()) {
      return new WorkingCrs(layerCrs, "the polygons' own projected CRS", Double.NaN);
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
      return new WorkingCrs(utm, "UTM zone " + zone + (north ? "N" : "S") + ", the polygons' zone", error);
    }
    double error = maxError(lonLatExtent, centreLon, 1.0);
    if (error * 100 > MAX_ERROR_PERCENT) {
      throw new LayerException(String.format(Locale.ROOT, "the polygons span %.1f degrees of longitude: a single"
          + " transverse Mercator would measure distances up to %.1f %% off at the edges; split the data by"
          + " region or give a CRS with --crs", lonLatExtent.getWidth(), error * 100));
    }
    LayerCrs centred = LayerCrs.parse(transverseMercatorWkt(centreLon));
    return new WorkingCrs(centred, String.format(Locale.ROOT, "transverse Mercator centred on longitude %.4f,"
        + " the polygons' extent being wider than a UTM zone", centreLon), error);
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
