package io.geomill.raster;

import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

/**
 * Checks that every image directory of a TIFF (classic or BigTIFF) and the image data it points to lie inside
 * the file. A file cut short by an interrupted copy then fails here with the byte counts, instead of deep in
 * the image reader, or worse, reading the missing part as zeros. Reads only the directories, never pixels,
 * and tells the size of the first image on the way (what a job needs to plan its tiles), and its block layout
 * when {@link TiffBlockReader} decodes it.
 *
 * @param width           columns of the first image
 * @param height          rows of the first image
 * @param samplesPerPixel bands of the first image
 * @param blocks          the first image's blocks, or null when their layout is not one TiffBlockReader decodes
 */
public record TiffStructure(int width, int height, int samplesPerPixel, TiffBlockReader.Layout blocks) {
  private static final int IMAGE_WIDTH = 256;
  private static final int IMAGE_LENGTH = 257;
  private static final int SAMPLES_PER_PIXEL = 277;
  private static final int STRIP_OFFSETS = 273;
  private static final int STRIP_BYTE_COUNTS = 279;
  private static final int TILE_OFFSETS = 324;
  private static final int TILE_BYTE_COUNTS = 325;
  private static final int MAX_DIRECTORIES = 10_000;
  /** The first directory's tags that tell its block layout (besides the sizes and data offsets). */
  private static final Set<Integer> LAYOUT_TAGS = Set.of(TiffBlockReader.Layout.TAGS);

  public static TiffStructure check(File file) throws IOException {
    try (ImageInputStream in = new FileImageInputStream(file)) {
      return check(in);
    }
  }

  /** Checks the TIFF {@code in} holds (from its start; {@code in.length()} must be known). */
  public static TiffStructure check(ImageInputStream in) throws IOException {
    long size = in.length();
    if (size < 0) {
      throw new IllegalArgumentException("the TIFF check needs a stream of known length");
    }
    return new Reader(in, size).check();
  }

  private static final class Reader {
    private final ImageInputStream in;
    private final long size;
    private ByteOrder order;
    private boolean big;
    private int width = -1;
    private int height = -1;
    private int samplesPerPixel = 1;
    /** The first directory's layout tags (SHORT, LONG or LONG8 values), data offsets and byte counts. */
    private final Map<Integer, long[]> firstImage = new HashMap<>();

    Reader(ImageInputStream in, long size) {
      this.in = in;
      this.size = size;
    }

    TiffStructure check() throws IOException {
      if (size < 8) {
        throw new RasterException(size == 0 ? "empty file (0 bytes)" : "not a TIFF file: it has only " + size
            + " bytes");
      }
      ByteBuffer header = read(0, (int) Math.min(16, size), "the TIFF header");
      int first = header.get(0);
      order = first == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
      header.order(order);
      int version = header.getShort(2);
      if (first != header.get(1) || (first != 'I' && first != 'M') || (version != 42 && version != 43)) {
        throw new RasterException("not a TIFF file: it does not start with a TIFF signature");
      }
      big = version == 43;
      if (header.limit() < (big ? 16 : 8)) {
        throw truncated("the TIFF header runs to byte " + (big ? 16 : 8));
      }
      long directory = big ? header.getLong(8) : Integer.toUnsignedLong(header.getInt(4));
      Set<Long> seen = new HashSet<>();
      for (int index = 0; directory != 0; index++) {
        if (index >= MAX_DIRECTORIES || !seen.add(directory)) {
          throw new RasterException("corrupt TIFF: the image directories form a loop");
        }
        directory = checkDirectory(directory, index);
      }
      if (width < 0 || height < 0) {
        throw new RasterException("corrupt TIFF: the first image directory gives no image width or length");
      }
      return new TiffStructure(width, height, samplesPerPixel,
          TiffBlockReader.Layout.of(order, width, height, samplesPerPixel, firstImage));
    }

