package io.geomill.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.TestSpark;
import io.geomill.batch.Batch;
import io.geomill.batch.BatchItem;
import io.geomill.batch.ItemTask;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.dflib.jjava.jupyter.kernel.DisplayStream;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

/** A real batch's progress as the notebook receives it: one display, then updates of that display. */
class NotebookProgressTest {
  private static final SparkSession SPARK = TestSpark.session();

  /** The kernel's display stream, recording what it would send to Jupyter. */
  private static final class RecordingDisplay extends DisplayStream {
    final List<DisplayData> shown = new ArrayList<>();
    final List<DisplayData> updates = new ArrayList<>();

    @Override
    public synchronized void display(DisplayData data) {
      shown.add(data);
    }

    @Override
    public synchronized void updateDisplay(DisplayData data) {
      updates.add(data);
    }
  }

  private static String text(DisplayData data) {
    return String.valueOf(data.getData(MIMEType.TEXT_PLAIN));
  }

  @Test
  void aBatchShowsOneDisplayUpdatedInPlaceEverySecondAndLeftWithTheFinalCount() {
    List<BatchItem<Integer>> items = new ArrayList<>();
    for (int n = 1; n <= 12; n++) {
      items.add(BatchItem.of("n" + n, n));
    }
    ItemTask<Integer, Integer> slowAndSometimesFailing = (n, context) -> {
      Thread.sleep(400);
      if (n % 5 == 0) {
        throw new IllegalStateException("five divides " + n);
      }
      return n;
    };
    RecordingDisplay display = new RecordingDisplay();

    Batch.of("demo", items, slowAndSometimesFailing).listener(new NotebookProgress(display)).run(SPARK);

    assertThat(display.shown).singleElement().satisfies(first -> {
      assertThat(first.getDisplayId()).startsWith("geomill-progress-");
      assertThat(text(first)).isEqualTo("[..............................] demo: 0/12 0.0 items/s");
    });
    String id = display.shown.get(0).getDisplayId();
    assertThat(display.updates).as("a batch of about 3 s: updates each second and per item")
        .hasSizeGreaterThanOrEqualTo(3).allSatisfy(update -> assertThat(update.getDisplayId()).isEqualTo(id));
    DisplayData last = display.updates.get(display.updates.size() - 1);
    assertThat(text(last)).startsWith("[##############################] demo: 12/12 (2 failed, 0 skipped) ")
        .contains(", done in ");
    assertThat(String.valueOf(last.getData(MIMEType.TEXT_HTML)))
        .startsWith("<div><progress value=\"12\" max=\"12\"").contains("demo: 12/12 (2 failed, 0 skipped)");
  }
}
