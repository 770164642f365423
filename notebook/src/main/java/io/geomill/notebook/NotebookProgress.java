package io.geomill.notebook;

import io.geomill.batch.BatchListener;
import io.geomill.batch.BatchProgress;
import io.geomill.batch.BatchResult;
import io.geomill.batch.Durations;
import io.geomill.batch.ItemOutcome;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.DisplayStream;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * A batch's progress in the notebook cell that started it: one display (a bar and the line of
 * {@link BatchProgress#describe()}) updated in place every second while the batch runs, through Jupyter's
 * update_display_data, and left showing the final count. Headless runs (nbconvert) keep that final state.
 *
 * <pre>{@code
 * BatchRun<Long> run = ParallelMap.mapAsync(spark, inputs, fn, params, new NotebookProgress());
 * Batch.of("inventory", items, Inventory.task()).listener(new NotebookProgress()).run(spark);
 * }</pre>
 *
 * Updates reach the notebook while a cell runs (the one waiting on the batch, or any later one); a batch left
 * running in the background with no cell running shows its state again with the next cell's updates.
 */
public final class NotebookProgress implements BatchListener {
  static final long REFRESH_MS = 1_000;
  /** Finished items update the display at most this often; the timer covers the time between. */
  private static final long ITEM_REFRESH_MS = 250;
  private static final int BAR_WIDTH = 30;

  private final DisplayStream display;
  private final String displayId = "geomill-progress-" + UUID.randomUUID();
  private ScheduledExecutorService ticker;
  private BatchProgress latest;
  private long latestAtNanos;
  private long shownAtNanos;
  private boolean done;

  /** Shows progress in the running notebook (the kernel's display). */
  public NotebookProgress() {
    this(BaseKernel.notebookKernel().getIO().display);
  }

  NotebookProgress(DisplayStream display) {
    this.display = display;
  }

  @Override
  public synchronized void started(BatchProgress progress) {
    latest = progress;
    latestAtNanos = System.nanoTime();
    shownAtNanos = latestAtNanos;
    DisplayData data = render(progress, "");
    data.setDisplayId(displayId);
    display.display(data);
    ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "geomill-progress");
      thread.setDaemon(true);
      return thread;
    });
    ticker.scheduleAtFixedRate(this::tick, REFRESH_MS, REFRESH_MS, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void itemFinished(ItemOutcome<?> outcome, BatchProgress progress) {
    latest = progress;
    latestAtNanos = System.nanoTime();
    if (latestAtNanos - shownAtNanos >= TimeUnit.MILLISECONDS.toNanos(ITEM_REFRESH_MS)) {
      show(progress, "");
    }
  }

  @Override
  public synchronized void finished(BatchResult<?> result) {
    done = true;
    if (ticker != null) {
      ticker.shutdownNow();
    }
    show(result.progress(), result.cancelled() ? ", cancelled after " + Durations.format(result.durationMs())
        : ", done in " + Durations.format(result.durationMs()));
  }

  /** Between finished items: the same counts, the clock moved on (so rate and ETA stay current). */
  private synchronized void tick() {
    if (!done) {
      long sinceLatest = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - latestAtNanos);
      show(latest.at(latest.elapsedMs() + sinceLatest), "");
    }
  }

  private void show(BatchProgress progress, String suffix) {
    shownAtNanos = System.nanoTime();
    display.updateDisplay(displayId, render(progress, suffix));
  }

  /** A text bar for consoles and nbconvert, an HTML progress element for the notebook. */
  static DisplayData render(BatchProgress progress, String suffix) {
    String line = progress.describe() + suffix;
    int total = Math.max(1, progress.total());
    int done = progress.finished() - progress.cancelled(); // a cancelled batch does not look complete
    int filled = (int) ((long) done * BAR_WIDTH / total);
    DisplayData data = new DisplayData("[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + line);
    data.putHTML(String.format(Locale.ROOT, "<div><progress value=\"%d\" max=\"%d\" style=\"width:20em\">"
        + "</progress> <code>%s</code></div>", done, total, escape(line)));
    return data;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
