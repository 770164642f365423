package io.geomill.batch;

import java.io.IOException;
import java.io.InputStream;

/** What {@link PartedTask#finish} may ask of the engine besides an {@link ItemContext}: the parts' files. */
public interface PartsContext extends ItemContext {

  /** Reads the file part {@code part} staged as {@code name}. */
  InputStream openPart(int part, String name) throws IOException;
}
