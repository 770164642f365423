package io.geomill.proximity;

import static org.apache.spark.sql.functions.expr;

import java.math.BigInteger;
import org.apache.sedona.core.utils.SedonaConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The (point, polygon) pairs within a distance, as one Sedona DistanceJoin: both sides spatially partitioned,
 * for polygons too many to broadcast ({@link JoinChoice}; the broadcast case is {@link NearbyPolygons}).
 *
 * <p>Sedona plans an {@code ST_DWithin} join condition itself: a BroadcastIndexJoin when a side carries a
 * broadcast hint or is estimated (Spark's plan statistics) within {@code sedona.join.autoBroadcastJoinThreshold}
 * (default: Spark's {@code spark.sql.autoBroadcastJoinThreshold}, 10 MB), else a DistanceJoin. Those settings are
 * the session's, read when a query runs, so a summary cannot set them for itself. Instead a side Sedona would
 * broadcast by its estimate is handed over with no estimate (rebuilt from its rows, which Spark sizes as unknown
 * and never broadcasts): that costs one conversion of its rows, bounded by the threshold, and nothing for a side
 * too big to broadcast anyway.
 *
 * <p>The points are the left side: Sedona expands their envelopes by the distance, builds
 * the KDB-tree grid ({@code sedona.join.gridtype}, default kdbtree) from a sample of them
 * ({@code sedona.join.spatitionside}, default left), indexes them per partition
 * ({@code sedona.join.indexbuildside}, default left) and streams the polygons through. The number of
 * partitions is {@code sedona.join.numpartition} when set, else the points' partition count, which is raised
 * here to the default parallelism when lower (a small or unsplittable input read as one partition would
 * otherwise be joined by one task).
 */
final class DistancePairs {
  private DistancePairs() {}

  /**
   * @param points    the left side, with geometry column {@code geometry}
   * @param polygons  the right side, with geometry column {@code geometry}, same CRS
   * @param distance  in the CRS's units
   * @return the inner join, columns of both sides qualified by aliases {@code p} and {@code g}
   */
  static Dataset<Row> join(SparkSession spark, Dataset<Row> points, Dataset<Row> polygons, String geometry,
      double distance) {
    SedonaConf sedona = new SedonaConf(spark.conf());
    Dataset<Row> left = withoutSizeEstimate(spark, spreadOverCores(spark, points, sedona), sedona);
    Dataset<Row> right = withoutSizeEstimate(spark, polygons, sedona);
    return left.as("p").join(right.as("g"), expr("ST_DWithin(p.`" + geometry + "`, g.`" + geometry + "`, "
        + distance + ")"));
  }
  private static Dataset<Row> spreadOverCores(SparkSession spark, Dataset<Row> points, SedonaConf sedona) {
    if (sedona.getFallbackPartitionNum() > 0) {
      return points; // sedona.join.numpartition is set: Sedona repartitions to it whatever the input has
    }
    int cores = spark.sparkContext().defaultParallelism();
    return points.rdd().getNumPartitions() < cores ? points.repartition(cores) : points;
  }

  private static Dataset<Row> withoutSizeEstimate(SparkSession spark, Dataset<Row> side, SedonaConf sedona) {
    long threshold = sedona.getAutoBroadcastJoinThreshold();
    BigInteger estimate = side.queryExecution().optimizedPlan().stats().sizeInBytes().bigInteger();
    if (threshold < 0 || estimate.compareTo(BigInteger.valueOf(threshold)) > 0) {
      return side;
    }
    return spark.createDataFrame(side.javaRDD(), side.schema());
  }
}
