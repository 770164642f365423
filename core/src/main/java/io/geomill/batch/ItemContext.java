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

  /**
   * A local file that every part of this item and its finish see under {@code name}, for parts that each write
   * their own byte ranges of one file (uncompressed raster blocks at their places in the output) instead of part
   * files the finish copies together; the finish makes an output of it with {@link PartsContext#stageShared}.
   * Null where there is none: an output folder not on the local disk (HDFS files cannot be written at an
   * offset), or an item that runs whole. A part may run more than once, so every attempt of a part must write
   * the same bytes to the same places; what it wrote stays even when the attempt fails (the next overwrites it).
   * The file lives in the item's parts folder, off the outputs, and goes with it.
   */
  default File sharedFile(String name) {
    return null;
  }

  /** The Hadoop configuration of the Spark job (hdfs:// settings and credentials). */
  Configuration hadoopConf();
}
