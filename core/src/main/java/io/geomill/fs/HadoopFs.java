package io.geomill.fs;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/** Hadoop paths as GeoMill uses them: any scheme, no checksum side files on the local disk. */
public final class HadoopFs {
  private HadoopFs() {}

  /**
   * Puts {@code staged} at {@code target} in one step, replacing a file there, so a reader sees the old file or
   * the new one, never neither (the target's folder is made when missing). On the local disk this is rename(2):
   * Hadoop's local rename with OVERWRITE deletes the target first, and its FileContext took about 20 ms per
   * rename there (its checksum file system's extra lookups). Elsewhere a rename with OVERWRITE (atomic on HDFS).
   */
  public static void renameReplacing(Path staged, Path target, Configuration conf) throws IOException {
    if (isLocal(target) && isLocal(staged)) {
      Files.createDirectories(localFile(target).toPath().getParent());
      Files.move(localFile(staged).toPath(), localFile(target).toPath(), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } else {
      fileSystem(target, conf).mkdirs(target.getParent());
      FileContext.getFileContext(target.toUri(), conf).rename(staged, target, Options.Rename.OVERWRITE);
    }
  }

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
