package io.geomill.batch;

import io.geomill.fs.HadoopFs;
import io.geomill.fs.SerializableConf;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The output folder of a batch and its bookkeeping, on any Hadoop file system:
 *
 * <pre>
 * OUT/                      final outputs, each put in place by one rename
 * OUT/geomill-report.json   the report of the last run
 * OUT/_geomill/tmp/         task attempts' staging (deleted at the start and end of every run)
 * OUT/_geomill/done/        one record per committed item: what resume reads
 * </pre>
 *
 * A rename is atomic on HDFS and on a local disk, so a reader sees either no output or a whole one, and an
 * item counts as done only once its record is renamed into done/, after all its outputs.
 */
public final class OutputStore implements Serializable {
  public static final String REPORT_NAME = "geomill-report.json";
  private static final String BOOKKEEPING = "_geomill";

  private final String rootUri;
  private final SerializableConf conf;

  public OutputStore(String rootUri, Configuration conf) {
    this.rootUri = HadoopFs.path(rootUri).toString();
    this.conf = new SerializableConf(conf);
  }

  public Path root() {
    return new Path(rootUri);
  }

  public Configuration conf() {
    return conf.get();
  }

  public FileSystem fileSystem() throws IOException {
    return HadoopFs.fileSystem(root(), conf.get());
  }

  public Path finalPath(String relativeName) {
    checkName(relativeName);
    return new Path(root(), relativeName);
  }

  /** An output (or part file) name is a relative path that stays inside its folder and off the bookkeeping. */
  static void checkName(String relativeName) {
    if (relativeName.isBlank() || relativeName.startsWith("/") || relativeName.startsWith(BOOKKEEPING)
        || java.util.Arrays.asList(relativeName.split("/")).contains("..")) {
      throw new IllegalArgumentException("output name must be a relative path inside the output folder, was '"
          + relativeName + "'");
    }
  }

  public Path reportPath() {
    return new Path(root(), REPORT_NAME);
  }

  /** A private folder for one task attempt's staged files, inside the output file system. */
  public Path stagingDir(String itemId, String attempt) {
    return new Path(new Path(root(), BOOKKEEPING + "/tmp"), keyOf(itemId) + "-" + attempt);
  }

  /** A private folder for one attempt at part {@code part} of an item. */
  public Path partStagingDir(String itemId, int part, String attempt) {
    return new Path(new Path(root(), BOOKKEEPING + "/tmp"), keyOf(itemId) + "-p" + part + "-" + attempt);
  }

  /**
   * Where the parts of an item keep their committed files until its finish has read them; inside the staging
   * area, so every run starts and ends without them.
   */
  public Path partsDir(String itemId) {
    return new Path(new Path(root(), BOOKKEEPING + "/tmp/parts"), keyOf(itemId));
  }

  public Path partPath(String itemId, int part, String name) {
    checkName(name);
    return new Path(new Path(partsDir(itemId), Integer.toString(part)), name);
  }

  /** Present once a part of the item failed: its parts not yet started need not run. */
  public Path abandonedMarker(String itemId) {
    return new Path(partsDir(itemId), "_abandoned");
  }

  /** Scratch space for driver-side writes (reports, tables) before their rename into place. */
  public Path driverStaging(String name) {
    return new Path(new Path(root(), BOOKKEEPING + "/tmp"), "driver-" + System.nanoTime() + "-" + name);
  }

  private Path doneDir() {
    return new Path(root(), BOOKKEEPING + "/done");
  }

  private Path doneRecord(String itemId) {
    return new Path(doneDir(), keyOf(itemId));
  }

  /** Leftovers of killed attempts; no task of this run can be using them yet (or any more). */
  public void deleteStaging() throws IOException {
    fileSystem().delete(new Path(root(), BOOKKEEPING + "/tmp"), true);
  }

  /**
   * Puts {@code staged} at {@code target} in one step, replacing what a previous attempt committed there
   * ({@link HadoopFs#renameReplacing}: rename(2) on the local disk, where every item commits at least its record).
   */
  public void renameIntoPlace(Path staged, Path target) throws IOException {
    HadoopFs.renameReplacing(staged, target, conf.get());
  }

  /**
   * A new file at {@code path} (replacing one there). On the local disk through java.nio: no {@code .crc}
   * checksum file beside it (Hadoop's local file system writes one), and no {@code chmod} process per item's
   * record under a Hadoop configuration that is not GeoMill's (a notebook's: Hadoop's stock local file system
   * rather than {@link io.geomill.fs.NioLocalFileSystem}).
   */
  public OutputStream create(Path path) throws IOException {
    if (HadoopFs.isLocal(path)) {
      java.nio.file.Path file = HadoopFs.localFile(path).toPath();
      Files.createDirectories(file.getParent());
      return Files.newOutputStream(file);
    }
    return fileSystem().create(path, true);
  }

