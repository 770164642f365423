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
import io.geomill.vector.Reprojection;
import io.geomill.vector.VectorLayer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.sedona.common.Functions;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
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
   * @param internalRows  {@code table}'s rows as Spark's binary rows, when the lean CSV path makes them (long
   *                      layout, broadcast, CSV points with a coordinate pair): what a writer can take without
   *                      planning {@code table}, with their totals
   */
  public record Result(Dataset<Row> table, WorkingCrs crs, List<String> types, Map<String, List<String>> columns,
      long polygons, long skipped, long repaired, long nullWeights, JoinChoice join,
      Optional<SummaryRows> internalRows) {}

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
    // The row numbers' counting pass over the points runs while the polygons are read (two jobs at once).
    boolean rowNumbers = options.layout() == ProximityOptions.Layout.LONG && options.idField() == null;
    CsvSplits csvLines = rowNumbers && points.csv() != null ? CsvSplits.of(points.rows()).orElse(null) : null;
    Supplier<RowNumbers.Numbered> numbered = rowNumbers ? RowNumbers.start(points.rows(), csvLines) : () -> null;
    PolygonRead read = readPolygons(typed, polygons, options, spark.conf());
    PolygonStats stats = read.stats();
    if (stats.badWeight() != null) {
      throw new LayerException("polygons layer " + polygons.uri() + ": --weight-field " + options.weightField()
          + " holds values that are not numbers, e.g. \"" + stats.badWeight() + "\"");
    }
    long all = stats.all();
    long used = stats.used();
    if (all == 0) {
      throw new LayerException("polygons layer " + polygons.uri() + ": the layer is empty (no features)");
    }
    if (used == 0) {
      throw new LayerException("polygons layer " + polygons.uri() + ": none of its " + all + " polygons has a"
          + " geometry and a type");
    }
    RowNumbers.Numbered pointNumbers = numbered.get();
    boolean noPoints = pointNumbers != null ? pointNumbers.count() == 0 : points.rows().isEmpty();
    if (noPoints) {
      throw new LayerException("points layer " + points.uri() + ": the layer is empty (no features)");
    }
    WorkingCrs working = options.crs() != null ? WorkingCrs.given(options.crs())
        : WorkingCrs.choose(polygons.crs(), stats.lonLatExtent());
    double distance = options.distanceMetres() / working.crs().metresPerUnit().orElseThrow();
    List<String> types = options.types() != null ? options.types() : sortedTypes(stats.types());

    Supplier<Dataset<Row>> numberedPoints = () -> pointNumbers != null ? pointNumbers.rows(points.rows(), PID)
        : points.rows().withColumn(PID, monotonically_increasing_id());
    Column pointId = options.idField() == null ? col(PID).as(POINT_ID) : col(options.idField()).as(POINT_ID);
    Map<String, List<String>> columns = columnNames(types, points.fields());
    boolean wide = options.layout() == ProximityOptions.Layout.WIDE;
    JoinChoice join = JoinChoice.choose(options.join(), used, stats.vertices(), spark.conf());
    Dataset<Row> table;
    SummaryRows internalRows = null;
    if (join.strategy() == JoinStrategy.BROADCAST) {
      NearbyPolygons nearby = nearby(spark, read.rows(), types, distance, points, polygons, working, wide);
      if (csvLines != null && points.csv().coordinatePair()) {
        // the points' file read as lines, without Spark's CSV reader (rows numbered as they are read)
        internalRows = CsvPointSummary.longLayout(spark, csvLines, pointNumbers.firstRow(), points.csv(), nearby);
        table = ((org.apache.spark.sql.classic.SparkSession) spark).internalCreateDataFrame(internalRows.rdd(),
            internalRows.schema(), false);
      } else {
        Column summary = functions.udf(nearby, NearbyPolygons.returnType(columnsOf(types, columns, 0),
            columnsOf(types, columns, 1), wide)).apply(col("`" + points.geometryColumn() + "`"));
        table = wide ? withSummary(points.rows(), summary)
            : numberedPoints.get().select(pointId, functions.inline(summary));
        if (!wide && options.idField() != null) {
          table = table.orderBy(col(POINT_ID), col(NearbyPolygons.TYPE)); // row numbers come in order already
        }
      }
    } else {
      Dataset<Row> pts = numberedPoints.get();
      Column usable = col(MGEOM).isNotNull().and(expr("NOT ST_IsEmpty(" + MGEOM + ")")).and(col(TYPE).isNotNull());
      Dataset<Row> chosen = typed.where(usable.and(col(TYPE).isin(types.toArray()))).select(col(TYPE),
          coalesce(col(WEIGHT).try_cast(DataTypes.DoubleType), lit(0.0)).as(WEIGHT),
          toWorking("ST_MakeValid(" + MGEOM + ")", polygons.crs(), working).as(MGEOM));
      Dataset<Row> located = pts.select(col(PID), pointId, toWorking("`" + points.geometryColumn() + "`",
              points.crs(), working).as(MGEOM))
          // Sedona's joins fail on a null geometry; such points have no pairs (zeros in the wide layout).
          .where(col(MGEOM).isNotNull().and(expr("NOT ST_IsEmpty(" + MGEOM + ")")));
      Dataset<Row> pairs = DistancePairs.join(spark, located, chosen, MGEOM, distance)
          .select(col("p." + PID).as(PID), col("p." + POINT_ID).as(POINT_ID), col("g." + TYPE).as(TYPE),
              col("g." + WEIGHT).as(WEIGHT));
      table = wide ? wideLayout(pts, pairs, types, columns) : longLayout(pairs);
    }
    return new Result(table, working, types, columns, used, all - used, stats.invalid(), stats.nullWeights(),
        join, Optional.ofNullable(internalRows));
  }

  /**
   * The broadcast path's per-point summary ({@link NearbyPolygons}): the polygons read once on the
   * driver (few, by the join choice), those of the reported types repaired as ST_MakeValid repairs them and
   * brought into the working CRS, and broadcast.
   *
   * @param rows the polygons' (type, weight, geometry) rows, as collected
   */
  private static NearbyPolygons nearby(SparkSession spark, List<Row> rows, List<String> types, double distance,
      VectorLayer points, VectorLayer polygons, WorkingCrs working, boolean wide) {
    Map<String, Integer> typeIndex = new HashMap<>();
    for (String type : types) {
      typeIndex.put(type, typeIndex.size());
    }
    Reprojection toWorking = Reprojection.between(polygons.crs(), working.crs());
    List<Geometry> geometries = new ArrayList<>();
    List<Integer> typeOf = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    for (Row row : rows) {
      String type = row.getString(0);
      Geometry geometry = (Geometry) row.get(2);
      if (!PolygonStats.usable(type, geometry) || !typeIndex.containsKey(type)) {
        continue;
      }
      Geometry valid = Functions.makeValid(geometry, false);
      try {
        geometries.add(toWorking == null ? valid : toWorking.call(valid));
      } catch (Exception e) {
        throw new LayerException("polygons layer " + polygons.uri() + ": a polygon cannot be brought into "
            + working.describe() + ": " + e.getMessage(), e);
      }
      typeOf.add(typeIndex.get(type));
      Double weight = PolygonStats.weight(row.get(1));
      weights.add(weight == null ? 0.0 : weight);
    }
    Broadcast<PolygonIndex> index = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .broadcast(new PolygonIndex(geometries.toArray(Geometry[]::new),
            typeOf.stream().mapToInt(Integer::intValue).toArray(),
            weights.stream().mapToDouble(Double::doubleValue).toArray()));
    return new NearbyPolygons(index, Reprojection.between(points.crs(), working.crs()), distance, types, wide);
  }

  /** The count ({@code index} 0) or sum (1) column names of the types, in their order. */
  private static List<String> columnsOf(List<String> types, Map<String, List<String>> columns, int index) {
    return types.stream().map(type -> columns.get(type).get(index)).toList();
  }

  /** Every point's columns, then its count_/sum_ columns. */
  private static Dataset<Row> withSummary(Dataset<Row> points, Column summary) {
    String struct = "__geomill_summary";
    List<Column> out = new ArrayList<>();
    for (String field : points.columns()) {
      out.add(col("`" + field + "`"));
    }
    out.add(col(struct + ".*"));
    return points.withColumn(struct, summary).select(out.toArray(Column[]::new));
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

  /**
   * The polygons' figures, and their rows when they are few.
   *
   * @param rows the (type, weight, geometry) rows of every polygon; null when the layer was too large to collect
   */
  private record PolygonRead(PolygonStats stats, List<Row> rows) {}

  /**
   * Reads the polygons once when they may be broadcast: up to the broadcast limit of polygons (one more row tells
   * that there are more) they are collected, and their figures counted on the driver from the same rows. A larger
   * layer, or one the options say to partition, is counted in Spark, partition by partition, and is joined there.
   * Asked to broadcast, every polygon is collected.
   */
  private static PolygonRead readPolygons(Dataset<Row> typed, VectorLayer polygons, ProximityOptions options,
      RuntimeConfig conf) {
    Reprojection toLonLat = Reprojection.between(polygons.crs(), LayerCrs.parse("EPSG:4326"));
    boolean collectTypes = options.types() == null;
    JoinStrategy requested = options.join() == null ? JoinStrategy.AUTO : options.join();
    if (requested != JoinStrategy.PARTITIONED) {
      long limit = JoinChoice.maxPolygons(conf);
      List<Row> rows = requested == JoinStrategy.BROADCAST ? typed.collectAsList()
          : typed.limit((int) Math.min(Integer.MAX_VALUE, limit + 1)).collectAsList();
      if (requested == JoinStrategy.BROADCAST || rows.size() <= limit) {
        PolygonStats stats = new PolygonStats(collectTypes);
        rows.forEach(row -> add(stats, row, toLonLat, polygons.uri()));
        return new PolygonRead(stats, rows);
      }
    }
    PolygonStats stats = new PolygonStats(collectTypes);
    String uri = polygons.uri();
    typed.toJavaRDD().mapPartitions(partition -> {
      PolygonStats part = new PolygonStats(collectTypes);
      partition.forEachRemaining(row -> add(part, row, toLonLat, uri));
      return List.of(part).iterator();
    }).collect().forEach(stats::merge);
    return new PolygonRead(stats, null);
  }

  private static void add(PolygonStats stats, Row row, Reprojection toLonLat, String layerUri) {
    try {
      stats.add(row.getString(0), row.get(1), (Geometry) row.get(2), toLonLat);
    } catch (Exception e) {
      throw new LayerException("polygons layer " + layerUri + ": a polygon cannot be brought into"
          + " longitude/latitude: " + e.getMessage(), e);
    }
  }

  /** Numeric order when every type is a number, else text order. */
  private static List<String> sortedTypes(List<String> distinct) {
    List<String> types = new ArrayList<>(distinct);
    boolean numeric = types.stream().allMatch(t -> t.matches("-?\\d+(\\.\\d+)?"));
    types.sort(numeric ? (a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)) : String::compareTo);
    return types;
  }

  /** The geometry in the working CRS (GeoTools through {@link Reprojection}, as Sedona's ST_Transform). */
  private static Column toWorking(String geometrySql, LayerCrs from, WorkingCrs to) {
    return Reprojection.column(expr(geometrySql), from, to.crs());
  }

  private static void requireField(VectorLayer layer, String role, String field, String option) {
    if (field == null || layer.fields().contains(field)) {
      return;
    }
    throw new LayerException(role + " layer " + layer.uri() + ": " + option + " " + field + ": no such field;"
        + " its fields: " + String.join(", ", layer.fields()));
  }
}
