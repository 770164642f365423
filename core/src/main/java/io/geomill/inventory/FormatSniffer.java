package io.geomill.inventory;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * Tells what a file is from its first bytes, so that a mis-named file gets a reason a person understands
 * ("named .tif but the content is a PNG image") instead of a reader's stack trace.
 */
final class FormatSniffer {
  private FormatSniffer() {}

  /** Enough to see every signature and the first lines of a text header. */
  static final int HEAD_BYTES = 4096;

  private static final Set<String> ASCII_GRID_KEYWORDS =
      Set.of("ncols", "nrows", "xllcorner", "xllcenter", "yllcorner", "yllcenter", "cellsize");

  static Content sniff(File file) throws IOException {
    return sniff(head(file));
  }

  static byte[] head(File file) throws IOException {
    try (InputStream in = new FileInputStream(file)) {
      return in.readNBytes(HEAD_BYTES);
    }
  }

  static Content sniff(byte[] head) {
    if (head.length == 0) {
      return Content.EMPTY;
    }
    if (startsWith(head, "II*\0") || startsWith(head, "MM\0*") || startsWith(head, "II+\0")
        || startsWith(head, "MM\0+")) {
      return Content.TIFF;
    }
    if (startsWith(head, 0x00, 0x00, 0x27, 0x0A)) {
      return Content.SHAPEFILE;
    }
    if (startsWith(head, "SQLite format 3\0")) {
      return Content.SQLITE;
    }
    if (startsWith(head, "PAR1")) {
      return Content.PARQUET;
    }
    if (startsWith(head, "CDF\1") || startsWith(head, "CDF\2") || startsWith(head, "CDF\5")) {
      return Content.NETCDF;
    }
    if (startsWith(head, 0x89, 'H', 'D', 'F', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Content.HDF5;
    }
    if (startsWith(head, 0x00, 0x00, 0x00, 0x0C, 'j', 'P', ' ', ' ') || startsWith(head, 0xFF, 0x4F, 0xFF, 0x51)) {
      return Content.JPEG2000;
    }
    if (startsWith(head, "EHFA_HEADER_TAG")) {
      return Content.ERDAS_IMAGINE;
    }
    if (startsWith(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Content.PNG;
    }
    if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
      return Content.JPEG;
    }
    if (startsWith(head, "GIF87a") || startsWith(head, "GIF89a")) {
      return Content.GIF;
    }
    if (startsWith(head, "%PDF")) {
      return Content.PDF;
    }
    if (startsWith(head, "PK\3\4") || startsWith(head, "PK\5\6")) {
      return Content.ZIP;
    }
    if (startsWith(head, 0x1F, 0x8B)) {
      return Content.GZIP;
    }
    String text = asText(head);
    if (text == null) {
      return Content.BINARY;
    }
    String trimmed = text.strip();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      return Content.JSON;
    }
    if (trimmed.startsWith("<")) {
      return Content.XML;
    }
    String firstWord = trimmed.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    return ASCII_GRID_KEYWORDS.contains(firstWord) ? Content.ASCII_GRID : Content.TEXT;
  }

  /** The first bytes in hex, for a reason that must show what an unknown file starts with. */
  static String hexStart(byte[] head) {
    int n = Math.min(head.length, 8);
    return HexFormat.ofDelimiter(" ").formatHex(head, 0, n);
  }

  /**
   * The head as text when it is text: UTF-8 (a multi-byte character cut at the end of the head is allowed) or
   * a single-byte code page, with no control characters other than tab, CR, LF and form feed.
   */
  private static String asText(byte[] head) {
    int start = startsWith(head, 0xEF, 0xBB, 0xBF) ? 3 : 0;
    for (int i = start; i < head.length; i++) {
      int b = head[i] & 0xFF;
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
        return null;
      }
    }
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer bytes = ByteBuffer.wrap(head, start, head.length - start);
    CharBuffer chars = CharBuffer.allocate(head.length);
    if (!utf8.decode(bytes, chars, false).isError()) {
      return chars.flip().toString();
    }
    return new String(head, start, head.length - start, StandardCharsets.ISO_8859_1);
  }

  private static boolean startsWith(byte[] head, String signature) {
    byte[] bytes = signature.getBytes(StandardCharsets.ISO_8859_1);
    if (head.length < bytes.length) {
      return false;
    }
    for (int i = 0; i < bytes.length; i++) {
      if (head[i] != bytes[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] head, int... signature) {
    if (head.length < signature.length) {
      return false;
    }
    for (int i = 0; i < signature.length; i++) {
      if ((head[i] & 0xFF) != signature[i]) {
        return false;
      }
    }
    return true;
  }
}
