package io.geomill.batch;

import java.io.Serializable;

/**
 * A function of an input and fixed extra parameters, shipped to the executors: what
 * {@code functools.partial(f, params)} is to {@code Pool.map}.
 */
@FunctionalInterface
public interface ItemFunction<T, P, R> extends Serializable {
  R apply(T input, P params) throws Exception;
}
