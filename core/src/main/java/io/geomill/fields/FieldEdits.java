package io.geomill.fields;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What one calculate-fields command does to every layer, in this order: add the new fields (null until set),
 * evaluate the {@code --set} expressions one after another (each sees the values the earlier ones wrote, as a
 * sequence of ArcPy CalculateField calls would), then drop the deleted fields. Field names are compared without
 * regard to case, as Spark, GDAL and ArcGIS compare them.
 *
 * @param adds    fields to create, appended after the existing ones in this order
 * @param sets    assignments in command order; each expression already passed {@link SafeExpressions}
 * @param deletes fields to drop
 */
public record FieldEdits(List<NewField> adds, List<Assignment> sets, List<String> deletes) implements Serializable {

  /** {@code --set NAME=EXPR}. */
  public record Assignment(String field, String expression) implements Serializable {
    public String text() {
      return field + "=" + expression;
    }
  }

  public FieldEdits {
    adds = List.copyOf(adds);
    sets = List.copyOf(sets);
    deletes = List.copyOf(deletes);
  }

  /**
   * Parses and checks the options; every problem here is in the command itself.
   *
   * @throws FieldEditException naming the option and the reason
   */
  public static FieldEdits parse(List<String> adds, List<String> sets, List<String> deletes) {
    List<NewField> newFields = new ArrayList<>();
    Set<String> added = new HashSet<>();
    for (String add : adds) {
      NewField field = NewField.parse(add);
      if (!added.add(key(field.name()))) {
        throw new FieldEditException("--add " + add + ": field " + field.name() + " is added twice");
      }
      newFields.add(field);
    }
    List<Assignment> assignments = new ArrayList<>();
    for (String set : sets) {
      int equals = set.indexOf('=');
      if (equals <= 0 || set.substring(0, equals).isBlank()) {
        throw new FieldEditException("--set " + set + ": write NAME=EXPRESSION, e.g. TYPE=ST_GeometryType(geometry)");
      }
      Assignment assignment = new Assignment(set.substring(0, equals).strip(), set.substring(equals + 1).strip());
      if (assignment.expression().isEmpty()) {
        throw new FieldEditException("--set " + set + ": the expression is empty");
      }
      if (key(assignment.field()).equals(SafeExpressions.GEOMETRY)) {
        throw new FieldEditException("--set " + set + ": calculate-fields sets attributes; the geometry is kept as"
            + " it is");
      }
      SafeExpressions.check(assignment);
      assignments.add(assignment);
    }
    Set<String> deleted = new HashSet<>();
    for (String delete : deletes) {
      String name = delete.strip();
      if (name.isEmpty() || !deleted.add(key(name))) {
        throw new FieldEditException("--delete " + delete + ": " + (name.isEmpty() ? "no field named"
            : "deleted twice"));
      }
      if (added.contains(key(name))) {
        throw new FieldEditException("--delete " + delete + ": the same command adds it");
      }
      if (assignments.stream().anyMatch(a -> key(a.field()).equals(key(name)))) {
        throw new FieldEditException("--delete " + delete + ": the same command sets it");
      }
    }
    if (newFields.isEmpty() && assignments.isEmpty() && deletes.isEmpty()) {
      throw new FieldEditException("nothing to do: give --add, --set or --delete");
    }
    return new FieldEdits(newFields, assignments, deletes.stream().map(String::strip).toList());
  }

  /** The longest name --add gives, for the up-front shapefile check. */
  public List<NewField> addsLongerThan(int characters) {
    return adds.stream().filter(f -> f.name().length() > characters || !f.name().chars().allMatch(c -> c > 32
        && c < 127)).toList();
  }

  /**
   * What a committed result depends on besides the input files: a rerun with other edits must redo the layer.
   */
  public String fingerprint() {
    StringBuilder text = new StringBuilder();
    adds.forEach(f -> text.append("add ").append(f.name()).append(' ').append(f.describe()).append('\n'));
    sets.forEach(s -> text.append("set ").append(s.text()).append('\n'));
    deletes.forEach(d -> text.append("delete ").append(d).append('\n'));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
