package io.geomill.spark;

import io.geomill.proximity.ProximitySql;
import org.apache.spark.sql.SparkSession;

/** The SQL functions GeoMill adds to a session, all registered here (by {@link GeoMillSpark#withSedona}). */
public final class GeoMillSql {
  private GeoMillSql() {}

  public static void register(SparkSession spark) {
    ProximitySql.register(spark);
  }
}
