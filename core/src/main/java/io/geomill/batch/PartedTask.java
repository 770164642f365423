package io.geomill.batch;

import java.io.Serializable;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * The work on one item done in parts: each part is a Spark task of its own, scheduled with every other item's
 * parts (largest first), and once all of an item's parts succeeded, {@link #finish} combines them into the item's
 * outputs. A raster cut into tiles is the case in point: a part computes one tile, the finish writes the file.
 *
 * <p>The item is the unit of everything else: one outcome per item (a failing part fails its item, whose other
 * parts are then skipped where they have not started; the other items go on), resume and {@code force} per
 * item, atomic commit of the item's outputs. An item with a single part runs as one task, part and finish
 * together.
 *
 * <p>Like {@link ItemTask}, it must be serializable and a pure function of its payload: a part or a finish may
 * run more than once, and only one run's files are kept.
 *
 * @param <P> what a part tells the finish (small: it goes through the driver), e.g. the sizes of what it wrote
 */
public interface PartedTask<T extends Serializable, P extends Serializable, R extends Serializable>
    extends Serializable {

  /**
   * The expected cost of each of the item's parts (cells, bytes), one entry per part. Runs on the driver when the
   * batch starts, only for the items that will run (not those resumed): it should be quick (read a header, not
   * the data; {@code conf} reaches any Hadoop path). An item it cannot plan (it throws, or returns no parts) runs
   * as a single part, where the real error surfaces.
   */
  long[] partWeights(T payload, Configuration conf) throws Exception;

  /**
   * Computes part {@code part} (from 0). Files it writes through {@code context.stage(name)} are part files: kept
   * for {@link #finish} (which reads them with {@link PartsContext#openPart}) only if this returns normally.
   */
  P runPart(T payload, int part, ItemContext context) throws Exception;

  /**
   * Combines the parts, in part order, into the item's outputs ({@code context.stage(name)}, committed by rename
   * when this returns normally) and result.
   */
  R finish(T payload, List<P> parts, PartsContext context) throws Exception;
}
