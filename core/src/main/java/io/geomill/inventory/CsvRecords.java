package io.geomill.inventory;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads delimited text record by record as RFC 4180 defines it: fields may be quoted, a quote inside a quoted
 * field is doubled, and a quoted field may span lines (WKT columns often do neither, but spreadsheets do both).
 */
final class CsvRecords {
  private final Reader in;
  private final char delimiter;
  private int peeked = -2;

  CsvRecords(Reader in, char delimiter) {
    this.in = in;
    this.delimiter = delimiter;
  }

  /** The next record's fields, or null at the end of the text. */
  List<String> next() throws IOException {
    int c = read();
    if (c < 0) {
      return null;
    }
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    while (true) {
      if (quoted) {
        if (c < 0) {
          throw new IOException("a quoted field is not closed before the end of the file");
        }
        if (c == '"') {
          if (peek() == '"') {
            read();
            field.append('"');
          } else {
            quoted = false;
          }
        } else {
          field.append((char) c);
        }
      } else if (c == '"' && field.isEmpty()) {
        quoted = true;
      } else if (c == delimiter) {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r' || c < 0) {
        if (c == '\r' && peek() == '\n') {
          read();
        }
        fields.add(field.toString());
        return fields;
      } else {
        field.append((char) c);
      }
      c = read();
    }
  }

  private int read() throws IOException {
    if (peeked != -2) {
      int c = peeked;
      peeked = -2;
      return c;
    }
    return in.read();
  }

  private int peek() throws IOException {
    if (peeked == -2) {
      peeked = in.read();
    }
    return peeked;
  }
}
