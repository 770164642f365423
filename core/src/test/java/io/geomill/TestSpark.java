package io.geomill;

import io.geomill.spark.GeoMillSpark;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** The one SparkSession of a test JVM: local[2], no UI, Sedona registered. */
public final class TestSpark {
  private static SparkSession session;

  private TestSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      session = GeoMillSpark.withSedona(GeoMillSpark.session(GeoMillSpark.conf("geomill-tests", "local[2]", Map.of(
          "spark.ui.enabled", "false",
          "spark.sql.shuffle.partitions", "2",
          "spark.driver.host", "127.0.0.1",
          "spark.driver.bindAddress", "127.0.0.1"))));
    }
    return session;
  }
}
