package io.geomill.raster;

import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The JDK's zlib ({@link Inflater}), which stops as soon as the needed rows are out: the halo row a tile needs
 * from the block below it costs one row of that block, not the whole block.
 */
final class ZlibInflater implements BlockInflater {
  private final Inflater inflater = new Inflater();

  @Override
  public void inflate(byte[] compressed, int count, byte[] raw, int needed, int whole, int block)
      throws IOException {
    inflater.reset();
    inflater.setInput(compressed, 0, count);
    int done = 0;
    try {
      while (done < needed) {
        int n = inflater.inflate(raw, done, needed - done);
        if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
          throw new IOException("block " + block + " decompresses to " + done + " bytes, not the " + needed
              + " its rows need");
        }
        done += n;
      }
    } catch (DataFormatException e) {
      throw new IOException("block " + block + ": corrupt DEFLATE data: " + e.getMessage(), e);
    }
  }
}
