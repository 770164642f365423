package io.geomill.inventory;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * The header of a dBASE III/IV table, the attribute part of a shapefile: record count, record length and
 * field names. Records themselves are not read; the file's length is checked against the header.
 *
 * @param records     records the header states
 * @param fieldNames  field names in table order
 */
record DbfHeader(long records, List<String> fieldNames) {
  private static final int PREFIX_BYTES = 32;
  private static final int DESCRIPTOR_BYTES = 32;
  private static final int NAME_BYTES = 11;
  private static final byte TERMINATOR = 0x0D;

  static DbfHeader read(File file, String name, Charset charset) throws IOException, InvalidDataException {
    long size = file.length();
    if (size < PREFIX_BYTES + 1) {
      throw new InvalidDataException("truncated dBASE table: " + name + " has " + size + " bytes");
    }
    try (RandomAccessFile in = new RandomAccessFile(file, "r")) {
      ByteBuffer prefix = ByteBuffer.allocate(PREFIX_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      in.readFully(prefix.array());
      long records = Integer.toUnsignedLong(prefix.getInt(4));
      int headerBytes = Short.toUnsignedInt(prefix.getShort(8));
      int recordBytes = Short.toUnsignedInt(prefix.getShort(10));
      if (headerBytes < PREFIX_BYTES + 1 || headerBytes > size || recordBytes == 0) {
        throw new InvalidDataException("corrupt dBASE table: " + name + " states a " + headerBytes
            + "-byte header and " + recordBytes + "-byte records in a " + size + "-byte file");
      }
      long expected = headerBytes + records * recordBytes;
      if (expected > size) {
        throw new InvalidDataException("truncated dBASE table: the header of " + name + " says " + records
            + " records of " + recordBytes + " bytes (" + expected + " bytes) but the file has " + size);
      }
      byte[] descriptors = new byte[headerBytes - PREFIX_BYTES];
      in.readFully(descriptors);
      List<String> fields = new ArrayList<>();
      for (int at = 0; at + DESCRIPTOR_BYTES <= descriptors.length && descriptors[at] != TERMINATOR;
          at += DESCRIPTOR_BYTES) {
        int end = at;
        while (end < at + NAME_BYTES && descriptors[end] != 0) {
          end++;
        }
        fields.add(new String(descriptors, at, end - at, charset).strip());
      }
      return new DbfHeader(records, List.copyOf(fields));
    }
  }
}
