package io.geomill.batch;

import io.geomill.fs.HadoopFs;
import io.geomill.fs.LocalCopies;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One attempt at one item on an executor: the {@link ItemContext} its task sees, and the commit or abort
 * of what it staged. Staged files live in the output file system when that is the local disk (so the commit
 * is a rename), and in local scratch otherwise (uploaded to the output file system's staging, then renamed).
 */
final class ItemAttempt implements ItemContext, AutoCloseable {
  private final String itemId;
  private final OutputStore store;
  private final Configuration conf;
  private final Path stagingDir;
  private final File scratchRoot;
  private File scratch;
  private final Map<String, File> staged = new LinkedHashMap<>();
  private final LocalCopies inputs;

  ItemAttempt(String itemId, OutputStore store, Configuration conf, File scratchRoot, String attempt) {
    this.itemId = itemId;
    this.store = store;
    this.conf = conf;
    this.stagingDir = store == null ? null : store.stagingDir(itemId, attempt);
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
    store.finalPath(relativeName); // validates the name before any work is done for it
    return staged.computeIfAbsent(relativeName, name -> {
      try {
        File file = HadoopFs.isLocal(stagingDir)
            ? new File(HadoopFs.localFile(stagingDir), name) : new File(new File(scratch(), "out"), name);
        if (!file.getParentFile().isDirectory() && !file.getParentFile().mkdirs()) {
          throw new IOException("cannot create staging folder " + file.getParent());
        }
        return file;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Override
  public File local(String uri) throws IOException {
    return inputs.local(uri);
  }


  /** Puts every staged file under its final name, then records the item as done. */
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
      Path target = store.finalPath(entry.getKey());
      store.renameIntoPlace(inStaging, target);
      finals.add(fs.makeQualified(target).toString());
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
