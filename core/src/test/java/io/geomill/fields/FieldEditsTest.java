package io.geomill.fields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The command's options, checked before Spark starts: field definitions and the expression allow-list. */
class FieldEditsTest {

  private static FieldEdits set(String... sets) {
    return FieldEdits.parse(List.of(), List.of(sets), List.of());
  }

  @Test
  void fieldDefinitionsTakeArcPyTypesWithDefaultsAndLimits() {
    FieldEdits edits = FieldEdits.parse(List.of("A:TEXT:20", "B:string", "C:SHORT", "D:LONG", "E:DOUBLE:18:3",
        "F:FLOAT", "G:DATE", "H:BOOLEAN", "I:INTEGER:5"), List.of(), List.of());
    assertThat(edits.adds()).extracting(NewField::describe).containsExactly("TEXT(20)", "TEXT(254)", "SHORT(6)",
        "LONG(11)", "DOUBLE(18,3)", "FLOAT(13,6)", "DATE", "BOOLEAN", "LONG(5)");
    assertThatThrownBy(() -> NewField.parse("A:TEXT:300")).hasMessageContaining("outside 1..254");
    assertThatThrownBy(() -> NewField.parse("A:BLOB")).hasMessageContaining("unknown type \"BLOB\"")
        .hasMessageContaining("TEXT/STRING");
    assertThatThrownBy(() -> NewField.parse("A:DATE:8")).hasMessageContaining("takes no length");
    assertThatThrownBy(() -> NewField.parse("A:LONG:9:2")).hasMessageContaining("takes no scale");
    assertThatThrownBy(() -> NewField.parse("A:DOUBLE:5:4")).hasMessageContaining("leaves no room");
    assertThatThrownBy(() -> FieldEdits.parse(List.of("A:TEXT", "a:LONG"), List.of(), List.of()))
        .hasMessageContaining("added twice");
    assertThatThrownBy(() -> FieldEdits.parse(List.of(), List.of(), List.of())).hasMessageContaining("nothing to do");
  }

  @Test
  void functionsThatReachTheJvmOrTheSessionAreRefusedByName() {
    for (String[] refused : new String[][] {
        {"x=reflect('java.lang.Runtime', 'getRuntime')", "function reflect is not allowed: a misc function"},
        {"x=java_method('java.lang.System', 'exit', 1)", "function java_method is not allowed"},
        {"x=try_reflect('java.lang.System', 'getenv', 'HOME')", "function try_reflect is not allowed"},
        {"x=my_udf(a)", "function my_udf is not allowed: not a Spark built-in"},
        {"x=gm_proximity_summary('a', 'b', 1)", "function gm_proximity_summary is not allowed"},
        {"x=rand()", "function rand is not allowed: nondeterministic"},
        {"x=input_file_name()", "function input_file_name is not allowed"},
        {"x=count(a)", "function count is not allowed: a agg function"},
        {"x=system.builtin.upper(a)", "qualified function names are not allowed"},
        {"x=(SELECT max(a) FROM t)", "subqueries are not allowed"},
        {"x=a IN (SELECT a FROM t)", "subqueries are not allowed"},
        {"x=IDENTIFIER('reflect')('java.lang.System', 'exit', 1)", "IDENTIFIER(...) is not allowed"},
        {"x=row_number() OVER (ORDER BY a)", "is not allowed"},
        {"x=xpath_string(a, '/b')", "function xpath_string is not allowed"}}) {
      assertThatThrownBy(() -> set(refused[0])).as(refused[0]).isInstanceOf(FieldEditException.class)
          .hasMessageStartingWith("--set " + refused[0] + ": ").hasMessageContaining(refused[1]);
    }
  }

  @Test
  void builtInsSedonaAndSourceFunctionsAreAllowed() {
    FieldEdits edits = set("a=upper(substr(name, 1, 3)) || '_' || file_stem()", "b=ST_Area(ST_Buffer(geometry, 1))",
        "c=CASE WHEN code > 2 THEN round(sqrt(code), 2) ELSE NULL END", "d=coalesce(layer_name(), file_name())",
        "e=date_add(DATE'2020-01-01', 3)", "f=transform(array(1, 2), v -> v + 1)[0]", "g=ST_GeometryType(geometry)");
    assertThat(edits.sets()).hasSize(7);
  }

  @Test
  void badSyntaxAndBadAssignmentsAreUsageErrors() {
    assertThatThrownBy(() -> set("x=upper(name")).hasMessageStartingWith("--set x=upper(name: not a Spark SQL"
        + " expression");
    assertThatThrownBy(() -> set("upper(name)")).hasMessageContaining("write NAME=EXPRESSION");
    assertThatThrownBy(() -> set("x=")).hasMessageContaining("the expression is empty");
    assertThatThrownBy(() -> set("geometry=ST_Buffer(geometry, 1)")).hasMessageContaining("the geometry is kept");
    assertThatThrownBy(() -> set("x=file_stem(name)")).hasMessageContaining("file_stem() takes no arguments");
    assertThatThrownBy(() -> FieldEdits.parse(List.of("A:TEXT"), List.of(), List.of("a")))
        .hasMessageContaining("the same command adds it");
  }
}
