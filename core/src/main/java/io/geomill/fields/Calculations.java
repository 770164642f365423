package io.geomill.fields;

import io.geomill.fields.FieldEdits.Assignment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry$;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.BindReferences$;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.EvalMode$;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression$;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.execution.CommandExecutionMode$;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.sedona_sql.UDT.GeometryUDT;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Compiles a command's edits for one layer schema, on the driver: checks them against the layer's fields, then
 * has Spark's analyzer and optimizer resolve every expression (Sedona's functions included) over an empty
 * relation of the layer's columns, and binds the result to row positions. The compiled {@link Calculation} is
 * serializable and evaluates features in a task without a SparkSession. Layers with the same fields share one.
 */
public final class Calculations {
  private Calculations() {}

  /**
   * @param fields    the layer's fields as stored
   * @param shapefile whether the layer is a shapefile's DBF (names of at most 10 characters)
   * @throws FieldEditException when the edits do not fit this layer (a field that exists or is missing, an
   *     unknown name, a type mismatch, a refused function); the message names the option and the layer's fields
   */
  public static Calculation compile(SparkSession spark, List<LayerField> fields, FieldEdits edits, boolean shapefile) {
    Map<String, Integer> byName = new HashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      byName.putIfAbsent(FieldEdits.key(fields.get(i).name()), i);
    }
    if (byName.containsKey(SafeExpressions.GEOMETRY)) {
      throw new FieldEditException("the layer has an attribute field named " + SafeExpressions.GEOMETRY
          + ", the geometry's name in expressions; rename that field first");
    }
    List<LayerField> added = new ArrayList<>();
    for (NewField field : edits.adds()) {
      Integer existing = byName.get(FieldEdits.key(field.name()));
      if (existing != null) {
        throw new FieldEditException("--add " + field.name() + ": field exists (" + fields.get(existing).name() + " "
            + fields.get(existing).describe() + "); an in-place run that already added it is skipped on a rerun of"
            + " the same command, a different command must not --add it again");
      }
      byName.put(FieldEdits.key(field.name()), fields.size() + added.size());
      added.add(LayerField.added(field, shapefile));
    }
    Set<Integer> deleted = new HashSet<>();
    for (String delete : edits.deletes()) {
      Integer index = byName.get(FieldEdits.key(delete));
      if (index == null) {
        throw new FieldEditException("--delete " + delete + ": no such field; the layer's fields: " + names(fields));
      }
      deleted.add(index);
    }
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      if (!deleted.contains(i)) {
        kept.add(i);
      }
    }
    List<LayerField> columns = new ArrayList<>(fields);
    columns.addAll(added);
    StructType schema = new StructType();
    for (LayerField column : columns) {
      // a type calculate-fields cannot read is null in expressions
      schema = schema.add(column.name(), column.type() == null ? DataTypes.NullType : column.type());
    }
    schema = schema.add(SafeExpressions.GEOMETRY, new GeometryUDT());
    for (String hidden : List.of("file_stem", "file_name", "file_path", "layer_name")) {
      schema = schema.add(SafeExpressions.SOURCE_FUNCTIONS.get(hidden), DataTypes.StringType);
    }

    List<Assignment> sets = edits.sets();
    int[] targets = new int[sets.size()];
    List<NamedExpression> projections = new ArrayList<>();
    for (int i = 0; i < sets.size(); i++) {
      Assignment set = sets.get(i);
      Integer target = byName.get(FieldEdits.key(set.field()));
      if (target == null) {
        throw new FieldEditException(SafeExpressions.where(set) + "no field " + set.field() + " (add it with --add "
            + set.field() + ":TYPE); the layer's fields: " + names(fields));
      }
      LayerField field = columns.get(target);
      if (field.type() == null || field.type().equals(DataTypes.BinaryType)) {
        throw new FieldEditException(SafeExpressions.where(set) + "field " + field.name() + " is "
            + field.describe() + ", a type calculate-fields does not set");
      }
      targets[i] = target;
      Expression parsed = SafeExpressions.parse(set, byName.keySet());
      for (String name : SafeExpressions.referencedNames(parsed)) {
        if (!schema.getFieldIndex(name).isDefined() && !isKnownFunction(name) && !caseInsensitive(schema, name)) {
          throw new FieldEditException(SafeExpressions.where(set) + "unknown field `" + name + "`; the layer's fields: "
              + names(columns) + " (and geometry, file_stem, file_name, file_path, layer_name)");
        }
      }
      Expression cast = new Cast(parsed, field.type(), Option.empty(), EvalMode$.MODULE$.ANSI());
      projections.add(new Alias(cast, "set_" + i, NamedExpression$.MODULE$.newExprId(),
          CollectionConverters.asScala(List.<String>of()).toList(), Option.empty(),
          CollectionConverters.asScala(List.<String>of()).toList()));
    }
    Expression[] bound = new Expression[sets.size()];
    boolean needsGeometry = false;
    if (!sets.isEmpty()) {
      LogicalPlan relation = spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
          .<Row>emptyRDD(), schema).queryExecution().analyzed();
      Project project = new Project(CollectionConverters.asScala(projections).toList(), relation);
      QueryExecution execution;
      LogicalPlan analyzed;
      LogicalPlan optimizedPlan;
      try {
        // Spark checks the analysis lazily, as late as the optimizer: both inside the try
        execution = ((org.apache.spark.sql.classic.SparkSession) spark).sessionState()
            .executePlan(project, CommandExecutionMode$.MODULE$.ALL());
        analyzed = execution.analyzed();
        List<NamedExpression> resolved = CollectionConverters.asJava(((Project) analyzed).projectList());
        for (int i = 0; i < sets.size(); i++) {
          SafeExpressions.checkResolved(sets.get(i), (Expression) resolved.get(i));
        }
        optimizedPlan = execution.optimizedPlan();
      } catch (FieldEditException e) {
        throw e;
      } catch (Exception e) {
        // Spark 4's AnalysisException is a checked exception that Scala code throws undeclared
        throw analysisFailure(sets, e);
      }
      if (!(optimizedPlan instanceof Project optimized)) {
        throw new IllegalStateException("Spark's optimizer turned the projection into " + optimizedPlan.nodeName());
      }
      List<Attribute> input = CollectionConverters.asJava(optimized.child().output());
      var attributes = org.apache.spark.sql.catalyst.expressions.package$.MODULE$.AttributeSeq(optimized.child().output());
      Attribute geometry = input.get(columns.size());
      List<NamedExpression> list = CollectionConverters.asJava(optimized.projectList());
      for (int i = 0; i < list.size(); i++) {
        Expression expression = (Expression) list.get(i);
        needsGeometry |= expression.references().contains(geometry);
        bound[i] = BindReferences$.MODULE$.bindReference(expression, attributes, false);
      }
    }
    return new Calculation(fields, added, kept, sets, targets, bound, needsGeometry);
  }

  /** Analysis errors name the expression Spark saw; say which --set it came from. */
  private static FieldEditException analysisFailure(List<Assignment> sets, Exception e) {
    Throwable cause = e;
    while (cause != null && !(cause instanceof AnalysisException)) {
      cause = cause.getCause();
    }
    if (cause == null) {
      throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }
    String message = Calculation.firstLine(cause.getMessage());
    String which = sets.size() == 1 ? SafeExpressions.where(sets.get(0))
        : "--set " + sets.stream().map(Assignment::text).collect(Collectors.joining(" / --set ")) + ": ";
    for (Assignment set : sets) {
      if (message.contains(set.expression())) {
        which = SafeExpressions.where(set);
      }
    }
    return new FieldEditException(which + message, cause);
  }

  /** Names the parser takes as columns that the analyzer turns into functions (current_date, user). */
  private static boolean isKnownFunction(String name) {
    return FunctionRegistry$.MODULE$.builtin().functionExists(FunctionIdentifier.apply(name.toLowerCase()));
  }

  private static boolean caseInsensitive(StructType schema, String name) {
    for (String field : schema.fieldNames()) {
      if (field.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  private static String names(List<LayerField> fields) {
    return fields.isEmpty() ? "(none)" : fields.stream().map(LayerField::name).collect(Collectors.joining(", "));
  }
}
