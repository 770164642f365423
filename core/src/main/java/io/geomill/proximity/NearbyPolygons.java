package io.geomill.proximity;

import io.geomill.vector.Reprojection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.locationtech.jts.geom.Geometry;

/**
 * The broadcast summary of one point, as a Spark UDF on its geometry: the point is reprojected to the working
 * CRS, the broadcast polygons' STRtree is asked for those within the distance, and their count and weight sum
 * per type are returned. The points are neither moved nor joined: each task streams its own share of them and
 * the summary comes out of the same pass (no pairs, no shuffle, no aggregation).
 *
 * <p>Wide layout: a struct of {@code count_<type>, sum_<type>} for every type (zeros when none, also for a
 * point without geometry). Long layout: an array of {@code (type, count, sum)} for the types with count > 0,
 * in text order of the type (the order the partitioned path sorts them in).
 */
final class NearbyPolygons implements UDF1<Geometry, Object> {
  private static final long serialVersionUID = 1L;
  static final String TYPE = "type";
  static final String COUNT = "count";
  static final String SUM = "sum";

  private final Broadcast<PolygonIndex> polygons;
  private final Reprojection toWorking;
  private final double distance;
  private final List<String> types;
  private final int[] textOrder;
  private final boolean wide;

  /**
   * @param toWorking from the points' CRS to the polygons' (working) CRS; null when they are the same
   * @param types     the types, in the order of {@code PolygonIndex}'s type indexes (the wide columns' order)
   */
  NearbyPolygons(Broadcast<PolygonIndex> polygons, Reprojection toWorking, double distance, List<String> types,
      boolean wide) {
    this.polygons = polygons;
    this.toWorking = toWorking;
    this.distance = distance;
    this.types = List.copyOf(types);
    this.textOrder = IntStream.range(0, types.size()).boxed()
        .sorted((a, b) -> types.get(a).compareTo(types.get(b))).mapToInt(Integer::intValue).toArray();
    this.wide = wide;
  }

  /**
   * Adds to {@code counts[t]} and {@code sums[t]} the polygons of type t ({@link #types} order) within the
   * distance of {@code point} (in the points' CRS); nothing for a null or empty point.
   */
  void add(Geometry point, long[] counts, double[] sums) throws Exception {
    if (point != null && !point.isEmpty()) {
      polygons.value().accumulate(toWorking == null ? point : toWorking.call(point), distance, counts, sums);
    }
  }

  /** The types, in the order of {@link #add}'s arrays. */
  List<String> types() {
    return types;
  }

  /** The type indexes in text order of the types: the long layout's order of a point's rows. */
  int[] textOrder() {
    return textOrder.clone();
  }

  /** What {@link #call} returns, for {@code functions.udf}. */
  static DataType returnType(List<String> countNames, List<String> sumNames, boolean wide) {
    if (!wide) {
      return DataTypes.createArrayType(new StructType(new StructField[] {
          DataTypes.createStructField(TYPE, DataTypes.StringType, false),
          DataTypes.createStructField(COUNT, DataTypes.LongType, false),
          DataTypes.createStructField(SUM, DataTypes.DoubleType, false)}), false);
    }
    List<StructField> fields = new ArrayList<>();
    for (int t = 0; t < countNames.size(); t++) {
      fields.add(DataTypes.createStructField(countNames.get(t), DataTypes.LongType, false));
      fields.add(DataTypes.createStructField(sumNames.get(t), DataTypes.DoubleType, false));
    }
    return DataTypes.createStructType(fields);
  }

  @Override
  public Object call(Geometry point) throws Exception {
    long[] counts = new long[types.size()];
    double[] sums = new double[types.size()];
    add(point, counts, sums);
    if (wide) {
      Object[] values = new Object[2 * types.size()];
      for (int t = 0; t < counts.length; t++) {
        values[2 * t] = counts[t];
        values[2 * t + 1] = sums[t];
      }
      return RowFactory.create(values);
    }
    List<Row> nonZero = new ArrayList<>(2);
    for (int t : textOrder) {
      if (counts[t] > 0) {
        nonZero.add(RowFactory.create(types.get(t), counts[t], sums[t]));
      }
    }
    return nonZero;
  }
}
