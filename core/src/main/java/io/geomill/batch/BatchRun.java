package io.geomill.batch;

import io.geomill.batch.UnitRunner.Shared;
import io.geomill.batch.UnitRunner.UnitOutcome;
import io.geomill.fs.SerializableConf;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkThrowable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * A running batch: progress, outcomes as they complete, the final result, and {@link #cancel()}.
 *
 * <p>A driver thread of its own submits the Spark job and waits for it. Should Spark give up on a task (an
 * item that kills its executor every time it runs), that task's items are recorded as failed with Spark's
 * reason, and the items that had not finished are submitted again: one bad item never stops the others.
 *
 * <p>Items with several parts ({@link PartedTask}, {@link PhasedTask}) run in waves, each one Spark job: the
 * first holds all whole items and the first phase of every item in parts (largest first, so one big item's parts
 * and many small items share the cores); after each wave, the driver side of every item whose phase completed
 * plans its next phase or its finish, and those make the next wave. A failed part fails its item at once;
 * parts of that item not yet started are skipped.
 */
public final class BatchRun<R extends Serializable> {
  private static final Logger LOG = LogManager.getLogger(BatchRun.class);
  private static final long TASK_STOP_TIMEOUT_SECONDS = 10;
  private static final String SPARK_JOB_CANCELLED = "SPARK_JOB_CANCELLED";
  private static final Pattern FAILED_TASK = Pattern.compile("Task (\\d+) in stage \\S+ failed \\d+ times");

  private final String name;
  private final List<String> itemIds;
  private final Map<String, Integer> positions = new HashMap<>();
  private final OutputStore store;
  private final List<BatchListener> listeners;
  private final AtomicReferenceArray<ItemOutcome<R>> outcomes;
  private final int[] counts = new int[ItemStatus.values().length];
  /** Work units per item: 1, or its parts when it has several (see BatchProgress). */
  private final int[] units;
  private int unitsDone;
  private int unitsTotal;
  private int unitsSkipped;
  /** The items that have several parts, by item position; null for the others. */
  private final PhasedItem[] phased;
  private final LinkedBlockingQueue<ItemOutcome<R>> completions = new LinkedBlockingQueue<>();
  private final CompletableFuture<BatchResult<R>> result = new CompletableFuture<>();
  private final String jobGroup;
  private final BatchTasks tasks;
  private final Instant startedAt = Instant.now();
  private final long startNanos = System.nanoTime();
  private volatile boolean cancelRequested;
  /** Null until the context is up (see {@link HeadStart}). */
  private volatile SparkContext sparkContext;
  private volatile HeadStart<?, ?> headStart;
  private Broadcast<byte[]> shared;

  BatchRun(String name, List<String> itemIds, OutputStore store, List<BatchListener> listeners) {
    this.name = name;
    this.itemIds = itemIds;
    this.store = store;
    this.listeners = List.copyOf(listeners);
    this.outcomes = new AtomicReferenceArray<>(itemIds.size());
    this.units = new int[itemIds.size()];
    this.phased = new PhasedItem[itemIds.size()];
    Arrays.fill(units, 1);
    this.unitsTotal = itemIds.size();
    this.jobGroup = "geomill-" + name + "-" + UUID.randomUUID();
    this.tasks = new BatchTasks(jobGroup);
    for (int i = 0; i < itemIds.size(); i++) {
      positions.put(itemIds.get(i), i);
    }
  }

  /**
   * @param spark           the context, or its start in progress
   * @param conf            the Hadoop configuration the context has, or will have
   * @param headStartThreads how many driver threads run units while the context starts (0: none)
   */
  <T extends Serializable> void launch(CompletableFuture<SparkContext> spark, Configuration conf,
      int headStartThreads, List<BatchItem<T>> items, Work<T, R> work, boolean force, int maxTasks) {
    List<BatchItem<T>> toRun = prepare(items, force);
    List<Unit<T>> firstWave = plan(toRun, work, conf);
    listeners.forEach(l -> l.started(progress()));
    Shared<T, R> local = new Shared<>(work, store, new SerializableConf(conf));
    Thread driver = new Thread(() -> drive(spark, local, headStartThreads, toRun, firstWave, maxTasks),
        "geomill-batch-" + name);
    driver.setDaemon(true);
    driver.start();
  }

  /** Whole items as one unit each, items with several parts as the parts of their first phase. */
  private synchronized <T extends Serializable> List<Unit<T>> plan(List<BatchItem<T>> toRun, Work<T, R> work,
      Configuration conf) {
    List<Unit<T>> planned = new ArrayList<>();
    for (BatchItem<T> item : toRun) {
      long[] weights = work.partWeights(item, conf);
      if (weights.length == 1) {
        planned.add(Unit.whole(item, weights[0]));
        continue;
      }
      int position = positions.get(item.id());
      try {
        PhasedTask.Phases<Serializable> phases = work.phases(item.payload(), weights.length);
        phased[position] = new PhasedItem(weights, phases);
        int expected = Math.max(weights.length, phases.expectedRuns(weights.length));
        units[position] = expected;
        unitsTotal += expected - 1;
        planned.addAll(advance(item));
      } catch (Exception e) {
        record(ItemOutcome.failed(item.id(), e, 0, null, 0));
      }
    }
    return planned;
  }

  /**
   * The next phase of an item in parts, from its driver side: its parts, or its finish; nothing when the driver
   * side failed the item (recorded).
   */
  private <T extends Serializable> List<Unit<T>> advance(BatchItem<T> item) {
    int position = positions.get(item.id());
    PhasedItem state = phased[position];
    int parts = state.weights.length;
    try {
      Map<Integer, Serializable> inputs = state.phases.next(new TreeMap<>(state.results));
      state.phase++;
      state.results.clear();
      state.inputs = inputs;
      if (inputs.isEmpty()) {
        return List.of(new Unit<>(item, Unit.FINISH, parts, state.phase, state.totalWeight,
            state.phases.finishInput()));
      }
      state.runsPlanned += inputs.size();
      if (state.runsPlanned > units[position]) { // more rounds than expected: the total grows
        unitsTotal += state.runsPlanned - units[position];
        units[position] = state.runsPlanned;
      }
      List<Unit<T>> next = new ArrayList<>(inputs.size());
      for (Map.Entry<Integer, Serializable> part : inputs.entrySet()) {
        next.add(new Unit<>(item, part.getKey(), parts, state.phase, state.weights[part.getKey()],
            part.getValue()));
      }
      return next;
    } catch (Exception e) {
      record(ItemOutcome.failed(item.id(), e, state.durationMs, null, 0));
      return List.of();
    }
  }

  /** Clears stale staging and takes the items a previous run committed as skipped. */
  private <T extends Serializable> List<BatchItem<T>> prepare(List<BatchItem<T>> items, boolean force) {
    if (store == null) {
      return items;
    }
    try {
      store.deleteStaging();
      Map<String, ItemOutcome<R>> committed = force ? Map.of() : store.committed(items);
      List<BatchItem<T>> toRun = new ArrayList<>();
      for (BatchItem<T> item : items) {
        ItemOutcome<R> previous = committed.get(item.id());
        if (previous != null) {
          record(previous.asSkipped());
        } else {
          toRun.add(item);
        }
      }
      return toRun;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use output folder " + store.root() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs the waves: on the driver's head start while the context starts, then on Spark. Each wave ends with all
   * its units reported, wherever they ran, before the next is planned.
   */
  private <T extends Serializable> void drive(CompletableFuture<SparkContext> spark, Shared<T, R> local,
      int headStartThreads, List<BatchItem<T>> toRun, List<Unit<T>> firstWave, int maxTasks) {
    Throwable lastError = null;
    try {
      PartitionWorker<T, R> worker = null;
      List<Unit<T>> wave = firstWave;
      // Even after Spark gave up on some task: the items whose parts all succeeded still go on.
      while (!wave.isEmpty() && !cancelRequested && !contextStopped()) {
        HeadStart<T, R> head = spark.isDone() || headStartThreads < 1 ? null
            : HeadStart.start(wave, local, headStartThreads, this::record, () -> cancelRequested,
                "head." + jobGroup + ".");
        headStart = head;
        try {
          List<Unit<T>> toSpark = wave;
          if (head != null) {
            head.awaitSparkOrEnd(spark);
            if (worker == null && spark.isDone() && !spark.isCompletedExceptionally() && !cancelRequested) {
              worker = connect(spark.join(), local); // a quarter second: the driver's threads keep working meanwhile
            }
            toSpark = head.takeRest();
          }
          if (!toSpark.isEmpty() && !cancelRequested) {
            if (worker == null) {
              worker = connect(spark.join(), local);
            }
            Throwable failure = runWave(sparkContext, toSpark, worker, maxTasks);
            lastError = failure != null ? failure : lastError;
          }
        } finally {
          if (head != null) {
            head.awaitEnd();
          }
        }
        wave = nextWave(toRun);
      }
    } catch (Throwable unexpected) {
      lastError = unexpected instanceof CompletionException && unexpected.getCause() != null
          ? unexpected.getCause() : unexpected;
    } finally {
      finish(lastError, toRun);
    }
  }

  /** The context is up: the batch's jobs are watched, grouped (for cancel()) and share one broadcast. */
  private <T extends Serializable> PartitionWorker<T, R> connect(SparkContext sc, Shared<T, R> local) {
    sc.addSparkListener(tasks);
    sc.setJobGroup(jobGroup, "GeoMill batch " + name, true);
    shared = JavaSparkContext.fromSparkContext(sc).broadcast(PartitionWorker.sharedBytes(local.work(),
        local.store(), new SerializableConf(sc.hadoopConfiguration())));
    sparkContext = sc; // after the listener: cancel() and finish() then see the context with the batch's tasks
    return new PartitionWorker<>(shared);
  }

  private boolean contextStopped() {
    SparkContext sc = sparkContext;
    return sc != null && sc.isStopped();
  }

  /**
   * Runs units as one Spark job, again for the unfinished ones after Spark gave up on a task; returns the last
   * job failure, or null.
   */
  private <T extends Serializable> Throwable runWave(SparkContext sc, List<Unit<T>> wave,
      PartitionWorker<T, R> worker, int maxTasks) {
    Throwable lastError = null;
    List<List<Unit<T>>> bins = Scheduler.plan(wave, Unit::weight, Math.max(1, maxTasks));
    while (!bins.isEmpty() && !cancelRequested) {
      try {
        SimpleFutureAction<BoxedUnit> job = submit(sc, bins, worker);
        if (cancelRequested) {
          sc.cancelJobGroup(jobGroup); // a cancel() while the job was being submitted found no job to cancel
        }
        job.get();
        return null;
      } catch (Exception jobFailure) {
        lastError = jobFailure;
        if (cancelledInSpark(jobFailure)) {
          cancelRequested = true; // from outside: the Spark UI, a notebook's interrupt, cancelAllJobs()
        }
        if (cancelRequested || sc.isStopped()) {
          break;
        }
        bins = afterAbort(bins, jobFailure);
      }
    }
    return lastError;
  }

  /** The next phases (or finishes) of the items whose current phase's parts all succeeded. */
  private synchronized <T extends Serializable> List<Unit<T>> nextWave(List<BatchItem<T>> ran) {
    List<Unit<T>> next = new ArrayList<>();
    for (BatchItem<T> item : ran) {
      int position = positions.get(item.id());
      PhasedItem state = phased[position];
      if (state != null && outcomes.get(position) == null && state.phaseComplete()) {
        next.addAll(advance(item));
      }
    }
    return next;
  }

  /** One task per bin: partition i holds bin i, Java-serialized. */
  private <T extends Serializable> SimpleFutureAction<BoxedUnit> submit(SparkContext sc,
      List<List<Unit<T>>> bins, PartitionWorker<T, R> worker) {
    List<byte[]> serializedBins = new ArrayList<>(bins.size());
    List<Object> partitions = new ArrayList<>(bins.size());
    for (int i = 0; i < bins.size(); i++) {
      serializedBins.add(JavaBytes.serialize(new ArrayList<>(bins.get(i))));
      partitions.add(i);
    }
    JavaRDD<byte[]> rdd = JavaSparkContext.fromSparkContext(sc).parallelize(serializedBins, bins.size());
    tasks.submitting();
    return sc.submitJob(rdd.rdd(), worker, CollectionConverters.asScala(partitions).toSeq(),
        new AbstractFunction2<Object, byte[], BoxedUnit>() {
          @Override
          @SuppressWarnings("unchecked")
          public BoxedUnit apply(Object partition, byte[] finished) {
            ((List<UnitOutcome>) JavaBytes.deserialize(finished)).forEach(BatchRun.this::record);
            return BoxedUnit.UNIT;
          }
        },
        new AbstractFunction0<BoxedUnit>() {
          @Override
          public BoxedUnit apply() {
            return BoxedUnit.UNIT;
          }
        });
  }

  /** Spark failed the job because someone cancelled it, not because a task failed. */
  private static boolean cancelledInSpark(Throwable jobFailure) {
    for (Throwable t = jobFailure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SparkThrowable spark && SPARK_JOB_CANCELLED.equals(spark.getCondition())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Spark aborted the job because one task failed too often. That task's unfinished items fail with Spark's
   * reason; the other unfinished items go again. Without a task to blame, every unfinished item fails.
   */
  private <T extends Serializable> List<List<Unit<T>>> afterAbort(List<List<Unit<T>>> bins,
      Exception jobFailure) {
    Throwable cause = jobFailure instanceof ExecutionException ? jobFailure.getCause() : jobFailure;
    String reason = cause == null ? String.valueOf(jobFailure) : String.valueOf(cause.getMessage());
    Matcher blamed = FAILED_TASK.matcher(reason);
    int blamedBin = blamed.find() ? Integer.parseInt(blamed.group(1)) : -1;
    List<List<Unit<T>>> again = new ArrayList<>();
    for (int i = 0; i < bins.size(); i++) {
      List<Unit<T>> unfinished = bins.get(i).stream().filter(unit -> !isFinished(unit)).toList();
      if (unfinished.isEmpty()) {
        continue;
      }
      if (i == blamedBin || blamedBin < 0) {
        for (Unit<T> unit : unfinished) {
          record(failedPart(unit, ItemOutcome.failed(unit.item().id(), new BatchTaskLostException(reason, cause),
              0, null, 0)));
        }
      } else {
        again.add(unfinished);
      }
    }
    if (!again.isEmpty()) {
      LOG.warn("batch {}: Spark gave up on a task ({}); running the {} unfinished task(s) again", name,
          firstLine(reason), again.size());
    }
    return again;
  }

  private <T extends Serializable> void finish(Throwable lastError, List<BatchItem<T>> ran) {
    try {
      SparkContext sc = sparkContext;
      if (sc != null) {
        if (lastError != null && !sc.isStopped()) {
          tasks.awaitNoneRunning(TASK_STOP_TIMEOUT_SECONDS);
        }
        sc.removeSparkListener(tasks);
        release(sc);
      }
      if (lastError != null && store != null) {
        // Tasks that committed while the job was being cancelled or aborted: their record is the truth.
        store.<T, R>committed(ran.stream().filter(item -> !isFinished(item.id())).toList()).values()
            .forEach(this::record);
      }
      for (int i = 0; i < itemIds.size(); i++) {
        if (outcomes.get(i) == null) {
          record(cancelRequested || lastError == null || contextStopped()
              ? ItemOutcome.cancelled(itemIds.get(i))
              : ItemOutcome.failed(itemIds.get(i), new BatchTaskLostException(String.valueOf(lastError),
                  lastError), 0, null, 0));
        }
      }
      List<ItemOutcome<R>> all = new ArrayList<>(itemIds.size());
      for (int i = 0; i < itemIds.size(); i++) {
        all.add(outcomes.get(i));
      }
      boolean cancelled = cancelRequested || all.stream().anyMatch(o -> o.status() == ItemStatus.CANCELLED);
      BatchResult<R> done = new BatchResult<>(name, all, millisSinceStart(), cancelled,
          store == null ? null : store.reportPath().toString());
      if (store != null) {
        store.writeAtomically(store.reportPath(), BatchReport.toJson(done, startedAt, Instant.now()));
        store.deleteStaging();
      }
      listeners.forEach(l -> l.finished(done));
      result.complete(done);
    } catch (Throwable e) {
      result.completeExceptionally(e);
    }
  }

  /** No task of this batch runs any more: executors may drop their copy. */
  private void release(SparkContext sc) {
    if (shared == null || sc.isStopped()) {
      return;
    }
    try {
      shared.destroy();
    } catch (RuntimeException e) {
      LOG.debug("batch {}: could not release its broadcast: {}", name, e.toString());
    }
  }

  @SuppressWarnings("unchecked")
  private synchronized void record(UnitOutcome unit) {
    ItemOutcome<Serializable> outcome = unit.outcome();
    Integer position = positions.get(outcome.itemId());
    if (position == null || outcomes.get(position) != null) {
      return; // the item is decided (a part failed it, or a re-executed task reports it twice)
    }
    PhasedItem parts = phased[position];
    if (unit.part() < 0) {
      if (parts != null && outcome.status() == ItemStatus.OK) {
        outcome = outcome.withDuration(outcome.durationMs() + parts.durationMs);
      }
      record((ItemOutcome<R>) (ItemOutcome<?>) outcome);
    } else if (outcome.status() == ItemStatus.FAILED) {
      record((ItemOutcome<R>) (ItemOutcome<?>) failedPart(unit.part(), parts.weights.length, outcome));
      markAbandoned(outcome.itemId());
    } else if (outcome.status() == ItemStatus.OK && parts.awaits(unit.phase(), unit.part())) {
      parts.results.put(unit.part(), outcome.result());
      parts.durationMs += outcome.durationMs();
      parts.runsDone++;
      unitsDone++;
      BatchProgress now = progress();
      for (BatchListener listener : listeners) {
        listener.partFinished(now);
      }
    }
  }

  private synchronized void record(ItemOutcome<R> outcome) {
    Integer position = positions.get(outcome.itemId());
    if (position == null || !outcomes.compareAndSet(position, null, outcome)) {
      return; // a re-executed task's second outcome for an item already recorded: the first one stands
    }
    counts[outcome.status().ordinal()]++;
    PhasedItem parts = phased[position];
    int partsCounted = parts == null ? 0 : parts.runsDone;
    unitsDone += units[position] - partsCounted;
    if (outcome.status() == ItemStatus.SKIPPED) {
      unitsSkipped += units[position];
    }
    completions.add(outcome);
    BatchProgress now = progress();
    for (BatchListener listener : listeners) {
      listener.itemFinished(outcome, now);
    }
  }

  /** A part's failure as its item's: the message says which part. */
  private <T extends Serializable> ItemOutcome<R> failedPart(Unit<T> unit, ItemOutcome<R> outcome) {
    return unit.isPart() ? failedPart(unit.part(), unit.parts(), outcome) : outcome;
  }

  private static <X extends Serializable> ItemOutcome<X> failedPart(int part, int parts, ItemOutcome<X> outcome) {
    return new ItemOutcome<>(outcome.itemId(), outcome.status(), List.of(), null, outcome.errorClass(),
        "part " + (part + 1) + " of " + parts + ": " + outcome.message(), outcome.stackTrace(),
        outcome.durationMs(), outcome.executor(), outcome.attempt());
  }

  /** Tells the executors not to start the item's remaining parts. */
  private void markAbandoned(String itemId) {
    if (store == null) {
      return;
    }
    try {
      store.create(store.abandonedMarker(itemId)).close();
    } catch (IOException e) {
      LOG.debug("batch {}: could not mark {} abandoned: {}", name, itemId, e.toString());
    }
  }

  private <T extends Serializable> boolean isFinished(Unit<T> unit) {
    int position = positions.get(unit.item().id());
    return outcomes.get(position) != null || unit.isPart() && !phased[position].awaits(unit.phase(), unit.part());
  }

  private boolean isFinished(String itemId) {
    return outcomes.get(positions.get(itemId)) != null;
  }

  /** An item with several parts on the driver: its phases, and what the current phase's parts returned. */
  private static final class PhasedItem {
    final long[] weights;
    final long totalWeight;
    final PhasedTask.Phases<Serializable> phases;
    /** The current phase, from 0; -1 before the first. */
    int phase = -1;
    /** The current phase's parts and their inputs (empty once the finish is planned). */
    Map<Integer, Serializable> inputs = Map.of();
    final Map<Integer, Serializable> results = new HashMap<>();
    long durationMs;
    int runsPlanned;
    int runsDone;

    PhasedItem(long[] weights, PhasedTask.Phases<Serializable> phases) {
      this.weights = weights;
      this.totalWeight = Arrays.stream(weights).sum();
      this.phases = phases;
    }

    /** Whether a result of this part in this phase is still wanted. */
    boolean awaits(int inPhase, int part) {
      return inPhase == phase && inputs.containsKey(part) && !results.containsKey(part);
    }

    boolean phaseComplete() {
      return !inputs.isEmpty() && results.size() == inputs.size();
    }
  }

  public synchronized BatchProgress progress() {
    return new BatchProgress(name, itemIds.size(), counts[ItemStatus.OK.ordinal()],
        counts[ItemStatus.FAILED.ordinal()], counts[ItemStatus.SKIPPED.ordinal()],
        counts[ItemStatus.CANCELLED.ordinal()], millisSinceStart(), unitsTotal, unitsDone, unitsSkipped);
  }

  /**
   * Stops the batch: running tasks are interrupted, queued ones never start, and every item without an
   * outcome is reported as cancelled. Returns at once; {@link #await()} waits for the end.
   */
  public void cancel() {
    cancelRequested = true;
    HeadStart<?, ?> head = headStart;
    if (head != null) {
      head.cancel();
    }
    SparkContext sc = sparkContext;
    if (sc != null && !sc.isStopped()) {
      sc.cancelJobGroup(jobGroup);
    }
  }

  public boolean isDone() {
    return result.isDone();
  }

  public CompletableFuture<BatchResult<R>> future() {
    return result;
  }

  /** Waits for the end of the batch. */
  public BatchResult<R> await() {
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel();
      throw new BatchCancelledException("interrupted while waiting for batch " + name, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("batch " + name + " could not finish: " + e.getCause().getMessage(),
          e.getCause());
    }
  }

  /** Waits at most {@code timeout}; null if the batch is still running then. */
  public BatchResult<R> await(long timeout, TimeUnit unit) throws InterruptedException {
    try {
      return result.get(timeout, unit);
    } catch (TimeoutException e) {
      return null;
    } catch (ExecutionException e) {
      throw new IllegalStateException("batch " + name + " could not finish: " + e.getCause().getMessage(),
          e.getCause());
    }
  }

  /**
   * The outcomes in the order they complete (skipped items first), blocking for the next one; it ends after
   * the last item. Like {@code Pool.imap_unordered}. Meant to be iterated once.
   */
  public Iterable<ItemOutcome<R>> completions() {
    return () -> new Iterator<>() {
      private int taken;

      @Override
      public boolean hasNext() {
        return taken < itemIds.size();
      }

      @Override
      public ItemOutcome<R> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        try {
          ItemOutcome<R> next = completions.take();
          taken++;
          return next;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new BatchCancelledException("interrupted while waiting for batch " + name, e);
        }
      }
    };
  }

  private long millisSinceStart() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
