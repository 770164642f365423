package io.geomill.batch;

import java.io.Serializable;

/**
 * A file found by {@link Inputs}: enough to schedule it (size), name it (relative path) and tell on resume
 * whether it changed (size and modification time), without opening it.
 *
 * @param uri              fully qualified Hadoop URI (file:/..., hdfs://host:port/...)
 * @param relativePath     path below the folder or glob root it was found under, '/'-separated; the file name
 *                         when it was named directly
 * @param size             bytes
 * @param modificationTime milliseconds since the epoch
 */
public record InputFile(String uri, String relativePath, long size, long modificationTime) implements Serializable {

  /** The last path segment. */
  public String name() {
    int slash = relativePath.lastIndexOf('/');
    return slash < 0 ? relativePath : relativePath.substring(slash + 1);
  }

  /** What must not change for a committed result to be reused: size and modification time. */
  public String fingerprint() {
    return size + "@" + modificationTime;
  }
}
