package io.geomill.fs;

import java.io.File;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Local copies of remote files, made once each, under a scratch folder the owner provides (and removes). Files
 * of one remote folder land in one local folder with their names kept: readers find sidecars by name.
 */
public final class LocalCopies implements LocalFiles {
  /** The scratch folder, asked for only when a first copy is needed. */
  @FunctionalInterface
  public interface Scratch {
    File folder() throws IOException;
  }

  private final Configuration conf;
  private final Scratch scratch;
  private final Map<String, File> copies = new HashMap<>();
  private final Map<String, Integer> folders = new HashMap<>();

  public LocalCopies(Configuration conf, Scratch scratch) {
    this.conf = conf;
    this.scratch = scratch;
  }

  @Override
  public File local(String uri) throws IOException {
    Path path = HadoopFs.path(uri);
    if (HadoopFs.isLocal(path)) {
      return HadoopFs.localFile(path);
    }
    File cached = copies.get(uri);
    if (cached == null) {
      int folder = folders.computeIfAbsent(path.getParent().toString(), key -> folders.size());
      cached = new File(new File(scratch.folder(), "in-" + folder), path.getName());
      HadoopFs.fileSystem(path, conf).copyToLocalFile(false, path, new Path(cached.getAbsoluteFile().toURI()), true);
      copies.put(uri, cached);
    }
    return cached;
  }
}
