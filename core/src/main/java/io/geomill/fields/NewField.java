package io.geomill.fields;

import java.io.Serializable;

/**
 * A field {@code --add} creates: {@code NAME:TYPE[:LENGTH[:SCALE]]}. LENGTH is a text field's length in bytes or
 * a number's width in characters (ArcPy's field_length / field_precision), SCALE a real's decimals.
 */
public record NewField(String name, FieldType type, int length, int scale) implements Serializable {

  /**
   * @throws FieldEditException when the text is not a field definition, with the reason
   */
  public static NewField parse(String text) {
    String[] parts = text.split(":", -1);
    String where = "--add " + text + ": ";
    if (parts.length < 2 || parts.length > 4 || parts[0].isBlank()) {
      throw new FieldEditException(where + "write NAME:TYPE[:LENGTH[:SCALE]], e.g. TYPE:TEXT:20 or AREA:DOUBLE:18:3");
    }
    String name = parts[0].strip();
    FieldType type = FieldType.ofName(parts[1]).orElseThrow(() -> new FieldEditException(where + "unknown type \""
        + parts[1] + "\"; types: " + FieldType.knownNames()));
    if (parts.length > 2 && !type.takesLength()) {
      throw new FieldEditException(where + type + " takes no length");
    }
    if (parts.length > 3 && !type.takesScale()) {
      throw new FieldEditException(where + type + " takes no scale (only FLOAT and DOUBLE have decimals)");
    }
    int length = parts.length > 2 ? number(where, "length", parts[2]) : type.defaultLength;
    int scale = parts.length > 3 ? number(where, "scale", parts[3]) : parts.length > 2 && type.takesScale()
        ? Math.min(type.defaultScale, Math.max(0, length - 2)) : type.defaultScale;
    int max = type == FieldType.TEXT ? FieldType.MAX_TEXT_LENGTH : FieldType.MAX_NUMBER_WIDTH;
    if (length < 1 || length > max) {
      throw new FieldEditException(where + "length " + length + " is outside 1.." + max + " for " + type);
    }
    if (scale > 0 && scale > length - 2) {
      throw new FieldEditException(where + "scale " + scale + " leaves no room in width " + length
          + " (a sign or digit and the decimal point need 2)");
    }
    return new NewField(name, type, length, scale);
  }

  private static int number(String where, String what, String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new FieldEditException(where + what + " \"" + text + "\" is not a whole number");
    }
  }

  /** "TEXT(20)", "DOUBLE(18,3)". */
  public String describe() {
    return type + (type.takesLength() ? "(" + length + (type.takesScale() ? "," + scale : "") + ")" : "");
  }
}
