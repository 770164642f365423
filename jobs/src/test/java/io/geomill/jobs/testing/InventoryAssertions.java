package io.geomill.jobs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** What must hold of every finished inventory, however it ran (local, cluster, after a kill, resumed). */
public final class InventoryAssertions {
  private InventoryAssertions() {}

  /**
   * Every item appears exactly once, in the table and in the report; every ok or skipped item has its commit
   * record; no staging is left; the output folder holds the table, the report and the bookkeeping, nothing
   * else (no partial file, no second copy).
   */
  public static void assertCompleteAndClean(InventoryOutput out, int expectedItems) {
    List<String> rowPaths = out.column("path");
    assertThat(rowPaths).as("items in %s/%s", out, InventoryOutput.CSV)
        .hasSize(expectedItems).doesNotHaveDuplicates();
    List<String> reportedItems = out.reportItems().stream().map(item -> item.path("item").asText()).toList();
    assertThat(reportedItems).as("items in the report").hasSize(expectedItems).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(rowPaths);
    assertThat(out.reportCount("total")).isEqualTo(expectedItems);
    assertThat(out.doneCount()).as("commit records in _geomill/done")
        .isEqualTo(out.reportCount("ok") + out.reportCount("skipped"));
    assertThat(out.staging()).as("left in _geomill/tmp").isEmpty();
    assertThat(out.topLevelNames()).as("the output folder")
        .containsExactlyInAnyOrder(InventoryOutput.CSV, InventoryOutput.PARQUET, InventoryOutput.REPORT, "_geomill");
  }

  /** The same table, row for row, in any order: nothing about where or how the job ran may show in it. */
  public static void assertSameRows(InventoryOutput actual, InventoryOutput expected) {
    List<Map<String, String>> expectedRows = expected.rows();
    assertThat(expectedRows).as("reference rows in %s", expected).isNotEmpty();
    assertThat(actual.rows()).as("rows of %s compared with %s", actual, expected)
        .containsExactlyInAnyOrderElementsOf(expectedRows);
  }

  /** The report's entries whose status is {@code status}. */
  public static List<JsonNode> itemsWithStatus(InventoryOutput out, String status) {
    return out.reportItems().stream().filter(item -> status.equals(item.path("status").asText())).toList();
  }
}
