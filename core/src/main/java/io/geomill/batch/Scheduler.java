package io.geomill.batch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.ToLongFunction;

/**
 * Spreads units of work (items, or parts of items) over Spark tasks so that no straggler is left for the end:
 * longest-processing-time-first. Units are taken largest first, each into the currently lightest task, and the
 * tasks are then ordered heaviest first. Spark launches a stage's tasks in partition order, so the big units
 * start first and the small ones fill the gaps at the end.
 */
final class Scheduler {
  private Scheduler() {}

  /**
   * @param weight    a unit's expected cost (bytes, cells)
   * @param taskCount how many tasks at most; with {@code taskCount >= units.size()} every unit is a task of its
   *                  own (the best balance, progress per unit, and a retry redoes just one unit)
   */
  static <U> List<List<U>> plan(List<U> units, ToLongFunction<U> weight, int taskCount) {
    if (taskCount < 1) {
      throw new IllegalArgumentException("taskCount must be >= 1, was " + taskCount);
    }
    List<U> largestFirst = new ArrayList<>(units);
    largestFirst.sort(Comparator.comparingLong(weight).reversed());
    int bins = Math.min(taskCount, units.size());
    // Ties (weightless units) go to the task with the fewest units, so no task is left empty.
    PriorityQueue<Bin<U>> lightest = new PriorityQueue<>(Comparator.comparingLong((Bin<U> bin) -> bin.load)
        .thenComparingInt(bin -> bin.items.size()).thenComparingInt(bin -> bin.index));
    for (int i = 0; i < bins; i++) {
      lightest.add(new Bin<>(i));
    }
    for (U unit : largestFirst) {
      Bin<U> bin = lightest.poll();
      bin.items.add(unit);
      bin.load += weight.applyAsLong(unit);
      lightest.add(bin);
    }
    List<Bin<U>> heaviestFirst = new ArrayList<>(lightest);
    heaviestFirst.sort(Comparator.comparingLong((Bin<U> bin) -> bin.load).reversed()
        .thenComparingInt(bin -> bin.index));
    List<List<U>> plan = new ArrayList<>(bins);
    for (Bin<U> bin : heaviestFirst) {
      plan.add(bin.items);
    }
    return plan;
  }

  private static final class Bin<U> {
    final int index;
    final List<U> items = new ArrayList<>();
    long load;

    Bin(int index) {
      this.index = index;
    }
  }
}
