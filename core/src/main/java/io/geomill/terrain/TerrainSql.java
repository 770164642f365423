package io.geomill.terrain;

import io.geomill.raster.HaloTile;
import io.geomill.raster.RasterException;
import java.io.IOException;
import io.geomill.raster.RasterFile;
import io.geomill.raster.RasterInfo;
import io.geomill.raster.RasterReadOptions;
import io.geomill.spark.SqlArguments;
import java.awt.image.BandedSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferFloat;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.List;
import org.apache.sedona.common.utils.RasterUtils;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.classic.UserDefinedFunctionUtils$;
import org.apache.spark.sql.expressions.SparkUserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.sedona_sql.UDT.RasterUDT;
import org.apache.spark.sql.sedona_sql.UDT.RasterUDT$;
import org.geotools.coverage.grid.GridCoverage2D;
import scala.Function1;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The terrain products as Spark SQL functions over Sedona raster columns (a Sedona raster is a GeoTools
 * {@link GridCoverage2D}): {@code SELECT GM_Slope(RS_FromGeoTiff(content)) FROM binaryFile}. Each returns a
 * raster on the input's grid and CRS with one band, Float32 (hillshade: Byte), and the product's nodata value
 * (none for aspect with zero_for_flat), computed as the {@code geomill terrain} job computes it
 * ({@link Terrain#kernel}): the same cells, bit for bit.
 *
 * <p>The arguments after the raster are constants (positional or named, NULL for the default), read when the
 * query is analysed, so a bad value fails the query before it runs:
 * <ul>
 *   <li>{@code GM_Slope(rast [, units, z, alg, compute_edges])}: units 'degrees' (default) or 'percent'</li>
 *   <li>{@code GM_Aspect(rast [, alg, compute_edges, zero_for_flat])}</li>
 *   <li>{@code GM_Hillshade(rast [, azimuth, altitude, z, alg, compute_edges, mode])}: mode 'standard',
 *       'combined' or 'multidirectional'</li>
 *   <li>{@code GM_TRI(rast [, alg, compute_edges])}: alg 'riley' (default) or 'wilson'</li>
 *   <li>{@code GM_TPI(rast [, compute_edges])}, {@code GM_Roughness(rast [, compute_edges])}</li>
 * </ul>
 * {@code alg} of the gradient products is 'horn' (default) or 'zt'. A raster must have one band (choose one
 * with {@code RS_Band(rast, ARRAY(n))}) and be north-up; a raster without CRS is taken as projected (its cell
 * sizes as they are), since a Sedona raster without CRS is common and says nothing about its units. A NULL
 * raster gives NULL.
 */
public final class TerrainSql {
  private TerrainSql() {}

  /** One function: its name, its parameters after the raster, how they make the options. */
  private enum Function {
    SLOPE("GM_Slope", TerrainProduct.SLOPE, List.of("units", "z", "alg", "compute_edges")),
    ASPECT("GM_Aspect", TerrainProduct.ASPECT, List.of("alg", "compute_edges", "zero_for_flat")),
    HILLSHADE("GM_Hillshade", TerrainProduct.HILLSHADE,
        List.of("azimuth", "altitude", "z", "alg", "compute_edges", "mode")),
    TRI("GM_TRI", TerrainProduct.TRI, List.of("alg", "compute_edges")),
    TPI("GM_TPI", TerrainProduct.TPI, List.of("compute_edges")),
    ROUGHNESS("GM_Roughness", TerrainProduct.ROUGHNESS, List.of("compute_edges"));

    final String sqlName;
    final TerrainProduct product;
    final List<String> parameters;

    Function(String sqlName, TerrainProduct product, List<String> parameters) {
      this.sqlName = sqlName;
      this.product = product;
      this.parameters = parameters;
    }

    TerrainOptions options(SqlArguments given) {
      TerrainOptions defaults = TerrainOptions.defaults();
      TerrainOptions options = defaults.withComputeEdges(given.flag("compute_edges", false));
      if (given.has("units")) {
        options = options.withSlopeUnits(Terrain.parseSlopeUnits(given.text("units")));
      }
      if (given.has("alg")) {
        options = product == TerrainProduct.TRI ? options.withTri(Terrain.parseTriAlgorithm(given.text("alg")))
            : options.withGradient(Terrain.parseGradient(given.text("alg")));
      }
      if (given.has("mode")) {
        options = options.withHillshade(Terrain.parseHillshadeMode(given.text("mode")));
      }
      return options.withZFactor(given.number("z", defaults.zFactor()))
          .withLight(given.number("azimuth", defaults.azimuth()), given.number("altitude", defaults.altitude()))
          .withZeroForFlat(given.flag("zero_for_flat", false));
    }
  }

  /** Registers every function in the session (again is harmless: the newer registration wins). */
  public static void register(SparkSession spark) {
    for (Function function : Function.values()) {
      String name = function.sqlName;
      ExpressionInfo info = new ExpressionInfo(TerrainSql.class.getName(), null, name, name + "(rast"
          + function.parameters.stream().map(p -> ", " + p).reduce("", String::concat) + ") - gdaldem's "
          + Terrain.name(function.product) + " of a single-band raster, as a raster on its grid", "");
      Function1<Seq<Expression>, Expression> builder = arguments -> expression(function,
          CollectionConverters.asJava(arguments));
      spark.sessionState().functionRegistry().registerFunction(FunctionIdentifier.apply(name), info, builder);
    }
  }

  private static Expression expression(Function function, List<Expression> arguments) {
    String name = function.sqlName;
    if (arguments.isEmpty() || !(arguments.get(0).dataType() instanceof RasterUDT)) {
      throw new IllegalArgumentException(name + ": the first argument must be a raster (e.g."
          + " RS_FromGeoTiff(content)), was " + (arguments.isEmpty() ? "none" : arguments.get(0).sql()));
    }
    TerrainOptions options;
    try {
      options = function.options(SqlArguments.of(name, function.parameters, arguments.subList(1, arguments.size())));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage().startsWith(name) ? e.getMessage()
          : name + ": " + e.getMessage(), e);
    }
    TerrainProduct product = function.product;
    UDF1<GridCoverage2D, GridCoverage2D> compute = raster -> raster == null ? null
        : compute(raster, product, options, name);
    SparkUserDefinedFunction udf = ((SparkUserDefinedFunction) functions.udf(compute, RasterUDT$.MODULE$))
        .withName(name);
    return UserDefinedFunctionUtils$.MODULE$.toScalaUDF(udf,
        CollectionConverters.asScala(List.of(arguments.get(0))).toSeq());
  }

  /** The product of a whole raster, as a raster on its grid. */
  static GridCoverage2D compute(GridCoverage2D coverage, TerrainProduct product, TerrainOptions options,
      String function) throws IOException {
    try (RasterFile raster = RasterFile.of(coverage, function + " raster")) {
      RasterInfo info = raster.info();
      if (info.bandCount() > 1) {
        throw new RasterException(function + ": the raster has " + info.bandCount() + " bands; give it one, e.g."
            + " RS_Band(rast, ARRAY(1))");
      }
      TerrainKernel kernel = Terrain.kernel(product, options, info);
      HaloTile tile = raster.read(RasterReadOptions.DEFAULTS.bandToRead(), 0, 0, info.width(), info.height(), 1);
      int cellCount = info.width() * info.height();
      WritableRaster cells = kernel.outputIsByte()
          ? raster(DataBuffer.TYPE_BYTE, new DataBufferByte(kernel.applyAsBytes(tile), cellCount), info)
          : raster(DataBuffer.TYPE_FLOAT, new DataBufferFloat(kernel.apply(tile), cellCount), info);
      return RasterUtils.create(cells, coverage.getGridGeometry(), null,
          kernel.outputHasNodata() ? (double) kernel.outputNodata() : null);
    }
  }

  private static WritableRaster raster(int type, DataBuffer data, RasterInfo info) {
    return Raster.createWritableRaster(new BandedSampleModel(type, info.width(), info.height(), 1), data, null);
  }
}
