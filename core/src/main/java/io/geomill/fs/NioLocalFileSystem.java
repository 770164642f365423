package io.geomill.fs;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file://}, with its .crc checksums) without the processes it starts.
 * Without Hadoop's native library, which GeoMill does not ship, {@code RawLocalFileSystem} sets the permissions
 * of every file and folder it creates by running {@code chmod}, and reads a file's owner and permissions by
 * running {@code ls -ld}: a process started from a JVM of gigabytes, about five per task of a Spark write (the
 * attempt's folder, its file and checksum, the commit) and one per listed input. This one reads and sets them
 * through java.nio's POSIX attributes instead. The sticky bit is not set (java.nio has no call for it; Spark and
 * GeoMill never ask for it). {@link io.geomill.spark.GeoMillSpark} installs it as {@code fs.file.impl}.
 */
public class NioLocalFileSystem extends LocalFileSystem {
  public static final String IMPL_KEY = "fs.file.impl";

  public NioLocalFileSystem() {
    super(new Raw());
  }

  /** The raw (checksum-less) local file system, with permissions through java.nio. */
  static final class Raw extends RawLocalFileSystem {
    @Override
    public void setPermission(Path path, FsPermission permission) throws IOException {
      try {
        Files.setPosixFilePermissions(pathToFile(path).toPath(), posix(permission));
      } catch (NoSuchFileException e) {
        throw new FileNotFoundException("File " + path + " does not exist");
      }
    }

    @Override
    public FileStatus getFileStatus(Path path) throws IOException {
      return withAttributes(super.getFileStatus(path));
    }

    @Override
    public FileStatus[] listStatus(Path path) throws IOException {
      FileStatus[] listed = super.listStatus(path);
      for (int i = 0; i < listed.length; i++) {
        listed[i] = withAttributes(listed[i]);
      }
      return listed;
    }

    /** The status with its owner, group and permissions read now (Hadoop's would run ls -ld when asked). */
    private FileStatus withAttributes(FileStatus status) throws IOException {
      PosixFileAttributes attributes;
      try {
        attributes = Files.readAttributes(pathToFile(status.getPath()).toPath(), PosixFileAttributes.class);
      } catch (NoSuchFileException e) {
        throw new FileNotFoundException("File " + status.getPath() + " does not exist");
      }
      return new FileStatus(status.getLen(), status.isDirectory(), status.getReplication(), status.getBlockSize(),
          status.getModificationTime(), status.getAccessTime(), hadoop(attributes.permissions()),
          attributes.owner().getName(), attributes.group().getName(), status.getPath());
    }
  }

  static Set<PosixFilePermission> posix(FsPermission permission) {
    Set<PosixFilePermission> bits = EnumSet.noneOf(PosixFilePermission.class);
    add(bits, permission.getUserAction(), PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_EXECUTE);
    add(bits, permission.getGroupAction(), PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
        PosixFilePermission.GROUP_EXECUTE);
    add(bits, permission.getOtherAction(), PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
        PosixFilePermission.OTHERS_EXECUTE);
    return bits;
  }

  static FsPermission hadoop(Set<PosixFilePermission> bits) {
    return new FsPermission(
        action(bits, PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE),
        action(bits, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE),
        action(bits, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE));
  }

  private static void add(Set<PosixFilePermission> bits, FsAction action, PosixFilePermission read,
      PosixFilePermission write, PosixFilePermission execute) {
    if (action.implies(FsAction.READ)) {
      bits.add(read);
    }
    if (action.implies(FsAction.WRITE)) {
      bits.add(write);
    }
    if (action.implies(FsAction.EXECUTE)) {
      bits.add(execute);
    }
  }

  private static FsAction action(Set<PosixFilePermission> bits, PosixFilePermission read, PosixFilePermission write,
      PosixFilePermission execute) {
    FsAction action = FsAction.NONE;
    if (bits.contains(read)) {
      action = action.or(FsAction.READ);
    }
    if (bits.contains(write)) {
      action = action.or(FsAction.WRITE);
    }
    if (bits.contains(execute)) {
      action = action.or(FsAction.EXECUTE);
    }
    return action;
  }
}
