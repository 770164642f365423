package io.geomill.fs;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/** Hadoop paths as GeoMill uses them: any scheme, no checksum side files on the local disk. */
public final class HadoopFs {
  private HadoopFs() {}

  /** A user's path: a scheme-less one is a local path, made absolute against the working directory. */
  public static Path path(String spec) {
    URI uri = new Path(spec).toUri();
    if (uri.getScheme() == null) {
      return new Path(new File(spec).getAbsoluteFile().toURI());
    }
    return new Path(spec);
  }

  /**
   * The file system of a path. On the local disk this is the raw one: the checksumming LocalFileSystem would
   * leave a {@code .crc} file beside every output, which GIS users would rightly call litter.
   */
  public static FileSystem fileSystem(Path path, Configuration conf) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    return fs instanceof LocalFileSystem local ? local.getRaw() : fs;
  }

  public static boolean isLocal(Path path) {
    String scheme = path.toUri().getScheme();
    return scheme == null || "file".equals(scheme);
  }

  /** Hidden and {@code _}-prefixed names are bookkeeping (ours, Spark's, Hadoop's), never inputs. */
  public static boolean isVisible(String name) {
    return !name.startsWith(".") && !name.startsWith("_");
  }

  /** The local file behind a file: URI. */
  public static File localFile(Path path) {
    if (!isLocal(path)) {
      throw new IllegalArgumentException(path + " is not on the local file system");
    }
    return new File(path.toUri().getPath());
  }
}
