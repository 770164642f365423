package io.geomill.spark;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.geomill.fs.NioLocalFileSystem;
import org.apache.hadoop.conf.Configuration;
import org.apache.sedona.spark.SedonaContext;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * The one way GeoMill makes its Spark configuration and session, so a job behaves the same from the launcher,
 * spark-submit and a notebook. Precedence, highest first: {@code --conf} values; what spark-submit or
 * {@code -Dspark.*} already set; {@code conf/spark-defaults.conf} (found through the {@code geomill.conf.dir}
 * system property); built-in defaults. The master is set only when nothing set it already: under
 * spark-submit, its {@code --master} wins.
 */
public final class GeoMillSpark {
  public static final String CONF_DIR_PROPERTY = "geomill.conf.dir";
  private static final String HADOOP_PREFIX = "spark.hadoop.";
  private static final String NO_ANALYTICS = "SCARF_NO_ANALYTICS";
  /** Spark's local masters: local, local[N], local[*], local[N,F], local[*,F]. */
  private static final Pattern LOCAL_MASTER = Pattern.compile("local(?:\\[(\\d+|\\*)(?:,\\d+)?])?");

  private GeoMillSpark() {}

  public static SparkConf conf(String appName, String defaultMaster, Map<String, String> overrides) {
    SparkConf conf = new SparkConf(); // picks up spark.* system properties: how spark-submit passes its settings
    overrides.forEach(conf::set);
    defaultsFile().forEach((key, value) -> conf.setIfMissing((String) key, (String) value));
    conf.setIfMissing("spark.master", defaultMaster);
    conf.setIfMissing("spark.app.name", appName);
    // Spark 4 logs JSON by default; our log4j2 pattern (with the item's name) is the readable one.
    conf.setIfMissing("spark.log.structuredLogging.enabled", "false");
    conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
    conf.setIfMissing("spark.kryo.registrator", "org.apache.sedona.core.serde.SedonaKryoRegistrator");
    // file:// without a chmod or ls process per file written or listed (NioLocalFileSystem says why).
    conf.setIfMissing(HADOOP_PREFIX + NioLocalFileSystem.IMPL_KEY, NioLocalFileSystem.class.getName());
    return conf;
  }

  /**
   * The Hadoop configuration the session will have ({@code spark.hadoop.*} applied), available before the
   * session exists: inputs are checked with it first, so a typo costs a second, not a Spark start-up.
   */
  public static Configuration hadoopConf(SparkConf conf) {
    Configuration hadoop = new Configuration();
    for (Tuple2<String, String> entry : conf.getAll()) {
      if (entry._1().startsWith(HADOOP_PREFIX)) {
        hadoop.set(entry._1().substring(HADOOP_PREFIX.length()), entry._2());
      }
    }
    return hadoop;
  }

  public static SparkSession session(SparkConf conf) {
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    quiet(spark.sparkContext(), conf);
    return spark;
  }

  /**
   * The Spark context alone, for work that is RDDs only (the batch engine): a session on top costs about a second
   * more of start-up, mostly Scala reflection, which such a job never uses. An active context is reused.
   */
  public static SparkContext context(SparkConf conf) {
    return quiet(SparkContext.getOrCreate(conf), conf);
  }

  private static SparkContext quiet(SparkContext context, SparkConf conf) {
    context.setLogLevel(conf.get("geomill.spark.logLevel", "WARN"));
    return context;
  }

  /** The same session with Sedona's spatial SQL functions and data sources registered, and GeoMill's. */
  public static SparkSession withSedona(SparkSession spark) {
    SparkSession sedona = sedona(spark);
    GeoMillSql.register(sedona);
    return sedona;
  }

  /**
   * The same session with Sedona's functions and data sources registered (Sedona's {@code SedonaContext.create}).
   *
   * <p>Sedona reports every session it makes to its analytics service (an HTTPS request to Scarf from a thread of
   * its own) unless {@value #NO_ANALYTICS} or {@code DO_NOT_TRACK} says not to. GeoMill runs on data people may
   * not want announced, often on machines without internet access, where the attempt only costs CPU at start-up:
   * it is off unless the environment or a system property sets {@value #NO_ANALYTICS} (e.g. to false).
   */
  public static SparkSession sedona(SparkSession spark) {
    if (System.getenv(NO_ANALYTICS) == null && System.getProperty(NO_ANALYTICS) == null) {
      System.setProperty(NO_ANALYTICS, "true");
    }
    return SedonaContext.create(spark);
  }

  /**
   * How many cores the master gives tasks inside this JVM: N for {@code local[N]} or {@code local[N,F]}, all
   * for {@code local[*]}, 1 for {@code local}; 0 for any other master (a cluster's executors are other JVMs).
   */
  public static int localCores(SparkConf conf) {
    Matcher local = LOCAL_MASTER.matcher(conf.get("spark.master", ""));
    if (!local.matches()) {
      return 0;
    }
    String threads = local.group(1);
    return threads == null ? 1 : threads.equals("*") ? Runtime.getRuntime().availableProcessors()
        : Integer.parseInt(threads);
  }

  private static Properties defaultsFile() {
    Properties defaults = new Properties();
    String dir = System.getProperty(CONF_DIR_PROPERTY);
    if (dir == null) {
      return defaults;
    }
    File file = new File(dir, "spark-defaults.conf");
    if (file.isFile()) {
      // spark-defaults.conf is "key value" per line, which is what Properties reads.
      try (Reader reader = new InputStreamReader(new FileInputStream(file), StandardCharsets.UTF_8)) {
        defaults.load(reader);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    return defaults;
  }
}
