package io.geomill.proximity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.geomill.vector.LayerCrs;
import io.geomill.vector.LayerException;
import io.geomill.vector.VectorLayer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.catalyst.expressions.NamedArgumentExpression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.sedona_sql.UDT.GeometryUDT;
import org.apache.spark.sql.types.Decimal;
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
    Map<String, Object> given = values(CollectionConverters.asJava(arguments));
    try {
      for (String name : PARAMETERS.subList(0, REQUIRED)) {
        if (given.get(name) == null) {
          throw new IllegalArgumentException("argument " + name + " is required");
        }
      }
      String types = text(given, "types");
      ProximityOptions options = new ProximityOptions(number(given, "distance"),
          given.get("units") == null ? DistanceUnit.M : DistanceUnit.parse(text(given, "units")),
          text(given, "type_field"), text(given, "weight_field"),
          types == null || types.equalsIgnoreCase("all") ? null
              : Arrays.stream(types.split(",")).map(String::strip).toList(),
          text(given, "crs") == null || text(given, "crs").equalsIgnoreCase("auto") ? null : text(given, "crs"),
          given.get("layout") == null ? ProximityOptions.Layout.WIDE
              : ProximityOptions.Layout.parse(text(given, "layout")),
          text(given, "id_field"), given.get("join") == null ? null : JoinStrategy.parse(text(given, "join")));
      VectorLayer points = view(spark, "points", text(given, "points"));
      VectorLayer polygons = view(spark, "polygons", text(given, "polygons"));
      return ProximitySummary.summarize(spark, points, polygons, options).table().queryExecution().analyzed();
    } catch (IllegalArgumentException | LayerException e) {
      String message = e.getMessage();
      for (Map.Entry<String, String> names : OPTION_TO_ARGUMENT.entrySet()) {
        message = message.replace(names.getKey() + " ", names.getValue() + " ");
      }
      throw new IllegalArgumentException(FUNCTION + ": " + message, e);
    }
  }

  /** Positional arguments first, then named ones; each a constant. */
  private static Map<String, Object> values(List<Expression> arguments) {
    Map<String, Object> values = new HashMap<>();
    int position = 0;
    for (Expression argument : arguments) {
      String name;
      Expression value = argument;
      if (argument instanceof NamedArgumentExpression named) {
        name = named.key().toLowerCase(Locale.ROOT);
        value = named.value();
        if (!PARAMETERS.contains(name)) {
          throw new IllegalArgumentException(FUNCTION + ": no argument named " + name + "; its arguments: "
              + String.join(", ", PARAMETERS));
        }
      } else if (position < PARAMETERS.size()) {
        name = PARAMETERS.get(position++);
      } else {
        throw new IllegalArgumentException(FUNCTION + " takes at most " + PARAMETERS.size() + " arguments: "
            + String.join(", ", PARAMETERS));
      }
      if (!value.foldable()) {
        throw new IllegalArgumentException(FUNCTION + ": argument " + name + " must be a constant, was " + value.sql());
      }
      if (values.put(name, value.eval(null)) != null) {
        throw new IllegalArgumentException(FUNCTION + ": argument " + name + " given twice");
      }
    }
    return values;
  }

  private static String text(Map<String, Object> values, String name) {
    Object value = values.get(name);
    return value == null ? null : value.toString();
  }

  private static double number(Map<String, Object> values, String name) {
    Object value = values.get(name);
    if (value instanceof Decimal decimal) {
      return decimal.toDouble();
    }
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(value.toString().strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("argument " + name + " must be a number, was \"" + value + "\"", e);
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
