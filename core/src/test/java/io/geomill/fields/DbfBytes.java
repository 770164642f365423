package io.geomill.fields;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A .dbf read as bytes (dBASE III layout), to compare field descriptors and stored values exactly. */
record DbfBytes(byte[] file, int headerBytes, int recordBytes, long records, List<String> fieldNames,
    List<byte[]> descriptors, List<int[]> spans) {

  static DbfBytes read(Path dbf) throws IOException {
    byte[] file = Files.readAllBytes(dbf);
    ByteBuffer header = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    long records = Integer.toUnsignedLong(header.getInt(4));
    int headerBytes = Short.toUnsignedInt(header.getShort(8));
    int recordBytes = Short.toUnsignedInt(header.getShort(10));
    List<String> names = new ArrayList<>();
    List<byte[]> descriptors = new ArrayList<>();
    List<int[]> spans = new ArrayList<>();
    int offset = 1; // the deletion flag
    for (int at = 32; file[at] != 0x0D; at += 32) {
      int end = at;
      while (end < at + 11 && file[end] != 0) {
        end++;
      }
      names.add(new String(file, at, end - at, StandardCharsets.US_ASCII));
      byte[] descriptor = Arrays.copyOfRange(file, at, at + 18); // name, type, reserved, length, decimals
      Arrays.fill(descriptor, 12, 16, (byte) 0); // the field's offset in the record, which some writers keep
      descriptors.add(descriptor);
      int length = Byte.toUnsignedInt(file[at + 16]);
      spans.add(new int[] {offset, length});
      offset += length;
    }
    return new DbfBytes(file, headerBytes, recordBytes, records, names, descriptors, spans);
  }

  byte[] descriptor(String field) {
    return descriptors.get(fieldNames.indexOf(field));
  }

  /** The field's bytes in every record, one after the other. */
  byte[] column(String field) {
    int[] span = spans.get(fieldNames.indexOf(field));
    byte[] column = new byte[(int) records * span[1]];
    for (int r = 0; r < records; r++) {
      System.arraycopy(file, headerBytes + r * recordBytes + span[0], column, r * span[1], span[1]);
    }
    return column;
  }
}
