package io.geomill.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Cells as the kernel evaluates them, on a real JShell in this JVM (no Jupyter). */
class JavaCellsTest {
  private static final JavaCells CELLS = new JavaCells(
      Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)));

  @AfterAll
  static void close() {
    CELLS.close();
  }

  @Test
  void aCellOfSeveralStatementsGivesTheValueOfItsLastExpressionAndKeepsItsDeclarations() throws Exception {
    assertThat(CELLS.eval("int x = 40;\n// a comment\nint y = 2;\nx + y")).isEqualTo(42);
    assertThat(CELLS.eval("record Pair(int a, int b) {}\nString twice(String s) { return s + s; }"))
        .as("declarations have no value").isNull();
    assertThat(CELLS.eval("twice(\"ab\") + new Pair(x, y)")).isEqualTo("ababPair[a=40, b=2]");
    assertThat(CELLS.eval("x = 7")).as("an assignment shows its value").isEqualTo(7);
    assertThat(CELLS.eval("x + 1;")).as("a ';' after the last expression hides its value").isNull();
    assertThat(CELLS.eval("System.out.printf(\"\");")).isNull();
    assertThat(CELLS.eval("List.of(1, 2, 3).stream().map(i -> i * x).toList()"))
        .as("the jshell tool's imports").isEqualTo(List.of(7, 14, 21));
    assertThat(CELLS.eval("import io.geomill.batch.Durations;\nDurations.format(4200)"))
        .as("GeoMill's classes").isEqualTo("4.2 s");
  }

  @Test
  void printedTextGoesToTheStandardStreams() throws Exception {
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertThat(CELLS.eval("for (int i = 0; i < 3; i++) {\n  System.out.println(\"line \" + i);\n}")).isNull();
    } finally {
      System.setOut(stdout);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).isEqualTo("line 0\nline 1\nline 2\n");
  }

  @Test
  void aCompileErrorNamesTheCellLineAndMarksTheProblem() {
    assertThatThrownBy(() -> CELLS.eval("int a = 1;\nint b = undefinedThing + 1;"))
        .isInstanceOfSatisfying(CompileError.class, error -> {
          assertThat(error).hasMessage("cell line 2: cannot find symbol");
          assertThat(error.details()).containsExactly(
              "cell line 2: cannot find symbol",
              "    int b = undefinedThing + 1;",
              "            ^^^^^^^^^^^^^^",
              "  symbol:   variable undefinedThing");
        });
    assertThatThrownBy(() -> CELLS.eval("int c = 1\nint d = 2;")).isInstanceOf(CompileError.class)
        .hasMessage("cell line 1: ';' expected");
    assertThatThrownBy(() -> CELLS.eval("Math.max(1,\n  2")).isInstanceOf(CompileError.class)
        .hasMessageStartingWith("cell line 1: the cell ends inside this statement");
  }

  @Test
  void anExceptionIsThrownAsThrownWithTheStackTraceOfTheCell() throws Exception {
    CELLS.eval("void check(int n) { if (n > 2) throw new IllegalArgumentException(\"too big: \" + n); }");

    assertThatThrownBy(() -> CELLS.eval("check(1);\ncheck(3);"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("too big: 3")
        .satisfies(e -> assertThat(e.getStackTrace()).allSatisfy(frame ->
            assertThat(frame.getClassName()).as("frames below the cell are dropped").startsWith("REPL.")));
    assertThatThrownBy(() -> CELLS.eval("void down(int n) { down(n + 1); }\ndown(0)"))
        .isInstanceOf(UncaughtError.class).hasMessage("java.lang.StackOverflowError")
        .hasCauseInstanceOf(StackOverflowError.class);
    assertThat(CELLS.eval("1 + 1")).as("the session goes on").isEqualTo(2);
  }
}
