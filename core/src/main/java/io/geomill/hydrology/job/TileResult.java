package io.geomill.hydrology.job;

import io.geomill.hydrology.FlowAccumulation;
import io.geomill.hydrology.TiledFill;
import io.geomill.raster.RasterInfo;
import io.geomill.raster.TiledGeoTiff.TileBlocks;
import java.io.Serializable;

/** What a tile's task tells the driver: perimeter-sized summaries and where the blocks it encoded went. */
sealed interface TileResult extends Serializable {

  /** The first phase of every tile: the raster as the task read it, and the tile's cells with a value. */
  interface FirstPhase {
    RasterInfo raster();

    long validCells();
  }

  record FillSummarized(TiledFill.TileSummary summary, RasterInfo raster, long validCells)
      implements TileResult, FirstPhase {}

  record EpsilonPerimeter(double[] perimeter, RasterInfo raster, long validCells)
      implements TileResult, FirstPhase {}

  /** @param filledBlocks the filled product's blocks, null when it is not an output */
  record Filled(TileBlocks filledBlocks) implements TileResult {}

  /**
   * @param low, high        the flat distances of the tile's perimeter cells (for the relaxation)
   * @param flats            whether the tile has flat cells (a tile without never changes in a round)
   * @param directed         whether the directions were computed (the last round, or a tile without flats)
   * @param accumulation     the accumulation summary of these directions, null when not an output
   * @param flowdirBlocks    the flowdir product's blocks, null when not an output
   */
  record DirectionsFound(double[] low, double[] high, boolean flats, boolean directed,
      FlowAccumulation.TileSummary accumulation, TileBlocks flowdirBlocks) implements TileResult {}

  record Censused(int census, RasterInfo raster, long validCells) implements TileResult, FirstPhase {}

  record Decoded(FlowAccumulation.TileSummary accumulation, RasterInfo raster, long validCells)
      implements TileResult, FirstPhase {}

  record Accumulated(TileBlocks accumulationBlocks) implements TileResult {}
}