  /** Writes a small file by staging and rename, so it is never seen half-written. */
  public void writeAtomically(Path target, byte[] content) throws IOException {
    Path staged = driverStaging(target.getName());
    try (OutputStream out = create(staged)) {
      out.write(content);
    }
    renameIntoPlace(staged, target);
  }

  /** Marks an item done; called after all its outputs are in place. */
  void recordDone(String itemId, String fingerprint, ItemOutcome<?> outcome, Path stagingDir) throws IOException {
    Path staged = new Path(stagingDir, "_record");
    try (ObjectOutputStream out = new ObjectOutputStream(create(staged))) {
      out.writeObject(new DoneRecord(fingerprint, outcome));
    }
    renameIntoPlace(staged, doneRecord(itemId));
  }

  /**
   * The outcomes of the items committed in this folder (by a previous run, or by tasks of this run whose result
   * never reached the driver) whose input is unchanged and whose outputs all still exist. A record that cannot
   * be read (written by another GeoMill version, damaged) counts as not done: the item reruns.
   *
   * <p>A batch of 100,000 items has as many records. On HDFS or an object store each open is a round trip, so
   * one after the other they took minutes on the driver: the records are found with one listing of done/, read
   * by a few threads in batches ({@link ParallelReads}), and the outputs they name are checked with one listing
   * per output folder instead of one existence check per output.
   */
  <T extends Serializable, R extends Serializable> Map<String, ItemOutcome<R>> committed(List<BatchItem<T>> items)
      throws IOException {
    FileSystem fs = fileSystem();
    Map<String, BatchItem<T>> byKey = new HashMap<>();
    for (BatchItem<T> item : items) {
      byKey.put(keyOf(item.id()), item);
    }
    List<Path> records = new ArrayList<>();
    for (FileStatus record : listOrEmpty(fs, doneDir())) {
      if (byKey.containsKey(record.getPath().getName())) {
        records.add(record.getPath());
      }
    }
    List<DoneRecord> read = ParallelReads.map(records, record -> read(fs, record));
    List<DoneRecord> current = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      BatchItem<T> item = byKey.get(records.get(i).getName());
      DoneRecord previous = read.get(i);
      if (previous != null && previous.fingerprint.equals(item.fingerprint())
          && previous.outcome.itemId().equals(item.id())) {
        current.add(previous);
      }
    }
    Map<Path, Set<String>> existing = existingNames(fs, current.stream()
        .flatMap(record -> record.outcome.outputs().stream()).map(output -> new Path(output).getParent()));
    Map<String, ItemOutcome<R>> done = new HashMap<>();
    for (DoneRecord record : current) {
      if (record.outcome.outputs().stream().map(Path::new)
          .allMatch(output -> existing.get(output.getParent()).contains(output.getName()))) {
        @SuppressWarnings("unchecked")
        ItemOutcome<R> outcome = (ItemOutcome<R>) record.outcome;
        done.put(outcome.itemId(), outcome);
      }
    }
    return done;
  }

  private static FileStatus[] listOrEmpty(FileSystem fs, Path folder) throws IOException {
    try {
      return fs.listStatus(folder);
    } catch (FileNotFoundException e) {
      return new FileStatus[0];
    }
  }

  private static DoneRecord read(FileSystem fs, Path record) {
    try (InputStream in = fs.open(record); ObjectInputStream objects = new ObjectInputStream(in)) {
      return (DoneRecord) objects.readObject();
    } catch (IOException | ClassNotFoundException | ClassCastException e) {
      return null;
    }
  }

  /** The names in each of {@code folders} (none for a folder that does not exist), one listing per folder. */
  private static Map<Path, Set<String>> existingNames(FileSystem fs, Stream<Path> folders) throws IOException {
    List<Path> distinct = folders.distinct().toList();
    List<Set<String>> names = ParallelReads.map(distinct, folder -> {
      Set<String> inFolder = new HashSet<>();
      for (FileStatus status : listOrEmpty(fs, folder)) {
        inFolder.add(status.getPath().getName());
      }
      return inFolder;
    });
    Map<Path, Set<String>> byFolder = new HashMap<>();
    for (int i = 0; i < distinct.size(); i++) {
      byFolder.put(distinct.get(i), names.get(i));
    }
    return byFolder;
  }

  /** Item ids are paths or free text: a digest makes a safe, fixed-length file name of them. */
  static String keyOf(String itemId) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(itemId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private record DoneRecord(String fingerprint, ItemOutcome<?> outcome) implements Serializable {}
}
