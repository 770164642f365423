package io.geomill.terrain;

import io.geomill.batch.Batch;
import io.geomill.batch.InputFile;
import io.geomill.raster.GeoTransform;
import io.geomill.raster.RasterException;
import io.geomill.raster.RasterInfo;
import io.geomill.raster.RasterJob;
import io.geomill.raster.RasterProduct;
import io.geomill.raster.RasterSummary;
import io.geomill.raster.TileFunction;
import io.geomill.vector.LayerCrs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.measure.Unit;
import javax.measure.quantity.Length;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.crs.GeographicCRS;
import org.geotools.api.referencing.datum.Ellipsoid;
import si.uom.SI;

/**
 * The terrain products on real rasters: what the {@code geomill terrain} job, a notebook's batch over files and
 * the SQL functions run. It puts the kernels ({@link TerrainKernel}) on a raster's grid:
 *
 * <ul>
 *   <li>cell sizes from the geotransform; a geographic raster's cells in metres per row, on its CRS's
 *       ellipsoid (WGS 84 when the CRS names none);</li>
 *   <li>only north-up rasters: a rotated or south-up geotransform is an error naming the raster;</li>
 *   <li>a raster that declares no nodata value is computed as gdaldem computes it
 *       ({@link TerrainOptions#withNanIsNodata} false: its NaN cells go into the arithmetic); one that
 *       declares a value has its nodata cells (and NaN cells) as nodata;</li>
 *   <li>hillshade stored as Byte (nodata 0), the others as Float32 (nodata -9999), aspect with zeroForFlat
 *       declaring no nodata value, as gdaldem writes them.</li>
 * </ul>
 *
 * <pre>{@code
 * RasterJob job = Terrain.job(List.of(SLOPE, HILLSHADE), TerrainOptions.defaults()).withTileSize(2048);
 * BatchResult<RasterSummary> result = Terrain.batch(job, List.of("dems/"), conf)
 *     .outputTo("out").listener(new ConsoleProgress()).run(spark);   // out/a_slope.tif, out/a_hillshade.tif ...
 * }</pre>
 */
public final class Terrain {
  /** The batch's name (in its report). */
  public static final String BATCH = "terrain";
  /** Tiles of 2048 cells: see {@link RasterJob#DEFAULT_TILE_SIZE}. */
  public static final int DEFAULT_TILE_SIZE = RasterJob.DEFAULT_TILE_SIZE;

  /** Ellipsoids by CRS WKT: a tile's task would otherwise parse the CRS again for every tile. */
  private static final Map<String, double[]> ELLIPSOIDS = new ConcurrentHashMap<>();

  private Terrain() {}

  /** A raster job computing {@code products} (in this order, each once) with {@code options}. */
  public static RasterJob job(Collection<TerrainProduct> products, TerrainOptions options) {
    if (products.isEmpty()) {
      throw new IllegalArgumentException("no terrain product asked for: give one or more of " + names());
    }
    List<RasterProduct> rasterProducts = new ArrayList<>();
    for (TerrainProduct product : EnumSet.copyOf(products)) {
      rasterProducts.add(product(product, options));
    }
    return RasterJob.of(rasterProducts);
  }

  /** The batch of {@code job} over {@code rasters} (e.g. {@link RasterJob#resolve}'s). */
  public static Batch<InputFile, RasterSummary> batch(RasterJob job, List<InputFile> rasters) {
    return job.batch(BATCH, rasters);
  }

  /**
   * One product as a raster job computes it: named {@link #name(TerrainProduct)} (so {@code dem.tif} gives
   * {@code dem_slope.tif}), a halo of 1, the kernel's nodata value.
   */
  public static RasterProduct product(TerrainProduct product, TerrainOptions options) {
    TerrainKernel probe = TerrainKernel.of(product, TerrainGrid.uniform(1, 1), options);
    TileFunction function = probe.outputIsByte()
        ? (TileFunction.ToByte) (tile, raster) -> kernel(product, options, raster).applyAsBytes(tile)
        : (TileFunction.ToFloat) (tile, raster) -> kernel(product, options, raster).apply(tile);
    RasterProduct rasterProduct = new RasterProduct(name(product), 1, probe.outputNodata(), function,
        options.toString());
    return probe.outputHasNodata() ? rasterProduct : rasterProduct.withUndeclaredNodata();
  }

  /**
   * The kernel of {@code product} on {@code raster}'s grid (see the class comment).
   *
   * @throws RasterException when the raster is not north-up, or its grid is not one a kernel can use
   */
  public static TerrainKernel kernel(TerrainProduct product, TerrainOptions options, RasterInfo raster)
      throws RasterException {
    TerrainOptions forRaster = raster.nodata() == null ? options.withNanIsNodata(false) : options;
    return TerrainKernel.of(product, grid(raster), forRaster);
  }

