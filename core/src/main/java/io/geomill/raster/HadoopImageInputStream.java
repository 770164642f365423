package io.geomill.raster;

import java.io.IOException;
import javax.imageio.stream.ImageInputStreamImpl;
import org.apache.hadoop.fs.FSDataInputStream;

/**
 * An ImageIO stream over a file on any Hadoop file system, read by positioned reads: a TIFF reader then fetches
 * only the directories and the tiles or strips it decodes, not the whole file. Small reads (directory entries)
 * go through a read-ahead buffer so that they do not each cost a round trip.
 */
final class HadoopImageInputStream extends ImageInputStreamImpl {
  private static final int BUFFER_BYTES = 64 * 1024;

  private final FSDataInputStream in;
  private final long length;
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private long bufferStart;
  private int bufferLength;

  HadoopImageInputStream(FSDataInputStream in, long length) {
    this.in = in;
    this.length = length;
  }

  @Override
  public int read() throws IOException {
    checkClosed();
    bitOffset = 0;
    if (streamPos >= length) {
      return -1;
    }
    if (!buffered(streamPos)) {
      fill(streamPos);
    }
    return buffer[(int) (streamPos++ - bufferStart)] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    checkClosed();
    bitOffset = 0;
    if (len == 0) {
      return 0;
    }
    if (streamPos >= length) {
      return -1;
    }
    int n = (int) Math.min(len, length - streamPos);
    if (n >= BUFFER_BYTES) {
      in.readFully(streamPos, b, off, n); // a tile's data: straight into the caller's array
    } else {
      if (!buffered(streamPos)) {
        fill(streamPos);
      }
      n = Math.min(n, (int) (bufferStart + bufferLength - streamPos));
      System.arraycopy(buffer, (int) (streamPos - bufferStart), b, off, n);
    }
    streamPos += n;
    return n;
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public void close() throws IOException {
    super.close();
    in.close();
  }

  private boolean buffered(long position) {
    return position >= bufferStart && position < bufferStart + bufferLength;
  }

  private void fill(long position) throws IOException {
    int n = (int) Math.min(BUFFER_BYTES, length - position);
    in.readFully(position, buffer, 0, n);
    bufferStart = position;
    bufferLength = n;
  }
}
