package io.geomill.batch;

import java.io.Serializable;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The work on one item done in parts over several phases, with small steps on the driver between them: a part
 * runs in a phase with an input the driver computed from what the previous phase's parts returned (a perimeter
 * problem solved once and handed to each tile, say). Tiled hydrology is the case in point: summarize every tile,
 * solve on the driver, fill every tile with the solution; then relaxation rounds over the tiles whose neighbours
 * changed; and so on. Every phase of every item is scheduled with all other items' phases and whole items,
 * largest first, in one batch, so a folder of DEMs of any sizes is one balanced run.
 *
 * <p>As for {@link PartedTask}, the item is the unit of everything else: one outcome (a failing part, or a
 * failing step on the driver, fails its item and the others go on), resume and {@code force}, atomic commit of
 * the outputs, which only {@link #finish} (or {@link #runWhole}) writes. Files a part stages are part files:
 * kept until the item's finish has run, readable by any later part or the finish of the same item through
 * {@link PartsContext#openPart}, so the intermediate rasters of a phase live on the output's file system
 * (surviving the loss of the executor that wrote them), never on the driver. A part re-running in a later phase
 * replaces its files of the same name.
 *
 * <p>Parts and finish must be pure functions of their payload and input: they may run more than once, and only
 * one run's files are kept.
 *
 * @param <P> what a part tells the driver (small: it goes through the driver), e.g. a tile's perimeter summary
 */
public interface PhasedTask<T extends Serializable, P extends Serializable, R extends Serializable>
    extends Serializable {

  /**
   * The expected cost of each of the item's parts, one entry per part, from the item's header only (on the
   * driver). One entry: the item runs whole in one task ({@link #runWhole}). An item it cannot plan (it throws,
   * or returns no parts) runs whole too, where the real error surfaces.
   */
  long[] partWeights(T payload, Configuration conf) throws Exception;

  /** An item of one part, in one task: its outputs through {@code context.stage(name)}. */
  R runWhole(T payload, ItemContext context) throws Exception;

  /** The driver's side of an item of {@code parts} parts (on the driver, once per run of the item). */
  Phases<P> phases(T payload, int parts) throws Exception;

  /** Runs part {@code part} in the phase whose input for it is {@code input}. */
  P runPart(T payload, int part, Serializable input, PartsContext context) throws Exception;

  /** Combines the parts' files into the item's outputs and result, once {@link Phases#next} says it is done. */
  R finish(T payload, Serializable input, PartsContext context) throws Exception;

  /**
   * What the driver keeps of one item between its phases: perimeter-sized state (summaries, solved fields),
   * never the item's data. Not serialized: it lives on the driver for the item's run.
   */
  interface Phases<P extends Serializable> {

    /**
     * The parts of the next phase, each with its input (null allowed), in part order; an empty map when the
     * item is ready for {@link PhasedTask#finish}. First called with no results; then with the results of
     * the parts the previous call named, all of which succeeded.
     *
     * @throws Exception fails the item (the message should name it)
     */
    Map<Integer, Serializable> next(Map<Integer, P> results) throws Exception;

    /** The finish's input, once {@link #next} returned no parts. */
    Serializable finishInput();

    /** How many part runs the item is expected to take in all, for progress; revised as phases are planned. */
    default int expectedRuns(int parts) {
      return parts;
    }
  }
}
