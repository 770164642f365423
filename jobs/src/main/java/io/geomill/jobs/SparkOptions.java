package io.geomill.jobs;

import io.geomill.spark.GeoMillSpark;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import picocli.CommandLine.Option;

/** The Spark options every job takes, named as spark-submit names them. */
public final class SparkOptions {
  @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
      description = "Spark master: local[*] (all cores, the default), local[N], spark://host:port. "
          + "Ignored under spark-submit, whose --master wins.")
  String master;

  @Option(names = "--conf", paramLabel = "KEY=VALUE", mapFallbackValue = "",
      description = "A Spark or Hadoop setting, repeatable (e.g. --conf spark.executor.memory=8g).")
  Map<String, String> conf = new LinkedHashMap<>();

  SparkConf sparkConf(String appName) {
    return GeoMillSpark.conf(appName, master, conf);
  }
}
