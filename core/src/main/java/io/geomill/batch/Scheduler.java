package io.geomill.batch;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Spreads items over Spark tasks so that no straggler is left for the end: longest-processing-time-first.
 * Items are taken largest first, each into the currently lightest task, and the tasks are then ordered
 * heaviest first. Spark launches a stage's tasks in partition order, so the big items start first and the
 * small ones fill the gaps at the end.
 */
final class Scheduler {
  private Scheduler() {}

  /**
   * @param taskCount how many tasks at most; with {@code taskCount >= items.size()} every item is a task of its
   *                  own (the best balance, progress per item, and a retry redoes just one item)
   */
  static <T extends Serializable> List<List<BatchItem<T>>> plan(List<BatchItem<T>> items, int taskCount) {
    if (taskCount < 1) {
      throw new IllegalArgumentException("taskCount must be >= 1, was " + taskCount);
    }
    List<BatchItem<T>> largestFirst = new ArrayList<>(items);
    largestFirst.sort(Comparator.comparingLong((BatchItem<T> item) -> item.weight()).reversed());
    int bins = Math.min(taskCount, items.size());
    // Ties (weightless items) go to the task with the fewest items, so no task is left empty.
    PriorityQueue<Bin<T>> lightest = new PriorityQueue<>(Comparator.comparingLong((Bin<T> bin) -> bin.load)
        .thenComparingInt(bin -> bin.items.size()).thenComparingInt(bin -> bin.index));
    for (int i = 0; i < bins; i++) {
      lightest.add(new Bin<>(i));
    }
    for (BatchItem<T> item : largestFirst) {
      Bin<T> bin = lightest.poll();
      bin.items.add(item);
      bin.load += item.weight();
      lightest.add(bin);
    }
    List<Bin<T>> heaviestFirst = new ArrayList<>(lightest);
    heaviestFirst.sort(Comparator.comparingLong((Bin<T> bin) -> bin.load).reversed()
        .thenComparingInt(bin -> bin.index));
    List<List<BatchItem<T>>> plan = new ArrayList<>(bins);
    for (Bin<T> bin : heaviestFirst) {
      plan.add(bin.items);
    }
    return plan;
  }

  private static final class Bin<T extends Serializable> {
    final int index;
    final List<BatchItem<T>> items = new ArrayList<>();
    long load;

    Bin(int index) {
      this.index = index;
    }
  }
}
