package io.geomill.proximity;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.geomill.vector.LayerCrs;
import io.geomill.vector.LayerException;
import io.geomill.vector.VectorLayer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.locationtech.jts.geom.Geometry;

/**
 * For every point and every polygon type: how many polygons lie within the search distance, and the sum of
 * their weights. "Within D" is a minimum planar distance <= D in the working CRS (0 when the point is inside).
 *
 * <p>The pairs come from one Sedona distance join ({@code ST_DWithin}), never a cartesian product: the polygons
 * broadcast as an R-tree when they are small, else both sides spatially partitioned on a KDB-tree of the points
 * ({@link JoinChoice}, {@link DistancePairs}). Either way a dense downtown does not make a straggler: broadcast,
 * each task reads an equal share of the points, which are not moved; partitioned, the grid is cut where the
 * points are dense. The pairs (few next to the points) are then counted per point and type.
 */
public final class ProximitySummary {
  public static final String COUNT_PREFIX = "count_";
  public static final String SUM_PREFIX = "sum_";
  public static final String POINT_ID = "point_id";
  static final String PID = "__geomill_pid";
  private static final String MGEOM = "__geomill_mgeom";
  private static final String TYPE = "__geomill_type";
  private static final String WEIGHT = "__geomill_weight";

  /**
   * @param table         the summary, in the layout asked for
   * @param crs           the CRS distances were measured in
   * @param types         the types reported, in column order
   * @param columns       for the wide layout: type -> its (count, sum) column names
   * @param polygons      polygons used
   * @param skipped       polygons left out: no geometry or empty, or no type
   * @param repaired      invalid polygons repaired with ST_MakeValid before measuring
   * @param nullWeights   polygons whose weight is null, counted with weight 0
   * @param join          the join strategy and why it was chosen
   */
  public record Result(Dataset<Row> table, WorkingCrs crs, List<String> types, Map<String, List<String>> columns,
      long polygons, long skipped, long repaired, long nullWeights, JoinChoice join) {}

  private ProximitySummary() {}

