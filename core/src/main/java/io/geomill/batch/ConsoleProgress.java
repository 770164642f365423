package io.geomill.batch;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on the console: a live bar (done / failed / remaining, rate, ETA) on a terminal; on anything else
 * (a CI log, a notebook cell, a file) one line every few seconds, since redrawing a bar there only floods it.
 */
public final class ConsoleProgress implements BatchListener {
  private static final long LINE_INTERVAL_MS = 5_000;

  private final PrintStream out;
  private final boolean terminal;
  private ProgressBar bar;
  private long lastLineAt;

  /** On standard error, with a bar when standard error is a terminal. */
  public ConsoleProgress() {
    this(System.err, System.console() != null);
  }

  public ConsoleProgress(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  @Override
  public synchronized void started(BatchProgress progress) {
    if (terminal) {
      bar = new ProgressBarBuilder()
          .setTaskName(progress.batch())
          .setInitialMax(progress.units())
          .setStyle(ProgressBarStyle.ASCII)
          .setUpdateIntervalMillis(250)
          .showSpeed()
          .setUnit(progress.hasParts() ? " parts" : " items", 1)
          .setConsumer(new ConsoleProgressBarConsumer(out))
          .build();
      update(progress);
    } else {
      out.println(progress.batch() + ": " + progress.total() + " item(s)"
          + (progress.hasParts() ? " in " + progress.units() + " parts" : "")
          + (progress.skipped() > 0 ? ", " + progress.skipped() + " already done (resume)" : ""));
    }
  }

  @Override
  public synchronized void itemFinished(ItemOutcome<?> outcome, BatchProgress progress) {
    partFinished(progress);
  }

  @Override
  public synchronized void partFinished(BatchProgress progress) {
    if (bar != null) {
      update(progress);
    } else if (progress.elapsedMs() - lastLineAt >= LINE_INTERVAL_MS) {
      lastLineAt = progress.elapsedMs();
      out.println(progress.describe());
    }
  }

  @Override
  public synchronized void finished(BatchResult<?> result) {
    if (bar != null) {
      bar.stepTo(bar.getMax());
      bar.setExtraMessage(result.count(ItemStatus.FAILED) > 0 ? result.count(ItemStatus.FAILED) + " failed" : "");
      bar.close();
      bar = null;
    }
  }

  private void update(BatchProgress progress) {
    bar.stepTo(progress.unitsDone());
    bar.setExtraMessage(progress.failed() > 0 ? progress.failed() + " failed" : "");
  }
}
