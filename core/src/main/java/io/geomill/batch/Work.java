package io.geomill.batch;

import java.io.Serializable;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * A batch's task as the engine runs it: every task seen as parts. A plain {@link ItemTask} has one part that is
 * the whole item; a {@link PartedTask} has as many as it says.
 */
interface Work<T extends Serializable, R extends Serializable> extends Serializable {

  /** The weights of the item's parts; one entry means the item runs whole. */
  long[] partWeights(BatchItem<T> item, Configuration conf);

  R runWhole(T payload, ItemAttempt attempt) throws Exception;

  Serializable runPart(T payload, int part, ItemAttempt attempt) throws Exception;

  R finish(T payload, List<Serializable> parts, ItemAttempt attempt) throws Exception;

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
      public Serializable runPart(T payload, int part, ItemAttempt attempt) {
        throw new IllegalStateException("an item task has no parts");
      }

      @Override
      public R finish(T payload, List<Serializable> parts, ItemAttempt attempt) {
        throw new IllegalStateException("an item task has no parts");
      }
    };
  }

  @SuppressWarnings("unchecked")
  static <T extends Serializable, P extends Serializable, R extends Serializable> Work<T, R> of(
      PartedTask<T, P, R> task) {
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

      /** Part 0 and the finish in one attempt: the part's files stay in the attempt's scratch. */
      @Override
      public R runWhole(T payload, ItemAttempt attempt) throws Exception {
        P only = task.runPart(payload, 0, attempt.scratchParts());
        return task.finish(payload, List.of(only), attempt);
      }

      @Override
      public Serializable runPart(T payload, int part, ItemAttempt attempt) throws Exception {
        return task.runPart(payload, part, attempt);
      }

      @Override
      public R finish(T payload, List<Serializable> parts, ItemAttempt attempt) throws Exception {
        return task.finish(payload, (List<P>) parts, attempt);
      }
    };
  }
}