  public static Result summarize(SparkSession spark, VectorLayer points, VectorLayer polygons,
      ProximityOptions options) {
    requireField(polygons, "polygons", options.typeField(), "--type-field");
    requireField(polygons, "polygons", options.weightField(), "--weight-field");
    requireField(points, "points", options.idField(), "--id-field");

    Dataset<Row> typed = polygons.rows().select(
        options.typeField() == null ? lit(ProximityOptions.ALL_TYPES).as(TYPE)
            : col(options.typeField()).cast(DataTypes.StringType).as(TYPE),
        options.weightField() == null ? lit(1.0).as(WEIGHT) : col(options.weightField()).as(WEIGHT),
        col(polygons.geometryColumn()).as(MGEOM));
    checkWeights(typed, polygons, options.weightField());

    Dataset<Row> usable = typed.where(col(MGEOM).isNotNull().and(expr("NOT ST_IsEmpty(" + MGEOM + ")"))
        .and(col(TYPE).isNotNull()));
    Row counts = typed.agg(count(lit(1)), count(when(col(WEIGHT).isNull(), 1))).first();
    Row usableCounts = usable.agg(count(lit(1)), count(when(expr("NOT ST_IsValid(" + MGEOM + ")"), 1)),
        expr("ST_Envelope_Aggr(" + transform(MGEOM, polygons.crs().sedonaCode(), "EPSG:4326") + ")"),
        coalesce(sum(expr("ST_NPoints(" + MGEOM + ")")), lit(0L))).first();
    long all = counts.getLong(0);
    long used = usableCounts.getLong(0);
    if (all == 0) {
      throw new LayerException("polygons layer " + polygons.uri() + ": the layer is empty (no features)");
    }
    if (used == 0) {
      throw new LayerException("polygons layer " + polygons.uri() + ": none of its " + all + " polygons has a"
          + " geometry and a type");
    }
    if (points.rows().isEmpty()) {
      throw new LayerException("points layer " + points.uri() + ": the layer is empty (no features)");
    }
    WorkingCrs working = options.crs() != null ? WorkingCrs.given(options.crs())
        : WorkingCrs.choose(polygons.crs(), ((Geometry) usableCounts.get(2)).getEnvelopeInternal());
    double distance = options.distanceMetres() / working.crs().metresPerUnit().orElseThrow();

    Dataset<Row> polys = usable.select(col(TYPE), coalesce(asDouble(col(WEIGHT)), lit(0.0))
        .as(WEIGHT), toWorking("ST_MakeValid(" + MGEOM + ")", polygons.crs(), working).as(MGEOM));
    List<String> types = options.types() != null ? options.types() : distinctTypes(polys);

    Dataset<Row> pts = options.layout() == ProximityOptions.Layout.LONG && options.idField() == null
        ? withRowNumbers(spark, points.rows()) : points.rows().withColumn(PID, monotonically_increasing_id());
    Dataset<Row> located = pts.select(col(PID), options.idField() == null ? col(PID).as(POINT_ID)
        : col(options.idField()).as(POINT_ID), toWorking("`" + points.geometryColumn() + "`", points.crs(), working)
        .as(MGEOM))
        // Sedona's joins fail on a null geometry; such points have no pairs (zeros in the wide layout).
        .where(col(MGEOM).isNotNull().and(expr("NOT ST_IsEmpty(" + MGEOM + ")")));
    JoinChoice join = JoinChoice.choose(options.join(), used, ((Number) usableCounts.get(3)).longValue(),
        spark.conf());
    Dataset<Row> pairs = DistancePairs.join(spark, located, polys.where(col(TYPE).isin(types.toArray())), MGEOM,
            distance, join.strategy())
        .select(col("p." + PID).as(PID), col("p." + POINT_ID).as(POINT_ID), col("g." + TYPE).as(TYPE),
            col("g." + WEIGHT).as(WEIGHT));

    Map<String, List<String>> columns = columnNames(types, points.fields());
    Dataset<Row> table = options.layout() == ProximityOptions.Layout.LONG ? longLayout(pairs)
        : wideLayout(pts, pairs, types, columns);
    return new Result(table, working, types, columns, used, all - used, usableCounts.getLong(1), counts.getLong(1),
        join);
  }

  private static Dataset<Row> longLayout(Dataset<Row> pairs) {
    return pairs.groupBy(col(POINT_ID), col(TYPE).as("type"))
        .agg(count(lit(1)).as("count"), sum(col(WEIGHT)).as("sum")).orderBy(col(POINT_ID), col("type"));
  }

  private static Dataset<Row> wideLayout(Dataset<Row> points, Dataset<Row> pairs, List<String> types,
      Map<String, List<String>> columns) {
    List<Column> perType = new ArrayList<>();
    for (String type : types) {
      perType.add(count(when(col(TYPE).equalTo(type), 1)).as(columns.get(type).get(0)));
      perType.add(coalesce(sum(when(col(TYPE).equalTo(type), col(WEIGHT))), lit(0.0)).as(columns.get(type).get(1)));
    }
    Dataset<Row> perPoint = pairs.groupBy(col(PID)).agg(perType.get(0), perType.subList(1, perType.size())
        .toArray(Column[]::new));
    List<Column> out = new ArrayList<>();
    for (String field : points.columns()) {
      if (!field.equals(PID)) {
        out.add(col("p.`" + field + "`"));
      }
    }
    for (String type : types) {
      String countColumn = columns.get(type).get(0);
      String sumColumn = columns.get(type).get(1);
      out.add(coalesce(col("s.`" + countColumn + "`"), lit(0L)).as(countColumn));
      out.add(coalesce(col("s.`" + sumColumn + "`"), lit(0.0)).as(sumColumn));
    }
    return points.as("p").join(perPoint.as("s"), col("p." + PID).equalTo(col("s." + PID)), "left_outer")
        .select(out.toArray(Column[]::new));
  }

