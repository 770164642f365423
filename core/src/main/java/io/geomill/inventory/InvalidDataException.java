package io.geomill.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * A describer's verdict that the data is unusable (empty, truncated, mis-named, incomplete). The message is
 * only the reason; {@link Inventory#describe} puts the file's path in front of it.
 */
public class InvalidDataException extends Exception {
  InvalidDataException(String reason) {
    super(reason);
  }

  InvalidDataException(String reason, Throwable cause) {
    super(reason, cause);
  }

  /**
   * A library exception's messages down its cause chain, "outer: inner", leaving out wrappers whose message is
   * just their cause's toString() (JAI and GeoTools wrap a lot).
   */
  static String reasonOf(Throwable error) {
    List<String> parts = new ArrayList<>();
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage() == null ? null : t.getMessage().strip().replaceFirst("\\.$", "");
      boolean wrapper = t.getCause() != null && t.getCause().toString().equals(t.getMessage());
      if (message != null && !message.isBlank() && !wrapper && !parts.contains(message)) {
        parts.add(message);
      }
    }
    return parts.isEmpty() ? error.getClass().getSimpleName() : String.join(": ", parts);
  }
}
