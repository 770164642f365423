package io.geomill.fields;

import io.geomill.fs.HadoopFs;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;

/**
 * The new content of one file of a dataset edited in place: written whole under a hidden temporary name beside
 * the file ({@code .roads.dbf.geomill-tmp-UUID}), then put over it by one rename, so the file is always either
 * the old or the new one ({@link HadoopFs#renameReplacing}: rename(2) on a local disk, a rename with OVERWRITE on
 * HDFS).
 */
final class Replacement {
  static final String BACKUP_FOLDER = "_backup";

  private final Configuration conf;
  private final Path target;
  private final boolean local;
  private final File file;
  private final Path temporary;

  /**
   * @param scratch where the new content is made when the target is not on a local disk
   */
  Replacement(Configuration conf, String targetUri, File scratch) throws IOException {
    this.conf = conf;
    this.target = new Path(targetUri);
    this.local = HadoopFs.isLocal(target);
    this.temporary = new Path(target.getParent(), "." + target.getName() + ".geomill-tmp-" + UUID.randomUUID());
    this.file = local ? HadoopFs.localFile(temporary) : new File(scratch, target.getName());
    if (!local) {
      Files.createDirectories(scratch.toPath());
    }
  }

  /** Where to write the new content. */
  File file() {
    return file;
  }

  /** Puts the new content over the target. */
  void commit() throws IOException {
    if (!local) {
      HadoopFs.fileSystem(target, conf).copyFromLocalFile(true, true, new Path(file.getAbsoluteFile().toURI()),
          temporary);
    }
    HadoopFs.renameReplacing(temporary, target, conf);
  }

  /** Drops the new content (nothing was replaced). */
  void abort() {
    file.delete();
    if (!local) {
      try {
        HadoopFs.fileSystem(temporary, conf).delete(temporary, false);
      } catch (IOException e) {
        // a hidden temporary name; never taken for the dataset
      }
    }
  }

  /**
   * Copies a dataset's files into {@value #BACKUP_FOLDER}/ beside them, each under a temporary name first, unless
   * a backup of the dataset is there already: the backup keeps the dataset as it was before the first in-place
   * edit that made one (delete it to have a new one made).
   *
   * @return whether a backup was made now
   */
  static boolean backUp(Configuration conf, List<String> uris) throws IOException {
    Path first = new Path(uris.get(0));
    Path folder = new Path(first.getParent(), BACKUP_FOLDER);
    FileSystem fs = HadoopFs.fileSystem(folder, conf);
    if (fs.exists(new Path(folder, first.getName()))) {
      return false;
    }
    fs.mkdirs(folder);
    // the primary file last: once it is there, the backup is complete
    for (int i = uris.size() - 1; i >= 0; i--) {
      Path source = new Path(uris.get(i));
      Path copy = new Path(folder, "." + source.getName() + ".geomill-tmp-" + UUID.randomUUID());
      FileUtil.copy(fs, source, fs, copy, false, true, conf);
      if (!fs.rename(copy, new Path(folder, source.getName()))) {
        throw new IOException("cannot rename " + copy + " into " + folder);
      }
    }
    return true;
  }
}
