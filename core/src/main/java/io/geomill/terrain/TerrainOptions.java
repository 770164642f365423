package io.geomill.terrain;

import java.io.Serializable;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The parameters of the terrain products, named and defaulted as gdaldem 3.6.2's options. Each product reads
 * the ones that concern it (slope: gradient, slopeUnits, zFactor, scale; aspect: gradient, zeroForFlat;
 * hillshade: gradient, hillshade, azimuth, altitude, zFactor, scale; TRI: tri); all read computeEdges and
 * nanIsNodata.
 *
 * @param gradient     how the 3x3 window gives the gradient (gdaldem {@code -alg Horn|ZevenbergenThorne})
 * @param computeEdges compute the raster's edge cells and cells next to nodata instead of writing nodata there
 *                     (gdaldem {@code -compute_edges}; see {@link TerrainKernel} for exactly how)
 * @param slopeUnits   degrees, or percent (gdaldem {@code -p})
 * @param zeroForFlat  aspect of flat cells 0 instead of nodata -9999; the aspect output then has no nodata value
 *                     at all and nodata cells are 0 too, as gdaldem {@code -zero_for_flat} writes them
 * @param azimuth      of the light, compass degrees (gdaldem {@code -az}, default 315)
 * @param altitude     of the light above the horizon, degrees in [0, 90] (gdaldem {@code -alt}, default 45)
 * @param zFactor      vertical exaggeration (gdaldem {@code -z}); applied to slope and hillshade (gdaldem's slope
 *                     has no {@code -z}: there it is the same as {@code -s scale/z})
 * @param scale        horizontal unit in vertical units (gdaldem {@code -s}): 1 when both are metres; for a
 *                     geographic raster with {@link TerrainGrid#uniform} cells, 111120 (elevations in metres)
 *                     or 370400 (feet) reproduces gdaldem; with {@link TerrainGrid#geographic} the horizontal
 *                     unit is the metre, so scale stays 1 for elevations in metres (3.28084 for feet)
 * @param hillshade    standard, combined (gdaldem {@code -combined}) or multidirectional ({@code -multidirectional})
 * @param tri          Riley (terrestrial, gdaldem 3.6's default) or Wilson (bathymetric), gdaldem TRI {@code -alg}
 * @param nanIsNodata  true (default): a NaN cell is nodata, as gdaldem treats the nodata cells of a source that
 *                     declares a nodata value. false: gdaldem's behaviour on a source that declares none: no
 *                     nodata checks, NaN cells go into the arithmetic (slope, aspect, TRI and TPI come out NaN
 *                     wherever a window holds one, hillshade 0, roughness as the comparisons fall)
 */
public record TerrainOptions(Gradient gradient, boolean computeEdges, SlopeUnits slopeUnits, boolean zeroForFlat,
    double azimuth, double altitude, double zFactor, double scale, HillshadeMode hillshade,
    TriAlgorithm tri, boolean nanIsNodata) implements Serializable {

  /** The gradient estimate from the 3x3 window. */
  public enum Gradient {
    /** Horn (1981): third-order finite difference, weights 1-2-1 over the three rows/columns (gdaldem's default). */
    HORN,
    /** Zevenbergen and Thorne (1987): central difference of the four edge neighbours. */
    ZEVENBERGEN_THORNE
  }

  /** The unit of slope. */
  public enum SlopeUnits { DEGREES, PERCENT }

  /** The hillshade variants of gdaldem. */
  public enum HillshadeMode {
    /** One light source at {@code azimuth}, {@code altitude}. */
    STANDARD,
    /** gdaldem {@code -combined}: the standard shade darkened by the slope. */
    COMBINED,
    /** gdaldem {@code -multidirectional}: four lights at 225, 270, 315, 360 weighted by aspect (azimuth unused). */
    MULTIDIRECTIONAL
  }

  /** The Terrain Ruggedness Index definitions of gdaldem. */
  public enum TriAlgorithm {
    /** Riley et al. (1999): square root of the sum of squared differences to the centre (gdaldem 3.3+ default). */
    RILEY,
    /** Wilson et al. (2007): mean absolute difference to the centre (gdaldem's default before 3.3). */
    WILSON
  }

  public TerrainOptions {
    Objects.requireNonNull(gradient, "gradient");
    Objects.requireNonNull(slopeUnits, "slopeUnits");
    Objects.requireNonNull(hillshade, "hillshade");
    Objects.requireNonNull(tri, "tri");
    if (!Double.isFinite(azimuth)) {
      throw new IllegalArgumentException("azimuth must be a finite number of degrees, got " + azimuth);
    }
    if (!(altitude >= 0 && altitude <= 90)) {
      throw new IllegalArgumentException("altitude must be in [0, 90] degrees, got " + altitude);
    }
    if (!(Double.isFinite(zFactor) && zFactor > 0)) {
      throw new IllegalArgumentException("z-factor must be a positive number, got " + zFactor);
    }
    if (!(Double.isFinite(scale) && scale > 0)) {
      throw new IllegalArgumentException("scale must be a positive number, got " + scale);
    }
  }

  /** gdaldem's defaults: Horn, no edges, degrees, flat aspect nodata, light 315/45, z 1, scale 1, Riley. */
  public static TerrainOptions defaults() {
    return new TerrainOptions(Gradient.HORN, false, SlopeUnits.DEGREES, false, 315, 45, 1, 1,
        HillshadeMode.STANDARD, TriAlgorithm.RILEY, true);
  }

  public TerrainOptions withGradient(Gradient value) {
    return with(f -> f.gradient = value);
  }

  public TerrainOptions withComputeEdges(boolean value) {
    return with(f -> f.computeEdges = value);
  }

  public TerrainOptions withSlopeUnits(SlopeUnits value) {
    return with(f -> f.slopeUnits = value);
  }

  public TerrainOptions withZeroForFlat(boolean value) {
    return with(f -> f.zeroForFlat = value);
  }

  public TerrainOptions withLight(double azimuthDegrees, double altitudeDegrees) {
    return with(f -> {
      f.azimuth = azimuthDegrees;
      f.altitude = altitudeDegrees;
    });
  }

  public TerrainOptions withZFactor(double value) {
    return with(f -> f.zFactor = value);
  }

  public TerrainOptions withScale(double value) {
    return with(f -> f.scale = value);
  }

  public TerrainOptions withHillshade(HillshadeMode value) {
    return with(f -> f.hillshade = value);
  }

  public TerrainOptions withTri(TriAlgorithm value) {
    return with(f -> f.tri = value);
  }

  public TerrainOptions withNanIsNodata(boolean value) {
    return with(f -> f.nanIsNodata = value);
  }

  /** A copy with {@code change} applied to its fields (and checked again). */
  private TerrainOptions with(Consumer<Fields> change) {
    Fields fields = new Fields(this);
    change.accept(fields);
    return new TerrainOptions(fields.gradient, fields.computeEdges, fields.slopeUnits, fields.zeroForFlat,
        fields.azimuth, fields.altitude, fields.zFactor, fields.scale, fields.hillshade, fields.tri,
        fields.nanIsNodata);
  }

  /** The fields, mutable, for {@link #with}. */
  private static final class Fields {
    Gradient gradient;
    boolean computeEdges;
    SlopeUnits slopeUnits;
    boolean zeroForFlat;
    double azimuth;
    double altitude;
    double zFactor;
    double scale;
    HillshadeMode hillshade;
    TriAlgorithm tri;
    boolean nanIsNodata;

    Fields(TerrainOptions o) {
      gradient = o.gradient;
      computeEdges = o.computeEdges;
      slopeUnits = o.slopeUnits;
      zeroForFlat = o.zeroForFlat;
      azimuth = o.azimuth;
      altitude = o.altitude;
      zFactor = o.zFactor;
      scale = o.scale;
      hillshade = o.hillshade;
      tri = o.tri;
      nanIsNodata = o.nanIsNodata;
    }
  }
}
