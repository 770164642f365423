package io.geomill.batch;

import io.geomill.fs.LocalFiles;
import java.io.File;
import org.apache.hadoop.conf.Configuration;

/** What a running {@link ItemTask} may ask of the engine. */
public interface ItemContext extends LocalFiles {

  /** The item's id, as in the report. */
  String itemId();

  /**
   * A local file to write the output {@code relativeName} into (e.g. {@code "dem_07_slope.tif"} or
   * {@code "tiles/a.tif"}). It becomes {@code <output folder>/<relativeName>} only when the task returns
   * normally, by rename, so a failed or killed task never leaves it under its final name.
   *
   * @throws IllegalStateException when the batch has no output folder
   */
  File stage(String relativeName);

  /** The Hadoop configuration of the Spark job (hdfs:// settings and credentials). */
  Configuration hadoopConf();
}
