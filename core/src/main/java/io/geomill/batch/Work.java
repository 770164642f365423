package io.geomill.batch;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;

/**
 * A batch's task as the engine runs it: every task seen as parts in phases. A plain {@link ItemTask} has one
 * part that is the whole item; a {@link PartedTask} has one phase of as many parts as it says; a
 * {@link PhasedTask} has as many phases as its driver side plans.
 */
interface Work<T extends Serializable, R extends Serializable> extends Serializable {

  /** The weights of the item's parts; one entry means the item runs whole. */
  long[] partWeights(BatchItem<T> item, Configuration conf);

  R runWhole(T payload, ItemAttempt attempt) throws Exception;

  /** The driver's side of an item of several parts. */
  PhasedTask.Phases<Serializable> phases(T payload, int parts) throws Exception;

  Serializable runPart(T payload, int part, Serializable input, ItemAttempt attempt) throws Exception;

  R finish(T payload, Serializable input, ItemAttempt attempt) throws Exception;

  static <T extends Serializable, R extends Serializable> Work<T, R> of(ItemTask<T, R> task) {
    return new Work<>() {
      private static final long serialVersionUID = 1L;

      @Override
      public long[] partWeights(BatchItem<T> item, Configuration conf) {
        return new long[] {item.weight()};
      }

      @Override
      public R runWhole(T payload, ItemAttempt attempt) throws Exception {
        return task.run(payload, attempt);
      }

      @Override
      public PhasedTask.Phases<Serializable> phases(T payload, int parts) {
        throw new IllegalStateException("an item task has no parts");
      }

      @Override
      public Serializable runPart(T payload, int part, Serializable input, ItemAttempt attempt) {
        throw new IllegalStateException("an item task has no parts");
      }

      @Override
      public R finish(T payload, Serializable input, ItemAttempt attempt) {
        throw new IllegalStateException("an item task has no parts");
      }
    };
  }

  /** One phase of all parts, then the finish with their results in part order. */
  @SuppressWarnings("unchecked")
  static <T extends Serializable, P extends Serializable, R extends Serializable> Work<T, R> of(
      PartedTask<T, P, R> task) {
    return of(new PhasedTask<T, P, R>() {
      private static final long serialVersionUID = 1L;

      @Override
      public long[] partWeights(T payload, Configuration conf) throws Exception {
        return task.partWeights(payload, conf);
      }

      /** Part 0 and the finish in one attempt: the part's files stay in the attempt's scratch. */
      @Override
      public R runWhole(T payload, ItemContext context) throws Exception {
        ItemAttempt attempt = (ItemAttempt) context;
        P only = task.runPart(payload, 0, attempt.scratchParts());
        return task.finish(payload, List.of(only), attempt);
      }

      @Override
      public Phases<P> phases(T payload, int parts) {
        return new Phases<>() {
          private final ArrayList<P> results = new ArrayList<>();

          @Override
          public Map<Integer, Serializable> next(Map<Integer, P> done) {
            if (!done.isEmpty()) {
              results.addAll(new TreeMap<>(done).values());
              return Map.of();
            }
            Map<Integer, Serializable> all = new TreeMap<>();
            for (int part = 0; part < parts; part++) {
              all.put(part, null);
            }
            return all;
          }

          @Override
          public Serializable finishInput() {
            return results;
          }
        };
      }

      @Override
      public P runPart(T payload, int part, Serializable input, PartsContext context) throws Exception {
        return task.runPart(payload, part, context);
      }

      @Override
      public R finish(T payload, Serializable input, PartsContext context) throws Exception {
        return task.finish(payload, (List<P>) input, context);
      }
    });
  }

  @SuppressWarnings("unchecked")
  static <T extends Serializable, P extends Serializable, R extends Serializable> Work<T, R> of(
      PhasedTask<T, P, R> task) {
    return new Work<>() {
      private static final long serialVersionUID = 1L;

      @Override
      public long[] partWeights(BatchItem<T> item, Configuration conf) {
        try {
          long[] weights = task.partWeights(item.payload(), conf);
          return weights == null || weights.length == 0 ? new long[] {item.weight()} : weights;
        } catch (Exception e) {
          return new long[] {item.weight()}; // the single part's task meets the error again and reports it
        }
      }

      @Override
      public R runWhole(T payload, ItemAttempt attempt) throws Exception {
        return task.runWhole(payload, attempt);
      }

      @Override
      public PhasedTask.Phases<Serializable> phases(T payload, int parts) throws Exception {
        return (PhasedTask.Phases<Serializable>) (PhasedTask.Phases<?>) task.phases(payload, parts);
      }

      @Override
      public Serializable runPart(T payload, int part, Serializable input, ItemAttempt attempt) throws Exception {
        return task.runPart(payload, part, input, attempt);
      }

      @Override
      public R finish(T payload, Serializable input, ItemAttempt attempt) throws Exception {
        return task.finish(payload, input, attempt);
      }
    };
  }
}
