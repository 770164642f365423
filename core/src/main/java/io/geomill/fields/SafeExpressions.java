package io.geomill.fields;

import io.geomill.fields.FieldEdits.Assignment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.sedona.sql.UDF.Catalog$;
import org.apache.sedona.sql.UDT.UdtRegistrator$;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry$;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute$;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.catalyst.expressions.Generator;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.expressions.UserDefinedExpression;
import org.apache.spark.sql.catalyst.expressions.aggregate.AggregateExpression;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import org.apache.spark.sql.catalyst.parser.ParseException;
import scala.Option;
import scala.runtime.AbstractPartialFunction;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The expression language of {@code --set}: a Spark SQL expression over the layer's fields, its geometry
 * ({@value #GEOMETRY}) and the source ({@code file_stem()}, {@code file_name()}, {@code file_path()},
 * {@code layer_name()}, also written without the parentheses), with Sedona's ST_ functions. Nothing in it may reach the JVM or the session: it is an
 * allow-list, checked twice.
 *
 * <ol>
 *   <li>On the parsed (unresolved) tree, before Spark starts: every function call must be a Spark built-in of a
 *       group that only computes on its arguments (math, string, date and time, conditional, predicate, conversion,
 *       bitwise, hash, array, collection, map, struct, JSON, URL, lambda) and is deterministic, or one of
 *       Sedona's ST_ functions, or a source function above; qualified names, subqueries, {@code *}, window
 *       clauses, {@code IDENTIFIER(...)} and parameters are refused. So {@code reflect}, {@code java_method},
 *       {@code try_reflect} (misc group), any UDF registered in the session and {@code rand} never run.
 *   <li>On the resolved tree (see {@link Calculations}): no node may be a user-defined function, a reflective
 *       call, an aggregate, a generator, or nondeterministic.
 * </ol>
 */
public final class SafeExpressions {
  /** The geometry, whatever the layer's own name for it (VectorReader's convention). */
  public static final String GEOMETRY = "geometry";

  /** Source functions and the hidden columns that carry their value per layer. */
  static final Map<String, String> SOURCE_FUNCTIONS = Map.of(
      "file_stem", "geomill_source_file_stem",
      "file_name", "geomill_source_file_name",
      "file_path", "geomill_source_file_path",
      "layer_name", "geomill_source_layer_name");

  private static final Set<String> SAFE_GROUPS = Set.of("math_funcs", "string_funcs", "datetime_funcs",
      "conditional_funcs", "predicate_funcs", "conversion_funcs", "bitwise_funcs", "hash_funcs", "array_funcs",
      "collection_funcs", "map_funcs", "struct_funcs", "json_funcs", "url_funcs", "lambda_funcs");
  /** Built-ins of those groups whose value is not a function of their arguments. */
  private static final Set<String> NONDETERMINISTIC = Set.of("rand", "randn", "random", "randstr", "shuffle",
      "uniform", "uuid");
  /** Parsed nodes that resolve names or values later, by rules this check cannot see through. */
  private static final Set<String> REFUSED_NODES = Set.of("ExpressionWithUnresolvedIdentifier", "UnresolvedStar",
      "UnresolvedRegex", "UnresolvedWindowExpression", "WindowExpression", "NamedParameter", "PosParameter",
      "UnresolvedOuterReference");
  private static final Set<String> SEDONA_FUNCTIONS = sedonaFunctions();

  private SafeExpressions() {}

  /** Parses and checks an assignment's expression; the command-level check. */
  static void check(Assignment assignment) {
    parse(assignment, Set.of());
  }

  /**
   * The checked expression with the source values ({@code file_stem()}, or bare {@code file_stem} where the layer
   * has no field of that name) replaced by their hidden columns.
   *
   * @param fields the layer's field names, lower case: a field named like a source value is the field
   * @throws FieldEditException naming the expression and what is refused in it
   */
  static Expression parse(Assignment assignment, Set<String> fields) {
    Expression parsed;
    try {
      parsed = CatalystSqlParser$.MODULE$.parseExpression(assignment.expression());
    } catch (Exception e) {
      // Scala declares no exceptions: the parser's (checked) ParseException is caught as Exception.
      if (!(e instanceof ParseException)) {
        throw new IllegalStateException("Spark's parser failed on " + assignment.expression(), e);
      }
      throw new FieldEditException(where(assignment) + "not a Spark SQL expression: " + firstLines(e.getMessage()), e);
    }
    walk(assignment, parsed);
    return parsed.transformUp(new AbstractPartialFunction<Expression, Expression>() {
      @Override
      public boolean isDefinedAt(Expression node) {
        return sourceColumn(node, fields) != null;
      }

      @Override
      public <A1 extends Expression, B1> B1 applyOrElse(A1 node, scala.Function1<A1, B1> otherwise) {
        String column = sourceColumn(node, fields);
        @SuppressWarnings("unchecked")
        B1 replaced = column == null ? otherwise.apply(node) : (B1) UnresolvedAttribute$.MODULE$.quoted(column);
        return replaced;
      }
    });
  }

  /** The field names an expression refers to (not functions, not lambda variables). */
  static Set<String> referencedNames(Expression parsed) {
    Set<String> names = new TreeSet<>();
    collectNames(parsed, names);
    return names;
  }

  private static void collectNames(Expression node, Set<String> names) {
    if (node instanceof UnresolvedAttribute attribute) {
      names.add(attribute.name());
    }
    for (Expression child : CollectionConverters.asJava(node.children())) {
      collectNames(child, names);
    }
  }

  /**
   * The second check, on the resolved expression.
   *
   * @throws FieldEditException for a node that must not run
   */
  static void checkResolved(Assignment assignment, Expression resolved) {
    String refused = null;
    if (resolved instanceof UserDefinedExpression) {
      refused = "a user-defined function (" + resolved.prettyName() + ")";
    } else if (resolved instanceof CallMethodViaReflection) {
      refused = "a reflective call (" + resolved.prettyName() + ")";
    } else if (resolved instanceof AggregateExpression) {
      refused = "an aggregate (" + resolved.prettyName() + "): an expression is computed per feature";
    } else if (resolved instanceof Generator) {
      refused = "a generator (" + resolved.prettyName() + "): an expression gives one value per feature";
    } else if (resolved instanceof SubqueryExpression) {
      refused = "a subquery";
    } else if (!resolved.deterministic()) {
      refused = "a nondeterministic function (" + resolved.prettyName() + ")";
    }
    if (refused != null) {
      throw new FieldEditException(where(assignment) + refused + " is not allowed");
    }
    for (Expression child : CollectionConverters.asJava(resolved.children())) {
      checkResolved(assignment, child);
    }
  }

  private static void walk(Assignment assignment, Expression node) {
    String kind = node.getClass().getSimpleName();
    if (node instanceof SubqueryExpression) {
      throw new FieldEditException(where(assignment) + "subqueries are not allowed: an expression is computed"
          + " from one feature");
    }
    if (REFUSED_NODES.contains(kind)) {
      throw new FieldEditException(where(assignment) + refusedNode(kind) + " is not allowed");
    }
    if (node instanceof UnresolvedFunction function) {
      checkFunction(assignment, function);
    }
    for (Expression child : CollectionConverters.asJava(node.children())) {
      walk(assignment, child);
    }
  }

  private static void checkFunction(Assignment assignment, UnresolvedFunction function) {
    List<String> parts = CollectionConverters.asJava(function.nameParts());
    String name = String.join(".", parts);
    if (parts.size() != 1) {
      throw new FieldEditException(where(assignment) + "function " + name + ": qualified function names are not"
          + " allowed (use the plain built-in or ST_ name)");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (function.isDistinct() || function.filter().isDefined()) {
      throw new FieldEditException(where(assignment) + "function " + name + ": DISTINCT and FILTER belong to"
          + " aggregates, which are not allowed");
    }
    if (SOURCE_FUNCTIONS.containsKey(lower)) {
      if (!function.arguments().isEmpty()) {
        throw new FieldEditException(where(assignment) + lower + "() takes no arguments");
      }
      return;
    }
    if (lower.startsWith("st_") && SEDONA_FUNCTIONS.contains(lower)) {
      return;
    }
    Option<ExpressionInfo> info = FunctionRegistry$.MODULE$.builtin().lookupFunction(FunctionIdentifier.apply(lower));
    String group = info.isDefined() ? info.get().getGroup() : null;
    if (group != null && SAFE_GROUPS.contains(group) && !NONDETERMINISTIC.contains(lower)) {
      return;
    }
    String why = info.isEmpty() ? "not a Spark built-in, a Sedona ST_ function or a source function"
        + " (file_stem(), file_name(), file_path(), layer_name())"
        : NONDETERMINISTIC.contains(lower) ? "nondeterministic (a rerun would give other values)"
        : "a " + (group == null || group.isEmpty() ? "ungrouped" : group.replace("_funcs", ""))
            + " function, outside the allowed groups (" + String.join(", ", new TreeSet<>(SAFE_GROUPS.stream()
                .map(g -> g.replace("_funcs", "")).toList())) + ")";
    throw new FieldEditException(where(assignment) + "function " + name + " is not allowed: " + why);
  }

  /** The hidden column of a source function call, or of a bare source name that is not one of the fields. */
  private static String sourceColumn(Expression node, Set<String> fields) {
    if (node instanceof UnresolvedFunction function && function.nameParts().size() == 1
        && function.arguments().isEmpty()) {
      return SOURCE_FUNCTIONS.get(function.nameParts().head().toLowerCase(Locale.ROOT));
    }
    if (node instanceof UnresolvedAttribute attribute && attribute.nameParts().size() == 1) {
      String name = attribute.nameParts().head().toLowerCase(Locale.ROOT);
      return fields.contains(name) ? null : SOURCE_FUNCTIONS.get(name);
    }
    return null;
  }

  private static String refusedNode(String kind) {
    return switch (kind) {
      case "ExpressionWithUnresolvedIdentifier" -> "IDENTIFIER(...)";
      case "UnresolvedStar", "UnresolvedRegex" -> "*";
      case "UnresolvedWindowExpression", "WindowExpression" -> "a window (OVER) clause";
      case "NamedParameter", "PosParameter" -> "a query parameter";
      default -> kind;
    };
  }

  static String where(Assignment assignment) {
    return "--set " + assignment.text() + ": ";
  }

  private static Set<String> sedonaFunctions() {
    // Sedona's catalog builds its aggregators' encoders when loaded: its geometry type must be registered first
    // (SedonaContext does it too; the command is checked before any session exists).
    UdtRegistrator$.MODULE$.registerAll();
    Set<String> names = new HashSet<>();
    for (var function : CollectionConverters.asJava(Catalog$.MODULE$.expressions())) {
      names.add(function._1().funcName().toLowerCase(Locale.ROOT));
    }
    return names;
  }

  private static String firstLines(String message) {
    List<String> lines = new ArrayList<>();
    for (String line : message.split("\n")) {
      if (!line.isBlank() && lines.size() < 3) {
        lines.add(line.strip());
      }
    }
    return String.join(" ", lines);
  }
}
