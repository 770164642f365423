package io.geomill.proximity;

import java.util.Locale;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.sql.RuntimeConfig;

/**
 * The join strategy of one summary, and why.
 *
 * <p>Broadcasting sends every polygon to the driver and then to every executor, which each hold them as an
 * R-tree: unbeatable for a few thousand polygons (the points are never shuffled), wrong when the polygons do
 * not fit comfortably in an executor's memory. So {@link JoinStrategy#AUTO} broadcasts only when the polygons
 * are at most {@value #MAX_POLYGONS_DEFAULT} and their coordinates take at most {@value #MAX_BYTES_DEFAULT}
 * ({@value #BYTES_PER_VERTEX} bytes per vertex: two doubles, before the geometry objects' overhead, which
 * multiplies it by about 3 in an executor's heap). Both limits are Spark settings, {@value #MAX_POLYGONS_CONF}
 * and {@value #MAX_BYTES_CONF}, read when the summary is made.
 *
 * @param strategy BROADCAST or PARTITIONED, never AUTO
 * @param reason   why, for the job's summary
 */
public record JoinChoice(JoinStrategy strategy, String reason) {
  public static final String MAX_POLYGONS_CONF = "geomill.proximity.broadcastMaxPolygons";
  public static final String MAX_BYTES_CONF = "geomill.proximity.broadcastMaxBytes";
  static final long MAX_POLYGONS_DEFAULT = 50_000;
  static final String MAX_BYTES_DEFAULT = "32m";
  static final long BYTES_PER_VERTEX = 16;
  public static final String DRIVER_READ_MAX_BYTES_CONF = "geomill.proximity.driverReadMaxBytes";
  static final String DRIVER_READ_MAX_BYTES_DEFAULT = "16m";

  /**
   * @param requested what the caller asked for; null is AUTO
   * @param polygons  the polygons to be joined
   * @param vertices  their vertices, all together
   */
  public static JoinChoice choose(JoinStrategy requested, long polygons, long vertices, RuntimeConfig conf) {
    String size = String.format(Locale.ROOT, "%,d polygons, %s of coordinates", polygons,
        megabytes(vertices * BYTES_PER_VERTEX));
    if (requested != null && requested != JoinStrategy.AUTO) {
      return new JoinChoice(requested, "asked for; " + size);
    }
    long maxPolygons = maxPolygons(conf);
    long maxBytes = setting(conf, MAX_BYTES_CONF, MAX_BYTES_DEFAULT, JavaUtils::byteStringAsBytes);
    String limits = String.format(Locale.ROOT, "broadcast limits %,d polygons and %s (%s, %s)", maxPolygons,
        megabytes(maxBytes), MAX_POLYGONS_CONF, MAX_BYTES_CONF);
    boolean small = polygons <= maxPolygons && vertices * BYTES_PER_VERTEX <= maxBytes;
    return new JoinChoice(small ? JoinStrategy.BROADCAST : JoinStrategy.PARTITIONED,
        size + (small ? ", within the " : ", over the ") + limits);
  }

  /** The most polygons a broadcast takes ({@value #MAX_POLYGONS_CONF}). */
  public static long maxPolygons(RuntimeConfig conf) {
    return setting(conf, MAX_POLYGONS_CONF, String.valueOf(MAX_POLYGONS_DEFAULT), Long::parseLong);
  }

  /**
   * The largest polygon layer, in bytes of its files, that is read on the driver, without a Spark job
   * ({@value #DRIVER_READ_MAX_BYTES_CONF}, default {@value #DRIVER_READ_MAX_BYTES_DEFAULT}): a layer that small
   * is broadcast, so its rows come to the driver anyway; a larger one is read by Spark's tasks, in parallel.
   */
  public static long driverReadMaxBytes(RuntimeConfig conf) {
    return setting(conf, DRIVER_READ_MAX_BYTES_CONF, DRIVER_READ_MAX_BYTES_DEFAULT, JavaUtils::byteStringAsBytes);
  }

  public String describe() {
    return strategy.name().toLowerCase(Locale.ROOT) + " (" + reason + ")";
  }

  private interface Parser {
    long parse(String text);
  }

  private static long setting(RuntimeConfig conf, String key, String fallback, Parser parser) {
    String value = conf.get(key, fallback);
    try {
      return parser.parse(value.strip());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(key + " = \"" + value + "\": not a number"
          + (key.endsWith("Bytes") ? " of bytes (e.g. 32m, 1g)" : ""), e);
    }
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }
}
