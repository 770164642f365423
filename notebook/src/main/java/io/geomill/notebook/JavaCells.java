package io.geomill.notebook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;

/**
 * A notebook's Java session: cells of statements, declarations and expressions, evaluated by JShell in this JVM.
 * What a cell declares (imports, variables, methods, classes) stays for the cells after it, as in the jshell
 * tool. A cell is cut into JShell snippets and they run in order; the first one that does not compile or throws
 * ends the cell (the snippets before it have run, as in jshell).
 */
final class JavaCells implements AutoCloseable {
  /** The jshell tool's default imports, so that cells read as they do there. */
  static final List<String> DEFAULT_IMPORTS = List.of("java.io.*", "java.math.*", "java.net.*",
      "java.nio.file.*", "java.util.*", "java.util.concurrent.*", "java.util.function.*", "java.util.regex.*",
      "java.util.stream.*");

  /** JShell compiles every snippet into a class of this package. */
  private static final String SNIPPET_PACKAGE = "REPL.";

  private final JShell shell;
  private final CellExecution execution;

  /** @param classPath what cells compile against; the same classes they run with (this JVM's class path) */
  JavaCells(List<String> classPath) {
    CellExecution.Provider provider = new CellExecution.Provider();
    shell = JShell.builder().executionEngine(provider, Map.of()).build();
    execution = provider.execution();
    classPath.forEach(shell::addToClasspath);
    for (String pkg : DEFAULT_IMPORTS) {
      for (SnippetEvent event : shell.eval("import " + pkg + ";")) {
        if (event.status() == Snippet.Status.REJECTED) {
          throw new IllegalStateException("JShell refused the default import " + pkg);
        }
      }
    }
  }

  /**
   * One JShell snippet of a cell, where it starts in the cell, and whether the cell's text of it ends with a ';'
   * (JShell's source may have one added).
   */
  private record Piece(String source, int offset, boolean endsWithSemicolon) {}

  /**
   * Evaluates a cell.
   *
   * @return the value of the cell's last snippet when that is an expression not ended by a ';' (as in IPython:
   *     {@code System.out.printf(...);} shows no PrintStream), else null
   * @throws CompileError when a snippet does not compile (or the cell ends inside a statement)
   * @throws Exception what a snippet threw, as thrown (an {@link Error} wrapped in {@link UncaughtError})
   */
  Object eval(String cell) throws Exception {
    Object value = null;
    for (Piece piece : split(cell)) {
      value = run(cell, piece);
    }
    return value;
  }

  private List<Piece> split(String cell) throws CompileError {
    SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
    List<Piece> pieces = new ArrayList<>();
    int offset = 0;
    String rest = cell;
    while (!rest.isBlank()) {
      CompletionInfo info = analysis.analyzeCompletion(rest);
      switch (info.completeness()) {
        case EMPTY:
          return pieces; // only comments left
        case DEFINITELY_INCOMPLETE:
        case CONSIDERED_INCOMPLETE:
          int start = offset + (rest.length() - rest.stripLeading().length());
          throw new CompileError(List.of(CompileError.at(cell, start, start,
              "the cell ends inside this statement (a ';', ')' or '}' missing?)")));
        default:
          // COMPLETE, COMPLETE_WITH_SEMI, and UNKNOWN (unparseable): JShell's eval reports what is wrong.
          int consumed = rest.length() - info.remaining().length();
          pieces.add(new Piece(info.source(), offset, rest.substring(0, consumed).strip().endsWith(";")));
          offset += consumed;
          rest = info.remaining();
      }
    }
    return pieces;
  }

  private Object run(String cell, Piece piece) throws Exception {
    for (SnippetEvent event : shell.eval(piece.source())) {
      if (event.causeSnippet() != null) {
        continue; // a dependent snippet updated by this one
      }
      Snippet snippet = event.snippet();
      if (event.status() == Snippet.Status.REJECTED) {
        throw compileError(cell, piece, snippet);
      }
      if (event.exception() != null) {
        throw thrown(event.exception());
      }
      if (event.status() == Snippet.Status.RECOVERABLE_DEFINED
          || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
        System.err.println("note: " + name(snippet) + " refers to " + String.join(", ",
            shell.unresolvedDependencies((DeclarationSnippet) snippet).toList())
            + ", not defined yet: define it before using " + name(snippet));
      }
      return isExpression(snippet) && !piece.endsWithSemicolon() ? execution.lastValue() : null;
    }
    return null;
  }

  private CompileError compileError(String cell, Piece piece, Snippet snippet) {
    List<CompileError.Problem> problems = new ArrayList<>();
    for (Diag diag : shell.diagnostics(snippet).toList()) {
      if (diag.isError()) {
        int start = piece.offset() + (int) Math.max(0, diag.getStartPosition());
        int end = piece.offset() + (int) Math.max(diag.getStartPosition(), diag.getEndPosition());
        String message = diag.getMessage(Locale.ROOT).lines()
            .filter(line -> !line.strip().startsWith("location:")) // JShell's wrapper class: no help
            .collect(Collectors.joining("\n"));
        problems.add(CompileError.at(cell, Math.min(start, cell.length()), Math.min(end, cell.length()), message));
      }
    }
    if (problems.isEmpty()) {
      problems.add(CompileError.at(cell, piece.offset(), piece.offset(), "JShell refused this snippet"));
    }
    return new CompileError(problems);
  }

  private Exception thrown(JShellException failure) {
    if (failure instanceof UnresolvedReferenceException unresolved) {
      DeclarationSnippet snippet = unresolved.getSnippet();
      return new IllegalStateException(name(snippet) + " cannot run: it refers to " + String.join(", ",
          shell.unresolvedDependencies(snippet).toList()) + ", which no cell has defined");
    }
    Throwable original = failure instanceof EvalException ? execution.lastThrown() : null;
    if (original == null) {
      return failure;
    }
    trimBelowCell(original);
    return original instanceof Exception exception ? exception : new UncaughtError(original);
  }

  /** Drops the frames below the cell's own code (reflection, JShell, this kernel): noise to the user. */
  private static void trimBelowCell(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      StackTraceElement[] frames = t.getStackTrace();
      int lastInCell = -1;
      for (int i = 0; i < frames.length; i++) {
        if (frames[i].getClassName().startsWith(SNIPPET_PACKAGE)) {
          lastInCell = i;
        }
      }
      if (lastInCell >= 0) {
        t.setStackTrace(Arrays.copyOf(frames, lastInCell + 1));
      }
    }
  }

  private static boolean isExpression(Snippet snippet) {
    return snippet.kind() == Snippet.Kind.EXPRESSION
        || snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
  }

  private static String name(Snippet snippet) {
    return snippet instanceof DeclarationSnippet declaration
        ? snippet.kind().name().toLowerCase(Locale.ROOT).replace("type_decl", "type") + " " + declaration.name()
        : "this snippet";
  }

  /** Tab completion: JShell's suggestions at {@code cursor}; {@code anchor[0]} receives where they apply. */
  List<String> complete(String code, int cursor, int[] anchor) {
    return shell.sourceCodeAnalysis().completionSuggestions(code, cursor, anchor).stream()
        .map(SourceCodeAnalysis.Suggestion::continuation).distinct().toList();
  }

  /** Whether {@code code} is a complete snippet, for consoles that ask before running it. */
  SourceCodeAnalysis.Completeness completeness(String code) {
    return shell.sourceCodeAnalysis().analyzeCompletion(code).completeness();
  }

  @Override
  public void close() {
    shell.close();
  }
}
