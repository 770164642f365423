package io.geomill.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ItemOutcomeTest {

  @Test
  void aFailureKeepsTheWholeCauseChainOnOneLine() {
    Exception error = new IllegalStateException("cannot describe dem.tif",
        new IOException("read failed", new IOException("disk quota exceeded")));

    ItemOutcome<String> failed = ItemOutcome.failed("dem.tif", error, 12, "1@host", 0);

    assertThat(failed.message()).isEqualTo("cannot describe dem.tif: read failed: disk quota exceeded");
    assertThat(failed.errorClass()).isEqualTo("java.lang.IllegalStateException");
    assertThat(failed.stackTrace()).contains("Caused by: java.io.IOException: disk quota exceeded");
  }

  @Test
  void theFailureLineNamesTheItemOnce() {
    ItemOutcome<String> named = ItemOutcome.failed("a/dem.tif", new IOException("a/dem.tif: empty file"), 1, null,
        0);
    ItemOutcome<String> unnamed = ItemOutcome.failed("a/dem.tif", new IOException("empty file"), 1, null, 0);

    assertThat(named.failureLine()).isEqualTo("a/dem.tif: empty file");
    assertThat(unnamed.failureLine()).isEqualTo("a/dem.tif: empty file");
  }
}
