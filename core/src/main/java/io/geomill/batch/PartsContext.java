package io.geomill.batch;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;

/** What {@link PartedTask#finish} may ask of the engine besides an {@link ItemContext}: the parts' files. */
public interface PartsContext extends ItemContext {

  /** Reads the file part {@code part} staged as {@code name}. */
  InputStream openPart(int part, String name) throws IOException;

  /**
   * Stages the parts' {@link #sharedFile} {@code sharedName} as the output {@code relativeName} (a hard link, so
   * a second attempt of the finish finds it still) and returns the staged file, for the finish to complete in
   * place (a file header) before the commit renames it into the output folder.
   *
   * @throws IOException when the parts wrote no such file
   */
  File stageShared(String sharedName, String relativeName) throws IOException;
}
