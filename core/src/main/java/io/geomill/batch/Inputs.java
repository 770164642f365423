package io.geomill.batch;

import io.geomill.fs.HadoopFs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.GlobPattern;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Turns what a user typed into the list of files a batch runs over. Each spec is one of:
 *
 * <ul>
 *   <li>a folder: every file below it (recursively), hidden files and {@code _}-prefixed ones excluded, as
 *       Hadoop and Spark do;
 *   <li>a glob, Hadoop syntax: {@code *}, {@code ?}, {@code [abc]}, {@code {a,b}} within one path segment
 *       (e.g. {@code dems/*}{@code /*.tif}, {@code hdfs://nn/data/2024-0[1-6]/*.shp});
 *   <li>a list file, written {@code @list.txt}: one path or glob per line, {@code #} comments and blank lines
 *       ignored, relative entries resolved against the list file's folder;
 *   <li>a single file.
 * </ul>
 *
 * Every spec is resolved on the driver before any Spark work starts; a spec that names nothing is an
 * {@link InputException} naming the spec and the reason. A file reached by two specs is listed once.
 */
public final class Inputs {
  private Inputs() {}

  public static List<InputFile> resolve(List<String> specs, Configuration conf) {
    if (specs.isEmpty()) {
      throw new InputException("no inputs given");
    }
    Map<String, InputFile> byUri = new LinkedHashMap<>();
    for (String spec : specs) {
      for (InputFile file : resolveOne(spec, conf)) {
        byUri.putIfAbsent(file.uri(), file);
      }
    }
    return new ArrayList<>(byUri.values());
  }

  private static List<InputFile> resolveOne(String spec, Configuration conf) {
    if (spec.isBlank()) {
      throw new InputException("an input is an empty string");
    }
    if (spec.startsWith("@")) {
      return resolveListFile(spec.substring(1), conf);
    }
    try {
      Path path = HadoopFs.path(spec);
      FileSystem fs = HadoopFs.fileSystem(path, conf);
      if (isGlob(spec)) {
        return resolveGlob(spec, path, fs);
      }
      if (!fs.exists(path)) {
        throw new InputException(spec + ": no such file or folder");
      }
      FileStatus status = fs.getFileStatus(path);
      if (status.isFile()) {
        return List.of(toInput(status, status.getPath().getName()));
      }
      List<InputFile> files = listFolder(fs, status.getPath());
      if (files.isEmpty()) {
        throw new InputException(spec + ": the folder holds no files");
      }
      return files;
    } catch (IOException e) {
      throw new InputException(spec + ": cannot be read: " + e.getMessage(), e);
    }
  }

  private static List<InputFile> resolveGlob(String spec, Path pattern, FileSystem fs) throws IOException {
    FileStatus[] matches = fs.globStatus(pattern, p -> HadoopFs.isVisible(p.getName()));
    List<InputFile> files = new ArrayList<>();
    if (matches != null) {
      Path root = globRoot(pattern);
      for (FileStatus match : matches) {
        if (match.isFile()) {
          files.add(toInput(match, relativize(root, match.getPath())));
        } else {
          files.addAll(listFolder(fs, match.getPath()));
        }
      }
    }
    if (files.isEmpty()) {
      throw new InputException(spec + ": the pattern matches no files");
    }
    return files;
  }

  private static List<InputFile> resolveListFile(String listSpec, Configuration conf) {
    Path listPath = HadoopFs.path(listSpec);
    List<InputFile> files = new ArrayList<>();
    try {
      FileSystem fs = HadoopFs.fileSystem(listPath, conf);
      if (!fs.isFile(listPath)) {
        throw new InputException("@" + listSpec + ": the list file does not exist");
      }
      Path base = fs.getFileStatus(listPath).getPath().getParent();
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(fs.open(listPath), StandardCharsets.UTF_8))) {
        int lineNumber = 0;
        for (String line; (line = lines.readLine()) != null; ) {
          lineNumber++;
          String entry = line.strip();
          if (entry.isEmpty() || entry.startsWith("#")) {
            continue;
          }
          Path asWritten = new Path(entry);
          String resolved = asWritten.isAbsolute() || asWritten.toUri().getScheme() != null
              ? entry : new Path(base, entry).toString();
          try {
            files.addAll(resolveOne(resolved, conf));
          } catch (InputException e) {
            throw new InputException("@" + listSpec + " line " + lineNumber + ": " + e.getMessage(), e);
          }
        }
      }
    } catch (IOException e) {
      throw new InputException("@" + listSpec + ": cannot be read: " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new InputException("@" + listSpec + ": the list file names no inputs");
    }
    return files;
  }

  /**
   * Every visible file under {@code folder}, by plain listings, one per folder. Not {@code listFiles}: its
   * LocatedFileStatus copies each file's permissions, which Hadoop's stock local file system reads by running
   * {@code ls -ld} once per file (a process per input, from a JVM of gigabytes) under a Hadoop configuration
   * that is not GeoMill's ({@link io.geomill.fs.NioLocalFileSystem} reads them in-process).
   */
  private static List<InputFile> listFolder(FileSystem fs, Path folder) throws IOException {
    List<InputFile> files = new ArrayList<>();
    ArrayDeque<Path> folders = new ArrayDeque<>(List.of(folder));
    while (!folders.isEmpty()) {
      RemoteIterator<FileStatus> it = fs.listStatusIterator(folders.pop());
      while (it.hasNext()) {
        FileStatus status = it.next();
        String relative = relativize(folder, status.getPath());
        if (!isVisiblePath(relative)) {
          continue;
        }
        if (status.isDirectory()) {
          folders.push(status.getPath());
        } else {
          files.add(toInput(status, relative));
        }
      }
    }
    files.sort(java.util.Comparator.comparing(InputFile::relativePath));
    return files;
  }

  private static boolean isVisiblePath(String relative) {
    for (String segment : relative.split("/")) {
      if (!HadoopFs.isVisible(segment)) {
        return false;
      }
    }
    return true;
  }

  private static InputFile toInput(FileStatus status, String relative) {
    return new InputFile(status.getPath().toString(), relative, status.getLen(), status.getModificationTime());
  }

  /** The deepest ancestor of a glob with no wildcard in it: relative paths are taken from there. */
  private static Path globRoot(Path pattern) {
    Path root = pattern;
    while (root.getParent() != null && isGlob(root.toUri().getPath())) {
      root = root.getParent();
    }
    return root;
  }

  private static String relativize(Path root, Path file) {
    String rootPath = root.toUri().getPath();
    String filePath = file.toUri().getPath();
    if (filePath.startsWith(rootPath)) {
      String rest = filePath.substring(rootPath.length());
      return rest.startsWith("/") ? rest.substring(1) : rest;
    }
    return file.getName();
  }

  static boolean isGlob(String spec) {
    return new GlobPattern(spec).hasWildcard();
  }
}
