package io.geomill.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NioLocalFileSystemTest {
  @TempDir
  java.nio.file.Path work;

  private static FileSystem fileSystem() throws IOException {
    Configuration conf = new Configuration();
    conf.set(NioLocalFileSystem.IMPL_KEY, NioLocalFileSystem.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    return FileSystem.get(java.net.URI.create("file:///"), conf);
  }

  @Test
  void everyModeMapsToJavaNioAndBack() {
    for (short mode = 0; mode < 01000; mode++) {
      FsPermission permission = new FsPermission(mode);
      assertThat(NioLocalFileSystem.hadoop(NioLocalFileSystem.posix(permission)).toShort()).as("mode %o", mode)
          .isEqualTo(mode);
      assertThat(PosixFilePermissions.toString(NioLocalFileSystem.posix(permission))).as("mode %o", mode)
          .isEqualTo(permission.toString());
    }
  }

  @Test
  void filesAndFoldersGetThePermissionsAskedForAndReportTheDisksOwnerGroupAndMode() throws IOException {
    FileSystem fs = fileSystem();
    assertThat(fs).isInstanceOf(NioLocalFileSystem.class);
    Path folder = new Path(work.toUri().toString(), "made");
    assertThat(fs.mkdirs(folder, new FsPermission((short) 0750))).isTrue();
    Path file = new Path(folder, "data.txt");
    try (FSDataOutputStream out = fs.create(file, new FsPermission((short) 0640), true, 4096, (short) 1, 1 << 20,
        null)) {
      out.writeUTF("hello");
    }
    java.nio.file.Path onDisk = work.resolve("made").resolve("data.txt");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(onDisk))).isEqualTo("rw-r-----");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(onDisk.getParent())))
        .isEqualTo("rwxr-x---");
    fs.setPermission(file, new FsPermission((short) 0604));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(onDisk))).isEqualTo("rw----r--");

    PosixFileAttributes attributes = Files.readAttributes(onDisk, PosixFileAttributes.class);
    FileStatus status = fs.getFileStatus(file);
    assertThat(status.getPermission().toString()).isEqualTo("rw----r--");
    assertThat(status.getOwner()).isEqualTo(attributes.owner().getName());
    assertThat(status.getGroup()).isEqualTo(attributes.group().getName());
    assertThat(status.getLen()).isEqualTo(Files.size(onDisk));
    assertThat(status.isFile()).isTrue();

    FileStatus[] listed = fs.listStatus(folder);
    // the checksum file is hidden by the checksummed file system; the data file is listed with its attributes
    assertThat(Arrays.stream(listed).map(s -> s.getPath().getName())).containsExactly("data.txt");
    assertThat(listed[0].getPermission().toShort()).isEqualTo((short) 0604);
    assertThat(fs.getFileStatus(folder).isDirectory()).isTrue();
    assertThat(fs.getFileStatus(folder).getPermission().toShort()).isEqualTo((short) 0750);
  }

  @Test
  void aMissingPathIsFileNotFound() throws IOException {
    FileSystem fs = fileSystem();
    Path missing = new Path(work.toUri().toString(), "missing.txt");
    assertThatThrownBy(() -> fs.getFileStatus(missing)).isInstanceOf(FileNotFoundException.class);
    assertThatThrownBy(() -> fs.setPermission(missing, new FsPermission((short) 0644)))
        .isInstanceOf(FileNotFoundException.class);
  }
}
