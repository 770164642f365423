package io.geomill.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.SparkConf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeoMillSparkTest {
  @ParameterizedTest
  @CsvSource({"local, 1", "'local[3]', 3", "'local[2,4]', 2", "'spark://127.0.0.1:7077', 0",
      "'local-cluster[2,1,1024]', 0", "yarn, 0", "'local[x]', 0"})
  void localCoresAreTheTaskThreadsInsideThisJvm(String master, int cores) {
    assertThat(GeoMillSpark.localCores(new SparkConf(false).set("spark.master", master))).isEqualTo(cores);
  }

  @ParameterizedTest
  @CsvSource({"'local[*]'", "'local[*,3]'"})
  void allLocalCoresAreTheMachinesProcessors(String master) {
    assertThat(GeoMillSpark.localCores(new SparkConf(false).set("spark.master", master)))
        .isEqualTo(Runtime.getRuntime().availableProcessors());
  }
}
