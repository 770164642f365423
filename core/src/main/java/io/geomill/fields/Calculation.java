package io.geomill.fields;

import io.geomill.fields.FieldEdits.Assignment;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.lang3.SerializationUtils;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.sedona_sql.UDT.GeometryUDT;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.unsafe.types.UTF8String;
import org.locationtech.jts.geom.Geometry;

/**
 * The edits of one command compiled for one layer schema on the driver ({@link Calculations#compile}) and
 * evaluated on an executor, row by row, without Spark jobs: each {@code --set} is a resolved, bound Catalyst
 * expression (cast to its field's type) evaluated on an {@link GenericInternalRow} of the feature's values.
 *
 * <p>Row layout: the existing fields in stored order, the added fields, the geometry (Sedona's serialized form),
 * then the source values (file stem, file name, file path, layer name).
 */
public final class Calculation implements Serializable {
  private final List<LayerField> existing;
  private final List<LayerField> added;
  private final List<Integer> kept;
  private final List<Assignment> sets;
  private final int[] targets;
  private final Expression[] expressions;
  private final boolean needsGeometry;

  Calculation(List<LayerField> existing, List<LayerField> added, List<Integer> kept, List<Assignment> sets,
      int[] targets, Expression[] expressions, boolean needsGeometry) {
    this.existing = List.copyOf(existing);
    this.added = List.copyOf(added);
    this.kept = List.copyOf(kept);
    this.sets = List.copyOf(sets);
    this.targets = targets;
    this.expressions = expressions;
    this.needsGeometry = needsGeometry;
  }

  /** The layer's fields as stored, in order. */
  public List<LayerField> existing() {
    return existing;
  }

  public List<LayerField> added() {
    return added;
  }

  /** The fields written, in order: the existing ones not deleted, then the added ones. */
  public List<LayerField> output() {
    List<LayerField> output = new ArrayList<>();
    kept.forEach(i -> output.add(existing.get(i)));
    output.addAll(added);
    return output;
  }

  /** The row column of each output field. */
  public int[] outputColumns() {
    int[] columns = new int[kept.size() + added.size()];
    for (int i = 0; i < kept.size(); i++) {
      columns[i] = kept.get(i);
    }
    for (int i = 0; i < added.size(); i++) {
      columns[kept.size() + i] = existing.size() + i;
    }
    return columns;
  }

  /** Whether an expression reads the geometry: if not, the shapes need not be read at all. */
  public boolean needsGeometry() {
    return needsGeometry;
  }

  /** Whether the row column is one a --set writes (so its stored value must be re-encoded). */
  public boolean isSet(int column) {
    for (int target : targets) {
      if (target == column) {
        return true;
      }
    }
    return column >= existing.size();
  }

  public Evaluator evaluator(String fileStem, String fileName, String filePath, String layerName) {
    return new Evaluator(fileStem, fileName, filePath, layerName);
  }

  /** One layer's evaluation: load a feature, evaluate, read the results; failures are counted, not thrown. */
  public final class Evaluator {
    /**
     * This evaluation's own copy: interpreted Catalyst expressions keep state between calls (Sedona's inferred
     * ones do), and the executor's tasks share one decoded task, so two datasets evaluated at once on one
     * executor must not share expression objects (shared, concurrent datasets failed in ST_GeometryType).
     */
    private final Expression[] own = SerializationUtils.clone(expressions);
    private final Object[] values;
    private final GenericInternalRow row;
    private final int geometryColumn;
    private final GeometryUDT geometryType = new GeometryUDT();
    private final Map<String, Failure> failures = new LinkedHashMap<>();
    private long features;

    private Evaluator(String fileStem, String fileName, String filePath, String layerName) {
      geometryColumn = existing.size() + added.size();
      values = new Object[geometryColumn + 5];
      row = new GenericInternalRow(values);
      values[geometryColumn + 1] = UTF8String.fromString(fileStem);
      values[geometryColumn + 2] = UTF8String.fromString(fileName);
      values[geometryColumn + 3] = UTF8String.fromString(filePath);
      values[geometryColumn + 4] = UTF8String.fromString(layerName);
    }

    /** Sets column {@code column} of the next feature from its stored (Java) value. */
    public void load(int column, Object value, long feature) {
      DataType type = existing.get(column).type();
      try {
        values[column] = type == null ? null : Values.toInternal(value, type);
      } catch (RuntimeException e) {
        values[column] = null;
        fail("field " + existing.get(column).name() + " (" + existing.get(column).describe() + ") cannot be read",
            feature, e);
      }
    }

    public void loadGeometry(Geometry geometry) {
      values[geometryColumn] = geometry == null ? null : geometryType.serialize(geometry);
    }

    /** Runs the assignments in order on the loaded feature ({@code feature} is its 1-based number). */
    public void evaluate(long feature) {
      features++;
      for (int i = existing.size(); i < geometryColumn; i++) {
        values[i] = null;
      }
      for (int i = 0; i < expressions.length; i++) {
        try {
          values[targets[i]] = own[i].eval(row);
        } catch (Exception e) { // Sedona's expressions throw checked exceptions, undeclared, from Scala
          values[targets[i]] = null;
          fail("--set " + sets.get(i).text(), feature, e);
        }
      }
    }

    /** The value of row column {@code column} after evaluation, as a plain Java value. */
    public Object value(int column) {
      DataType type = column < existing.size() ? existing.get(column).type()
          : added.get(column - existing.size()).type();
      return Values.toJava(values[column], type);
    }

    /** Counts a failure of {@code what} at a feature; the first one's message is kept. */
    public void fail(String what, long feature, Throwable error) {
      fail(what, feature, firstLine(error.getMessage() == null ? error.toString() : error.getMessage()));
    }

    public void fail(String what, long feature, String reason) {
      failures.computeIfAbsent(what, k -> new Failure(feature, reason)).count++;
    }

    /**
     * Null when every feature succeeded, else what failed: "--set A=...: 3 of 26 features (first: feature 5,
     * [CAST_OVERFLOW] ...)".
     */
    public String problems() {
      if (failures.isEmpty()) {
        return null;
      }
      List<String> lines = new ArrayList<>();
      failures.forEach((what, failure) -> lines.add(what + ": " + failure.count + " of " + features
          + " features failed (first: feature " + failure.firstFeature + ", " + failure.firstReason + ")"));
      return String.join("; ", lines);
    }
  }

  private static final class Failure {
    final long firstFeature;
    final String firstReason;
    long count;

    Failure(long firstFeature, String firstReason) {
      this.firstFeature = firstFeature;
      this.firstReason = firstReason;
    }
  }

  /** Spark's messages go on with a SQLSTATE and advice: the first sentence line is the reason. */
  static String firstLine(String message) {
    String line = message.strip().split("\n")[0];
    return line.replaceFirst("\\s*SQLSTATE: \\w+;?\\s*$", "");
  }
}