  /** count_/sum_ column names per type: letters, digits and _ kept, unique among themselves and the fields. */
  static Map<String, List<String>> columnNames(List<String> types, List<String> fields) {
    Set<String> taken = new HashSet<>();
    fields.forEach(field -> taken.add(field.toLowerCase()));
    Map<String, List<String>> names = new LinkedHashMap<>();
    for (String type : types) {
      String base = type.replaceAll("[^A-Za-z0-9_]", "_");
      String suffix = base;
      for (int n = 2; taken.contains((COUNT_PREFIX + suffix).toLowerCase())
          || taken.contains((SUM_PREFIX + suffix).toLowerCase()); n++) {
        suffix = base + "_" + n;
      }
      taken.add((COUNT_PREFIX + suffix).toLowerCase());
      taken.add((SUM_PREFIX + suffix).toLowerCase());
      names.put(type, List.of(COUNT_PREFIX + suffix, SUM_PREFIX + suffix));
    }
    return names;
  }

  private static List<String> distinctTypes(Dataset<Row> polys) {
    List<String> types = new ArrayList<>();
    for (Row row : polys.select(col(TYPE)).distinct().collectAsList()) {
      types.add(row.getString(0));
    }
    boolean numeric = types.stream().allMatch(t -> t.matches("-?\\d+(\\.\\d+)?"));
    types.sort(numeric ? (a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)) : String::compareTo);
    return types;
  }

  /** 0-based row numbers in input order (one extra pass over the points to count each partition). */
  private static Dataset<Row> withRowNumbers(SparkSession spark, Dataset<Row> points) {
    StructType schema = points.schema().add(PID, DataTypes.LongType, false);
    JavaRDD<Row> numbered = points.javaRDD().zipWithIndex().map(pair -> {
      Object[] values = new Object[pair._1().size() + 1];
      for (int i = 0; i < pair._1().size(); i++) {
        values[i] = pair._1().get(i);
      }
      values[values.length - 1] = pair._2();
      return RowFactory.create(values);
    });
    return spark.createDataFrame(numbered, schema);
  }

  private static Column toWorking(String geometrySql, LayerCrs from, WorkingCrs to) {
    return expr(transform(geometrySql, from.sedonaCode(), to.crs().sedonaCode()));
  }

  /** SQL for {@code geometry} in CRS {@code to}; the geometry itself when it is in it already. */
  private static String transform(String geometry, String from, String to) {
    return from.equals(to) ? geometry
        : "ST_Transform(" + geometry + ", '" + escape(from) + "', '" + escape(to) + "')";
  }

  private static void checkWeights(Dataset<Row> typed, VectorLayer polygons, String weightField) {
    if (weightField == null) {
      return;
    }
    Row bad = typed.where(col(WEIGHT).isNotNull().and(asDouble(col(WEIGHT)).isNull()))
        .select(col(WEIGHT).cast(DataTypes.StringType)).limit(1).collectAsList().stream().findFirst().orElse(null);
    if (bad != null) {
      throw new LayerException("polygons layer " + polygons.uri() + ": --weight-field " + weightField + " holds"
          + " values that are not numbers, e.g. \"" + bad.getString(0) + "\"");
    }
  }

  /** Null for what is not a number (Spark 4's ANSI mode would fail the whole job on a bad cast). */
  private static Column asDouble(Column value) {
    return value.try_cast(DataTypes.DoubleType);
  }

  private static void requireField(VectorLayer layer, String role, String field, String option) {
    if (field == null || layer.fields().contains(field)) {
      return;
    }
    throw new LayerException(role + " layer " + layer.uri() + ": " + option + " " + field + ": no such field;"
        + " its fields: " + String.join(", ", layer.fields()));
  }

  private static String escape(String sqlText) {
    return sqlText.replace("\\", "\\\\").replace("'", "\\'");
  }
}
