package io.geomill.proximity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.geomill.spark.SqlArguments;
import io.geomill.vector.LayerCrs;
import io.geomill.vector.LayerException;
import io.geomill.vector.VectorLayer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.sedona_sql.UDT.GeometryUDT;
import org.apache.spark.sql.types.StructField;
import scala.Function1;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The summary as a Spark SQL table-valued function, for notebook users:
 * {@code SELECT * FROM gm_proximity_summary('points_view', 'polygons_view', 200, 'type', 'w_idx')}.
 *
 * <p>Arguments, by position or by name ({@code layout => 'long'}); NULL or left out means the default:
 * {@code points, polygons} (view or table names), {@code distance}, {@code type_field, weight_field},
 * {@code units} (m, km, ft), {@code layout} (wide, long), {@code crs} (the working CRS, as {@code --crs}),
 * {@code id_field}, {@code types} ('1,2,3'), {@code join} (auto, broadcast, partitioned). A view's geometry is
 * its first geometry column; its CRS is the SRID of its first geometry (Sedona geometries carry one: the
 * shapefile, GeoParquet and GeoPackage readers set it, {@code ST_SetSRID} sets it), which must be an EPSG code,
 * and which all its geometries must share.
 *
 * <p>The function runs the summary's preparation (the polygons' counts, CRS and types) when the query is
 * analysed, like {@link ProximitySummary#summarize}; the join runs with the query.
 */
public final class ProximitySql {
  public static final String FUNCTION = "gm_proximity_summary";
  static final List<String> PARAMETERS = List.of("points", "polygons", "distance", "type_field", "weight_field",
      "units", "layout", "crs", "id_field", "types", "join");
  private static final int REQUIRED = 3;
  /** The library's messages name the job's options; a SQL user knows the arguments. */
  private static final Map<String, String> OPTION_TO_ARGUMENT = Map.of("--type-field", "type_field",
      "--weight-field", "weight_field", "--id-field", "id_field", "--crs", "crs");

  private ProximitySql() {}

  /** Registers the function in the session (again is harmless: the newer registration wins). */
  public static void register(SparkSession spark) {
    ExpressionInfo info = new ExpressionInfo(ProximitySql.class.getName(), null, FUNCTION,
        FUNCTION + "(points, polygons, distance [, type_field, weight_field, units, layout, crs, id_field, types,"
            + " join]) - for every point and polygon type, the number of polygons within distance and the sum of"
            + " their weights", "");
    Function1<Seq<Expression>, LogicalPlan> builder = arguments -> plan(SparkSession.active(), arguments);
    spark.sessionState().tableFunctionRegistry().registerFunction(FunctionIdentifier.apply(FUNCTION), info, builder);
  }

  private static LogicalPlan plan(SparkSession spark, Seq<Expression> arguments) {
    SqlArguments given = SqlArguments.of(FUNCTION, PARAMETERS, CollectionConverters.asJava(arguments));
    try {
      for (String name : PARAMETERS.subList(0, REQUIRED)) {
        if (!given.has(name)) {
          throw new IllegalArgumentException("argument " + name + " is required");
        }
      }
      String types = given.text("types");
      ProximityOptions options = new ProximityOptions(given.number("distance", Double.NaN),
          !given.has("units") ? DistanceUnit.M : DistanceUnit.parse(given.text("units")),
          given.text("type_field"), given.text("weight_field"),
          types == null || types.equalsIgnoreCase("all") ? null
              : Arrays.stream(types.split(",")).map(String::strip).toList(),
          given.text("crs") == null || given.text("crs").equalsIgnoreCase("auto") ? null : given.text("crs"),
          !given.has("layout") ? ProximityOptions.Layout.WIDE
              : ProximityOptions.Layout.parse(given.text("layout")),
          given.text("id_field"), !given.has("join") ? null : JoinStrategy.parse(given.text("join")));
      VectorLayer points = view(spark, "points", given.text("points"));
      VectorLayer polygons = view(spark, "polygons", given.text("polygons"));
      return ProximitySummary.summarize(spark, points, polygons, options).table().queryExecution().analyzed();
    } catch (IllegalArgumentException | LayerException e) {
      String message = e.getMessage();
      for (Map.Entry<String, String> names : OPTION_TO_ARGUMENT.entrySet()) {
        message = message.replace(names.getKey() + " ", names.getValue() + " ");
      }
      throw new IllegalArgumentException(FUNCTION + ": " + message, e);
    }
  }

  /** A view as a layer: its first geometry column, in the CRS of its first geometry's SRID. */
  private static VectorLayer view(SparkSession spark, String role, String name) {
    Dataset<Row> rows = spark.table(name);
    String geometry = Arrays.stream(rows.schema().fields()).filter(f -> f.dataType() instanceof GeometryUDT)
        .map(StructField::name).findFirst().orElseThrow(() -> new LayerException(role + " view " + name
            + ": no geometry column; its columns: " + String.join(", ", rows.columns())));
    List<Row> first = rows.where(col(geometry).isNotNull()).select(expr("ST_SRID(`" + geometry + "`)")).limit(1)
        .collectAsList();
    if (first.isEmpty()) {
      throw new LayerException(role + " view " + name + ": no row has a geometry");
    }
    int srid = first.get(0).getInt(0);
    if (srid <= 0) {
      throw new LayerException(role + " view " + name + ": its geometries have no SRID, so their CRS is unknown;"
          + " set it in the view, e.g. ST_SetSRID(" + geometry + ", 4326) for longitude/latitude");
    }
    LayerCrs crs;
    try {
      crs = LayerCrs.parse("EPSG:" + srid);
    } catch (IllegalArgumentException e) {
      throw new LayerException(role + " view " + name + ": SRID " + srid + " is not an EPSG code GeoMill knows;"
          + " set the layer's EPSG code with ST_SetSRID", e);
    }
    return new VectorLayer(name, null, rows, geometry, crs);
  }
}
