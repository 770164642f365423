package io.geomill.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SchedulerTest {

  private static List<BatchItem<Integer>> items(List<Long> weights) {
    List<BatchItem<Integer>> items = new ArrayList<>();
    for (int i = 0; i < weights.size(); i++) {
      items.add(new BatchItem<>("item" + i, weights.get(i), "", i));
    }
    return items;
  }

  private static long load(List<BatchItem<Integer>> bin) {
    return bin.stream().mapToLong(BatchItem::weight).sum();
  }

  @Property
  void everyItemIsPlannedExactlyOnceInAtMostTaskCountTasks(
      @ForAll @Size(max = 200) List<@LongRange(max = 1_000_000) Long> weights,
      @ForAll @IntRange(min = 1, max = 64) int taskCount) {
    List<List<BatchItem<Integer>>> plan = Scheduler.plan(items(weights), BatchItem::weight, taskCount);

    assertThat(plan).hasSizeLessThanOrEqualTo(taskCount).allSatisfy(bin -> assertThat(bin).isNotEmpty());
    assertThat(plan.stream().flatMap(List::stream).map(BatchItem::id).collect(Collectors.toList()))
        .containsExactlyInAnyOrderElementsOf(items(weights).stream().map(BatchItem::id).toList());
  }

  /** Graham's bound for greedy list scheduling: no task exceeds the mean load by more than one item. */
  @Property
  void heaviestTaskIsWithinOneItemOfTheMeanAndTasksComeHeaviestFirst(
      @ForAll @Size(min = 1, max = 200) List<@LongRange(min = 1, max = 1_000_000) Long> weights,
      @ForAll @IntRange(min = 1, max = 16) int taskCount) {
    List<List<BatchItem<Integer>>> plan = Scheduler.plan(items(weights), BatchItem::weight, taskCount);

    long total = weights.stream().mapToLong(Long::longValue).sum();
    long biggest = weights.stream().mapToLong(Long::longValue).max().orElseThrow();
    assertThat(load(plan.get(0))).isLessThanOrEqualTo(total / plan.size() + biggest);
    for (int i = 1; i < plan.size(); i++) {
      assertThat(load(plan.get(i))).isLessThanOrEqualTo(load(plan.get(i - 1)));
    }
  }

  @Test
  void oneItemPerTaskStartsTheLargestFirst() {
    List<List<BatchItem<Integer>>> plan = Scheduler.plan(items(List.of(5L, 50L, 1L, 20L)), BatchItem::weight, 10);

    assertThat(plan).extracting(bin -> bin.get(0).id()).containsExactly("item1", "item3", "item0", "item2");
  }

  @Test
  void fewerTasksThanItemsBalancesTheLoad() {
    // 7,6,5,4,3,2,1 on 3 tasks: LPT gives loads 10, 9, 9
    List<List<BatchItem<Integer>>> plan = Scheduler.plan(items(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L)), BatchItem::weight, 3);

    assertThat(plan).extracting(SchedulerTest::load).containsExactly(10L, 9L, 9L);
  }
}
