package io.geomill.notebook;

import java.util.ArrayList;
import java.util.List;

/**
 * A cell that does not compile. The message names the cell line and the compiler's reason; {@link #details()}
 * adds the line itself with the offending part marked, as javac prints it.
 */
final class CompileError extends Exception {
  /** One compiler error: its cell line (1-based), the line's text, the marked columns and the reason. */
  record Problem(int line, String text, int fromColumn, int toColumn, String reason) {
    String summary() {
      return "cell line " + line + ": " + reason.lines().findFirst().orElse(reason);
    }
  }

  private final List<Problem> problems;

  CompileError(List<Problem> problems) {
    super(problems.get(0).summary(), null, false, false); // the kernel's stack is no part of the user's error
    this.problems = List.copyOf(problems);
  }

  /** The problem spanning {@code [start, end)} of {@code cell}. */
  static Problem at(String cell, int start, int end, String reason) {
    int lineStart = start == 0 ? 0 : cell.lastIndexOf('\n', start - 1) + 1;
    int lineEnd = cell.indexOf('\n', start);
    lineEnd = lineEnd < 0 ? cell.length() : lineEnd;
    int line = (int) cell.substring(0, lineStart).chars().filter(c -> c == '\n').count() + 1;
    int from = start - lineStart;
    int to = Math.max(from + 1, Math.min(end, lineEnd) - lineStart);
    return new Problem(line, cell.substring(lineStart, lineEnd), from, to, reason);
  }

  List<Problem> problems() {
    return problems;
  }

  /** Every problem: the reason, the cell line, and a marker under the part the compiler points at. */
  List<String> details() {
    List<String> lines = new ArrayList<>();
    for (Problem problem : problems) {
      lines.add(problem.summary());
      lines.add("    " + problem.text());
      lines.add("    " + " ".repeat(problem.fromColumn()) + "^".repeat(problem.toColumn() - problem.fromColumn()));
      problem.reason().lines().skip(1).forEach(more -> lines.add("  " + more.strip()));
    }
    return lines;
  }
}
