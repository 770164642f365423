package io.geomill.batch;

import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.util.List;

/**
 * The record of one item: the engine produces exactly one per item, whatever happened to it.
 *
 * @param itemId     the item's id
 * @param status     ok, failed, skipped or cancelled
 * @param outputs    the committed output paths (final names), empty when nothing was committed
 * @param result     the task's return value (null unless ok or skipped)
 * @param errorClass the exception class of a failure, else null
 * @param message    the failure's message (with its causes), else null
 * @param stackTrace the failure's stack trace, else null
 * @param durationMs wall time of the task on the executor (0 when not run)
 * @param executor   "executorId@host" that ran it, or null when not run
 * @param attempt    Spark's attempt number of the task that produced the record (0 = first)
 */
public record ItemOutcome<R extends Serializable>(
    String itemId,
    ItemStatus status,
    List<String> outputs,
    R result,
    String errorClass,
    String message,
    String stackTrace,
    long durationMs,
    String executor,
    int attempt)
    implements Serializable {

  public ItemOutcome {
    outputs = List.copyOf(outputs);
  }

  public static <R extends Serializable> ItemOutcome<R> ok(
      String itemId, List<String> outputs, R result, long durationMs, String executor, int attempt) {
    return new ItemOutcome<>(itemId, ItemStatus.OK, outputs, result, null, null, null, durationMs, executor,
        attempt);
  }

  public static <R extends Serializable> ItemOutcome<R> failed(
      String itemId, Throwable error, long durationMs, String executor, int attempt) {
    return new ItemOutcome<>(itemId, ItemStatus.FAILED, List.of(), null, error.getClass().getName(),
        messageChain(error), stackTraceOf(error), durationMs, executor, attempt);
  }

  public static <R extends Serializable> ItemOutcome<R> cancelled(String itemId) {
    return new ItemOutcome<>(itemId, ItemStatus.CANCELLED, List.of(), null, null, "batch cancelled before the "
        + "item finished", null, 0, null, 0);
  }

  /** The outcome of a previous run, reused on resume. */
  public ItemOutcome<R> asSkipped() {
    return new ItemOutcome<>(itemId, ItemStatus.SKIPPED, outputs, result, null,
        "already committed by a previous run (use --force to redo)", null, 0, null, 0);
  }

  /** The same outcome with another duration (an item done in parts: the sum of its tasks). */
  ItemOutcome<R> withDuration(long millis) {
    return new ItemOutcome<>(itemId, status, outputs, result, errorClass, message, stackTrace, millis, executor,
        attempt);
  }

  /** "item: reason", for summaries and logs; a message that already starts with the item's name keeps it once. */
  public String failureLine() {
    String reason = message == null ? status.label() : message;
    return reason.startsWith(itemId + ": ") ? reason : itemId + ": " + reason;
  }

  public boolean succeeded() {
    return status == ItemStatus.OK || status == ItemStatus.SKIPPED;
  }

  /** "message: cause message: ..." so the root reason is readable on one line. */
  static String messageChain(Throwable error) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String part = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
      if (text.indexOf(part) < 0) {
        if (text.length() > 0) {
          text.append(": ");
        }
        text.append(part);
      }
    }
    return text.toString();
  }

  private static String stackTraceOf(Throwable error) {
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    return trace.toString();
  }
}