    /** Checks one directory and returns the offset of the next (0 after the last). */
    private long checkDirectory(long offset, int index) throws IOException {
      String where = "image directory " + (index + 1);
      if (offset >= size) {
        throw truncated(where + " should start at byte " + offset);
      }
      int countBytes = big ? 8 : 2;
      int entryBytes = big ? 20 : 12;
      ByteBuffer countBuffer = read(offset, countBytes, where);
      long entries = big ? countBuffer.getLong(0) : Short.toUnsignedInt(countBuffer.getShort(0));
      long tableBytes = entries * entryBytes + (big ? 8 : 4);
      if (offset + countBytes + tableBytes > size) {
        throw truncated(where + " runs to byte " + (offset + countBytes + tableBytes));
      }
      ByteBuffer table = read(offset + countBytes, (int) tableBytes, where);
      long[] dataOffsets = null;
      long[] dataCounts = null;
      for (int i = 0; i < entries; i++) {
        int at = i * entryBytes;
        int tag = Short.toUnsignedInt(table.getShort(at));
        if (tag == STRIP_OFFSETS || tag == TILE_OFFSETS) {
          dataOffsets = values(table, at, where);
          if (index == 0) {
            firstImage.put(tag, dataOffsets);
          }
        } else if (tag == STRIP_BYTE_COUNTS || tag == TILE_BYTE_COUNTS) {
          dataCounts = values(table, at, where);
          if (index == 0) {
            firstImage.put(tag, dataCounts);
          }
        } else if (index == 0 && LAYOUT_TAGS.contains(tag)) {
          try {
            firstImage.put(tag, values(table, at, where));
          } catch (RasterException e) {
            // an unusual entry (another type, no values) leaves the layout to the image reader
          }
        } else if (index == 0 && (tag == IMAGE_WIDTH || tag == IMAGE_LENGTH || tag == SAMPLES_PER_PIXEL)) {
          int value = (int) values(table, at, where)[0];
          if (tag == IMAGE_WIDTH) {
            width = value;
          } else if (tag == IMAGE_LENGTH) {
            height = value;
          } else {
            samplesPerPixel = value;
          }
        }
      }
      if (dataOffsets != null && dataCounts != null) {
        long end = 0;
        for (int i = 0; i < Math.min(dataOffsets.length, dataCounts.length); i++) {
          end = Math.max(end, dataOffsets[i] + dataCounts[i]);
        }
        if (end > size) {
          throw truncated("the image data of " + where + " runs to byte " + end);
        }
      }
      int next = (int) (entries * entryBytes);
      return big ? table.getLong(next) : Integer.toUnsignedLong(table.getInt(next));
    }

    /** The values of a SHORT, LONG or LONG8 array entry, stored inline or at an offset. */
    private long[] values(ByteBuffer table, int at, String where) throws IOException {
      int type = Short.toUnsignedInt(table.getShort(at + 2));
      long count = big ? table.getLong(at + 4) : Integer.toUnsignedLong(table.getInt(at + 4));
      int width = switch (type) {
        case 3 -> 2;
        case 4 -> 4;
        case 16 -> 8;
        default -> throw new RasterException("corrupt TIFF: " + where + " stores sizes or data offsets as type "
            + type);
      };
      if (count < 1 || count > Integer.MAX_VALUE / 8) {
        throw new RasterException("corrupt TIFF: " + where + " claims " + count + " strips or tiles");
      }
      long bytes = count * width;
      int inline = big ? 8 : 4;
      ByteBuffer data;
      if (bytes <= inline) {
        data = table.duplicate().order(order).position(at + (big ? 12 : 8)).slice().order(order);
      } else {
        long valuesAt = big ? table.getLong(at + 12) : Integer.toUnsignedLong(table.getInt(at + 8));
        if (valuesAt + bytes > size) {
          throw truncated("the strip or tile offsets of " + where + " run to byte " + (valuesAt + bytes));
        }
        data = read(valuesAt, (int) bytes, where);
      }
      long[] values = new long[(int) count];
      for (int i = 0; i < count; i++) {
        values[i] = switch (width) {
          case 2 -> Short.toUnsignedInt(data.getShort(i * 2));
          case 4 -> Integer.toUnsignedLong(data.getInt(i * 4));
          default -> data.getLong(i * 8);
        };
      }
      return values;
    }

    private ByteBuffer read(long position, int length, String what) throws IOException {
      if (position + length > size) {
        throw truncated(what + " runs to byte " + (position + length));
      }
      byte[] bytes = new byte[length];
      in.seek(position);
      try {
        in.readFully(bytes);
      } catch (EOFException e) {
        throw truncated(what + " runs to byte " + (position + length));
      }
      return ByteBuffer.wrap(bytes).order(order == null ? ByteOrder.BIG_ENDIAN : order);
    }

    private RasterException truncated(String what) {
      return new RasterException("truncated or corrupt TIFF: " + what + " but the file has only " + size
          + " bytes");
    }
  }
}
