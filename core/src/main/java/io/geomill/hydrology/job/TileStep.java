package io.geomill.hydrology.job;

import io.geomill.hydrology.FlowCodes;
import java.io.Serializable;

/**
 * What the driver hands one tile in one phase: the phase, and the perimeter-sized values it solved for this
 * tile (never raster data). A tile's task dispatches on it.
 */
sealed interface TileStep extends Serializable {

  /** Exact fill, phase 1: the tile's spill graph ({@code TiledFill.summarize}). */
  record Summarize() implements TileStep {}

  /** Epsilon fill: one relaxation round with the ring's values ({@code null}: +infinity, the first round). */
  record EpsilonRound(double[] ring) implements TileStep {}

  /**
   * The fill of the tile, kept as an intermediate for the directions: exact by raising its phase-1 flood (kept
   * as part files) to its perimeter's solved values, or epsilon by a flood from its converged ring.
   */
  record Fill(double[] values, boolean epsilon) implements TileStep {}

  /**
   * Flow directions of the filled tile (read with a 2-cell halo from its neighbours' filled tiles) with the
   * rings' flat distances ({@code null}: none, the first round): its perimeter's flat distances for the
   * relaxation, and, once the rings are the converged ones ({@code last}) or when the tile has no flats (its
   * directions then do not depend on them), its directions and their accumulation summary. {@code run} is unique
   * to this run of this input: the key of the tiles an executor keeps between rounds ({@link DirectionTileCache}).
   */
  record Directions(double[] ringLow, double[] ringHigh, boolean last, String run) implements TileStep {}

  /** Direction inputs: which code values occur. */
  record Census() implements TileStep {}

  /** Direction inputs: the tile's codes decoded, kept as an intermediate, and its accumulation summary. */
  record Decode(FlowCodes codes) implements TileStep {}

  /** The accumulation of the tile with the inflow {@code FlowAccumulation.solve} gave each perimeter cell. */
  record Accumulate(double[] inflow) implements TileStep {}
}
