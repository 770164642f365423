package io.geomill.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/** A real HDFS (one NameNode, one DataNode) inside the test JVM, its storage under target/. */
public final class MiniHdfs implements AutoCloseable {
  private static MiniHdfs shared;

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

  /**
   * One HDFS for every test class of the JVM that needs one (starting one takes seconds), under target/; stopped
   * when the JVM exits. Tests keep to folders of their own.
   */
  public static synchronized MiniHdfs shared() {
    if (shared == null) {
      try {
        Path base = java.nio.file.Files.createDirectories(Path.of("target"));
        shared = start(java.nio.file.Files.createTempDirectory(base, "hdfs-"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "mini-hdfs-stop"));
    }
    return shared;
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
