package io.geomill.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/** A real HDFS (one NameNode, one DataNode) inside the test JVM, its storage under target/. */
public final class MiniHdfs implements AutoCloseable {
  private final MiniDFSCluster cluster;

  private MiniHdfs(MiniDFSCluster cluster) {
    this.cluster = cluster;
  }

  public static MiniHdfs start(Path baseDir) {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toAbsolutePath().toString());
    try {
      MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
      cluster.waitActive();
      return new MiniHdfs(cluster);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start MiniDFSCluster in " + baseDir, e);
    }
  }

  /** Started with its storage in a new folder under the module's target/ (Maven cleans it). */
  public static MiniHdfs startUnderTarget() {
    try {
      Path target = Files.createDirectories(Path.of("target"));
      return start(Files.createTempDirectory(target, "hdfs-"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a folder for MiniDFSCluster under target/", e);
    }
  }

  /** {@code hdfs://127.0.0.1:PORT<path>}. */
  public String uri(String absolutePath) {
    return "hdfs://127.0.0.1:" + cluster.getNameNodePort() + absolutePath;
  }

  public FileSystem fileSystem() {
    try {
      return cluster.getFileSystem();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a local file or folder (recursively) to {@code hdfsPath}. */
  public void upload(Path local, String hdfsPath) {
    try {
      fileSystem().copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()),
          new org.apache.hadoop.fs.Path(hdfsPath));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    cluster.shutdown(true);
  }
}
