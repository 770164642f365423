package io.geomill.batch;

import java.io.Serializable;

/**
 * The work done for one item, on an executor. It must be serializable (Spark ships it to the executors) and
 * should be a pure function of its payload: it may run more than once for the same item (a lost executor, a
 * retried task), and only one run's outputs are kept.
 *
 * <p>Outputs are written through {@link ItemContext#stage(String)}, never to a final path directly: the engine
 * commits them by rename only when the task returns normally.
 */
@FunctionalInterface
public interface ItemTask<T extends Serializable, R extends Serializable> extends Serializable {
  R run(T payload, ItemContext context) throws Exception;
}
