package io.geomill.inventory;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks that every image directory of a TIFF (classic or BigTIFF) and the image data it points to lie inside
 * the file. A file cut short by an interrupted copy then fails here with the byte counts, instead of deep in
 * the image reader, or worse, reading the missing part as zeros. Reads only the directories, never pixels.
 */
final class TiffStructure {
  private TiffStructure() {}

  private static final int STRIP_OFFSETS = 273;
  private static final int STRIP_BYTE_COUNTS = 279;
  private static final int TILE_OFFSETS = 324;
  private static final int TILE_BYTE_COUNTS = 325;
  private static final int MAX_DIRECTORIES = 10_000;

  static void check(File file) throws IOException, InvalidDataException {
    try (FileChannel channel = FileChannel.open(file.toPath(), StandardOpenOption.READ)) {
      new Reader(channel).check();
    }
  }

  private static final class Reader {
    private final FileChannel channel;
    private final long size;
    private ByteOrder order;
    private boolean big;

    Reader(FileChannel channel) throws IOException {
      this.channel = channel;
      this.size = channel.size();
    }

    void check() throws IOException, InvalidDataException {
      ByteBuffer header = read(0, 16, "the TIFF header");
      order = header.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
      header.order(order);
      big = header.getShort(2) == 43;
      long directory = big ? header.getLong(8) : Integer.toUnsignedLong(header.getInt(4));
      Set<Long> seen = new HashSet<>();
      for (int index = 0; directory != 0; index++) {
        if (index >= MAX_DIRECTORIES || !seen.add(directory)) {
          throw new InvalidDataException("corrupt TIFF: the image directories form a loop");
        }
        directory = checkDirectory(directory, index);
      }
    }

    /** Checks one directory and returns the offset of the next (0 after the last). */
    private long checkDirectory(long offset, int index) throws IOException, InvalidDataException {
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
        } else if (tag == STRIP_BYTE_COUNTS || tag == TILE_BYTE_COUNTS) {
          dataCounts = values(table, at, where);
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
    private long[] values(ByteBuffer table, int at, String where) throws IOException, InvalidDataException {
      int type = Short.toUnsignedInt(table.getShort(at + 2));
      long count = big ? table.getLong(at + 4) : Integer.toUnsignedLong(table.getInt(at + 4));
      int width = switch (type) {
        case 3 -> 2;
        case 4 -> 4;
        case 16 -> 8;
        default -> throw new InvalidDataException("corrupt TIFF: " + where + " stores data offsets as type "
            + type);
      };
      if (count > Integer.MAX_VALUE / 8) {
        throw new InvalidDataException("corrupt TIFF: " + where + " claims " + count + " strips or tiles");
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

    private ByteBuffer read(long position, int length, String what) throws IOException, InvalidDataException {
      if (position + length > size) {
        throw truncated(what + " runs to byte " + (position + length));
      }
      ByteBuffer buffer = ByteBuffer.allocate(length).order(order == null ? ByteOrder.BIG_ENDIAN : order);
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, position + buffer.position()) < 0) {
          throw truncated(what + " runs to byte " + (position + length));
        }
      }
      return buffer.flip();
    }

    private InvalidDataException truncated(String what) {
      return new InvalidDataException("truncated or corrupt TIFF: " + what + " but the file has only " + size
          + " bytes");
    }
  }
}