  /** The grid the kernels divide by: projected cells as they are, geographic ones per row in metres. */
  static TerrainGrid grid(RasterInfo raster) throws RasterException {
    GeoTransform transform = raster.geoTransform();
    if (transform.isRotated() || !(transform.pixelWidth() > 0) || !(transform.pixelHeight() < 0)) {
      throw new RasterException(raster.name() + ": is not north-up (geotransform " + Arrays.toString(
          transform.toArray()) + "): terrain products need rows running north to south and columns west to"
          + " east without rotation; warp it first (e.g. gdalwarp without -t_srs makes it north-up)");
    }
    try {
      if (!raster.geographic()) {
        return TerrainGrid.uniform(transform.cellSizeX(), transform.cellSizeY());
      }
      double[] ellipsoid = ellipsoid(raster.crs());
      return TerrainGrid.geographic(transform.originY(), transform.cellSizeX(), transform.cellSizeY())
          .withEllipsoid(ellipsoid[0], ellipsoid[1]);
    } catch (IllegalArgumentException e) {
      throw new RasterException(raster.name() + ": " + e.getMessage(), e);
    }
  }

  /** Semi-major axis in metres and inverse flattening of a geographic CRS's ellipsoid; WGS 84 if it has none. */
  private static double[] ellipsoid(LayerCrs crs) {
    if (crs == null) {
      return new double[] {TerrainGrid.WGS84_SEMI_MAJOR_AXIS, TerrainGrid.WGS84_INVERSE_FLATTENING};
    }
    return ELLIPSOIDS.computeIfAbsent(crs.wkt(), wkt -> {
      CoordinateReferenceSystem geoTools = crs.toGeoTools();
      Ellipsoid ellipsoid = geoTools instanceof GeographicCRS geographic && geographic.getDatum() != null
          ? geographic.getDatum().getEllipsoid() : null;
      if (ellipsoid == null) {
        return new double[] {TerrainGrid.WGS84_SEMI_MAJOR_AXIS, TerrainGrid.WGS84_INVERSE_FLATTENING};
      }
      @SuppressWarnings("unchecked")
      Unit<Length> unit = (Unit<Length>) ellipsoid.getAxisUnit();
      double metres = unit == null || !unit.isCompatible(SI.METRE) ? ellipsoid.getSemiMajorAxis()
          : unit.getConverterTo(SI.METRE).convert(ellipsoid.getSemiMajorAxis());
      double inverseFlattening = ellipsoid.isSphere() ? Double.POSITIVE_INFINITY
          : ellipsoid.getInverseFlattening();
      return new double[] {metres, inverseFlattening};
    });
  }

  /** The product's name in file names, job options and SQL: slope, aspect, hillshade, tri, tpi, roughness. */
  public static String name(TerrainProduct product) {
    return product.name().toLowerCase(Locale.ROOT);
  }

  /** The products named in {@code text}, comma-separated ("slope,hillshade"; "all" for every product). */
  public static List<TerrainProduct> parseProducts(String text) {
    if (text.strip().equalsIgnoreCase("all")) {
      return List.of(TerrainProduct.values());
    }
    List<TerrainProduct> products = new ArrayList<>();
    for (String word : text.split(",")) {
      String name = word.strip();
      TerrainProduct product = Arrays.stream(TerrainProduct.values())
          .filter(p -> name(p).equalsIgnoreCase(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown terrain product '" + name + "': choose from "
              + names() + " (or all)"));
      if (!products.contains(product)) {
        products.add(product);
      }
    }
    return products;
  }

  /** The gradient named {@code horn} or {@code zt} ({@code zevenbergenthorne}, gdaldem's name, too). */
  public static TerrainOptions.Gradient parseGradient(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "")) {
      case "horn" -> TerrainOptions.Gradient.HORN;
      case "zt", "zevenbergenthorne" -> TerrainOptions.Gradient.ZEVENBERGEN_THORNE;
      default -> throw new IllegalArgumentException("unknown gradient algorithm '" + text
          + "': horn or zt (Zevenbergen-Thorne)");
    };
  }

  /** {@code degrees} or {@code percent}. */
  public static TerrainOptions.SlopeUnits parseSlopeUnits(String text) {
    return parse(TerrainOptions.SlopeUnits.class, text, "slope units");
  }

  /** {@code standard}, {@code combined} or {@code multidirectional}. */
  public static TerrainOptions.HillshadeMode parseHillshadeMode(String text) {
    return parse(TerrainOptions.HillshadeMode.class, text, "hillshade mode");
  }

  /** {@code riley} or {@code wilson}. */
  public static TerrainOptions.TriAlgorithm parseTriAlgorithm(String text) {
    return parse(TerrainOptions.TriAlgorithm.class, text, "TRI algorithm");
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String text, String what) {
    for (E value : type.getEnumConstants()) {
      if (value.name().equalsIgnoreCase(text.strip())) {
        return value;
      }
    }
    throw new IllegalArgumentException("unknown " + what + " '" + text + "': " + Arrays.stream(
        type.getEnumConstants()).map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(" or ")));
  }

  private static String names() {
    return Arrays.stream(TerrainProduct.values()).map(Terrain::name).collect(Collectors.joining(", "));
  }
}
