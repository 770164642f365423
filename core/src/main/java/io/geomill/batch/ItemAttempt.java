package io.geomill.batch;

import io.geomill.fs.HadoopFs;
import io.geomill.fs.LocalCopies;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One attempt at one item, or at one part of an item ({@link PartedTask}), on an executor: the context its task
 * sees, and the commit or abort of what it staged. Staged files live in the output file system when that is the
 * local disk (so the commit is a rename), and in local scratch otherwise (uploaded to the output file system's
 * staging, then renamed). An item's files are committed as its outputs, with the record that marks it done; a
 * part's files are committed as part files, where the item's finish reads them.
 */
final class ItemAttempt implements PartsContext, AutoCloseable {
  private final String itemId;
  private final int part;
  private final OutputStore store;
  private final Configuration conf;
  private final Path stagingDir;
  private final File scratchRoot;
  private File scratch;
  private final Map<String, File> staged = new LinkedHashMap<>();
  private final Map<String, File> scratchParts = new HashMap<>();
  private final LocalCopies inputs;

  /** @param part a part index from 0, or negative for the item itself */
  ItemAttempt(String itemId, int part, OutputStore store, Configuration conf, File scratchRoot, String attempt) {
    this.itemId = itemId;
    this.part = part;
    this.store = store;
    this.conf = conf;
    this.stagingDir = store == null ? null
        : part < 0 ? store.stagingDir(itemId, attempt) : store.partStagingDir(itemId, part, attempt);
    this.scratchRoot = scratchRoot;
    this.inputs = new LocalCopies(conf, () -> new File(scratch(), "in"));
  }

  /** Created on first use: most items of a local batch never need it. */
  private File scratch() throws IOException {
    if (scratch == null) {
      scratch = Files.createTempDirectory(scratchRoot.toPath(), "geomill-item-").toFile();
    }
    return scratch;
  }

  @Override
  public String itemId() {
    return itemId;
  }

  @Override
  public Configuration hadoopConf() {
    return conf;
  }

  @Override
  public File stage(String relativeName) {
    if (store == null) {
      throw new IllegalStateException("this batch has no output folder, so item " + itemId
          + " cannot write output '" + relativeName + "'");
    }
    OutputStore.checkName(relativeName); // before any work is done for it
    return staged.computeIfAbsent(relativeName, name -> {
      try {
        return createParent(HadoopFs.isLocal(stagingDir)
            ? new File(HadoopFs.localFile(stagingDir), name) : new File(new File(scratch(), "out"), name));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Override
  public File local(String uri) throws IOException {
    return inputs.local(uri);
  }

  /** In the item's parts folder when that is on the local disk (the parts of a whole item see none). */
  @Override
  public File sharedFile(String name) {
    if (store == null || !HadoopFs.isLocal(store.partsDir(itemId))) {
      return null;
    }
    OutputStore.checkName(name);
    File file = new File(new File(HadoopFs.localFile(store.partsDir(itemId)), "shared"), name);
    try {
      Files.createDirectories(file.getParentFile().toPath()); // parts on other threads may be creating it too
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  @Override
  public File stageShared(String sharedName, String relativeName) throws IOException {
    File shared = sharedFile(sharedName);
    if (shared == null || !shared.isFile()) {
      throw new IOException("item " + itemId + " has no shared part file '" + sharedName + "'");
    }
    File staged = stage(relativeName);
    Files.deleteIfExists(staged.toPath());
    try {
      Files.createLink(staged.toPath(), shared.toPath());
    } catch (UnsupportedOperationException | IOException e) {
      // a file system without hard links: moved, so a second attempt of the finish would fail (and say so)
      Files.move(shared.toPath(), staged.toPath());
    }
    return staged;
  }

  /**
   * The context of part 0 of an item that runs whole: its part files go to local scratch, where
   * {@link #openPart} finds them; they are never committed.
   */
  ItemContext scratchParts() {
    ItemAttempt attempt = this;
    return new ItemContext() {
      @Override
      public String itemId() {
        return itemId;
      }

      @Override
      public File stage(String relativeName) {
        OutputStore.checkName(relativeName);
        return scratchParts.computeIfAbsent(relativeName, name -> {
          try {
            return createParent(new File(new File(scratch(), "parts/0"), name));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }

      @Override
      public Configuration hadoopConf() {
        return conf;
      }

      @Override
      public File local(String uri) throws IOException {
        return attempt.local(uri);
      }
    };
  }

  @Override
  public InputStream openPart(int partIndex, String name) throws IOException {
    File inScratch = partIndex == 0 ? scratchParts.get(name) : null;
    if (inScratch != null) {
      return new FileInputStream(inScratch);
    }
    if (store == null) {
      throw new IllegalStateException("item " + itemId + " has no part file '" + name + "' (no output folder)");
    }
    return store.fileSystem().open(store.partPath(itemId, partIndex, name));
  }


  private static File createParent(File file) throws IOException {
    if (!file.getParentFile().isDirectory() && !file.getParentFile().mkdirs()) {
      throw new IOException("cannot create staging folder " + file.getParent());
    }
    return file;
  }

  /**
   * Puts every staged file under its final name, then records the item as done; for a part, puts its files
   * where the item's finish reads them.
   */
  <R extends Serializable> ItemOutcome<R> commit(ItemOutcome<R> outcome, String fingerprint) throws IOException {
    if (store == null) {
      return outcome;
    }
    FileSystem fs = store.fileSystem();
    List<String> finals = new ArrayList<>();
    for (Map.Entry<String, File> entry : staged.entrySet()) {
      File file = entry.getValue();
      if (!file.isFile()) {
        throw new IOException("the task staged output '" + entry.getKey() + "' but never wrote it");
      }
      Path inStaging = new Path(stagingDir, entry.getKey());
      if (!HadoopFs.isLocal(stagingDir)) {
        fs.copyFromLocalFile(true, true, new Path(file.getAbsoluteFile().toURI()), inStaging);
      }
      Path target = part < 0 ? store.finalPath(entry.getKey()) : store.partPath(itemId, part, entry.getKey());
      store.renameIntoPlace(inStaging, target);
      finals.add(fs.makeQualified(target).toString());
    }
    if (part >= 0) {
      return outcome;
    }
    ItemOutcome<R> committed = new ItemOutcome<>(outcome.itemId(), outcome.status(), finals, outcome.result(),
        null, null, null, outcome.durationMs(), outcome.executor(), outcome.attempt());
    store.recordDone(itemId, fingerprint, committed, stagingDir);
    return committed;
  }

  /** Drops the staging folder and local scratch, committed or not. */
  @Override
  public void close() {
    if (store != null) {
      try {
        store.fileSystem().delete(stagingDir, true);
      } catch (IOException e) {
        // Left-over staging is removed at the end of the run; it never stands under a final name.
      }
    }
    if (scratch != null) {
      deleteTree(scratch);
    }
  }

  private static void deleteTree(File root) {
    try (Stream<java.nio.file.Path> paths = Files.walk(root.toPath())) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Scratch lives under Spark's local dir, which Spark removes when the executor ends.
    }
  }
}
