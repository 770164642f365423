package io.geomill.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/** The machine-readable report of a batch (JSON) and the human summary printed at its end. */
public final class BatchReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private BatchReport() {}

  /**
   * {@code {"batch", "startedAt", "finishedAt", "durationMs", "cancelled", "exitCode", "counts": {...},
   * "items": [{"item", "status", "outputs", "errorClass", "message", "stackTrace", "durationMs", "executor",
   * "attempt"}]}}, items in input order.
   */
  public static byte[] toJson(BatchResult<?> result, Instant startedAt, Instant finishedAt) {
    ObjectNode root = JSON.createObjectNode();
    root.put("batch", result.batch());
    root.put("startedAt", startedAt.toString());
    root.put("finishedAt", finishedAt.toString());
    root.put("durationMs", result.durationMs());
    root.put("cancelled", result.cancelled());
    root.put("exitCode", result.exitCode());
    ObjectNode counts = root.putObject("counts");
    counts.put("total", result.outcomes().size());
    for (ItemStatus status : ItemStatus.values()) {
      counts.put(status.label(), result.count(status));
    }
    ArrayNode items = root.putArray("items");
    for (ItemOutcome<?> outcome : result.outcomes()) {
      ObjectNode item = items.addObject();
      item.put("item", outcome.itemId());
      item.put("status", outcome.status().label());
      ArrayNode outputs = item.putArray("outputs");
      outcome.outputs().forEach(outputs::add);
      item.put("errorClass", outcome.errorClass());
      item.put("message", outcome.message());
      item.put("stackTrace", outcome.stackTrace());
      item.put("durationMs", outcome.durationMs());
      item.put("executor", outcome.executor());
      item.put("attempt", outcome.attempt());
    }
    try {
      return JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serializes", e);
    }
  }

  /**
   * What a person reads at the end: the counts, each failure with its item and reason, and where the report
   * is.
   */
  public static String summary(BatchResult<?> result) {
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "%s: %d item(s) in %s: %d ok, %d failed, %d skipped",
        result.batch(), result.outcomes().size(), Durations.format(result.durationMs()),
        result.count(ItemStatus.OK), result.count(ItemStatus.FAILED), result.count(ItemStatus.SKIPPED)));
    if (result.count(ItemStatus.CANCELLED) > 0 || result.cancelled()) {
      text.append(String.format(Locale.ROOT, ", %d cancelled", result.count(ItemStatus.CANCELLED)));
    }
    text.append('\n');
    for (ItemOutcome<?> failure : result.failures()) {
      text.append("  FAILED ").append(failure.failureLine()).append('\n');
    }
    if (result.cancelled()) {
      text.append("  CANCELLED: rerun the same command to resume; committed items are kept\n");
    }
    if (result.reportUri() != null) {
      text.append("  report: ").append(result.reportUri()).append('\n');
    }
    return text.toString();
  }
}
