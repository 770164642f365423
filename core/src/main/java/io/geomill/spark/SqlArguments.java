package io.geomill.spark;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedArgumentExpression;
import org.apache.spark.sql.types.Decimal;

/**
 * The constant arguments of one of GeoMill's SQL functions, by position or by name ({@code layout => 'long'}),
 * evaluated when the query is analysed. NULL, like an argument left out, means the default. The messages of
 * {@link #number} and {@link #flag} name the argument; the caller adds the function's name.
 */
public final class SqlArguments {
  private final Map<String, Object> values;

  private SqlArguments(Map<String, Object> values) {
    this.values = values;
  }

  /**
   * Positional arguments first, in the order of {@code parameters}, then named ones; each must be a constant.
   *
   * @throws IllegalArgumentException naming the function and the argument when one is not a constant, unknown,
   *                                  given twice or one too many
   */
  public static SqlArguments of(String function, List<String> parameters, List<Expression> arguments) {
    Map<String, Object> values = new HashMap<>();
    int position = 0;
    for (Expression argument : arguments) {
      String name;
      Expression value = argument;
      if (argument instanceof NamedArgumentExpression named) {
        name = named.key().toLowerCase(Locale.ROOT);
        value = named.value();
        if (!parameters.contains(name)) {
          throw new IllegalArgumentException(function + ": no argument named " + name + "; its arguments: "
              + String.join(", ", parameters));
        }
      } else if (position < parameters.size()) {
        name = parameters.get(position++);
      } else {
        throw new IllegalArgumentException(function + " takes at most " + parameters.size() + " arguments: "
            + String.join(", ", parameters));
      }
      if (!value.foldable()) {
        throw new IllegalArgumentException(function + ": argument " + name + " must be a constant, was "
            + value.sql());
      }
      if (values.put(name, value.eval(null)) != null) {
        throw new IllegalArgumentException(function + ": argument " + name + " given twice");
      }
    }
    return new SqlArguments(values);
  }

  /** Whether the argument was given (and not NULL). */
  public boolean has(String name) {
    return values.get(name) != null;
  }

  /** The argument as text, or null. */
  public String text(String name) {
    Object value = values.get(name);
    return value == null ? null : value.toString();
  }

  /** The argument as a number (a numeric constant or text that parses as one); {@code fallback} if not given. */
  public double number(String name, double fallback) {
    Object value = values.get(name);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Decimal decimal) {
      return decimal.toDouble();
    }
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(value.toString().strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("argument " + name + " must be a number, was \"" + value + "\"", e);
    }
  }

  /** The argument as a boolean (true/false, or text saying so); {@code fallback} if not given. */
  public boolean flag(String name, boolean fallback) {
    Object value = values.get(name);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    String text = value.toString().strip();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new IllegalArgumentException("argument " + name + " must be true or false, was \"" + value + "\"");
  }
}
