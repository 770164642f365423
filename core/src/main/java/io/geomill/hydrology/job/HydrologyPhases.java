package io.geomill.hydrology.job;

import io.geomill.batch.InputFile;
import io.geomill.batch.PhasedTask;
import io.geomill.hydrology.FlowAccumulation;
import io.geomill.hydrology.FlowCodes;
import io.geomill.hydrology.InvalidFlowDirectionsException;
import io.geomill.hydrology.PerimeterField;
import io.geomill.hydrology.PerimeterRelaxation;
import io.geomill.hydrology.TileGrid;
import io.geomill.hydrology.TiledFill;
import io.geomill.raster.RasterException;
import io.geomill.raster.RasterInfo;
import io.geomill.raster.RasterTiling;
import io.geomill.raster.TiledGeoTiff.TileBlocks;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * The driver's side of one tiled input: the phases of the Barnes 2016/2017 schemes as a cluster runs them, with
 * the perimeter problems solved here between them. It holds perimeter-sized values only (summaries, fields,
 * block sizes), never a raster. From a DEM:
 * <ol>
 *   <li>exact fill: {@code Summarize} every tile, {@code TiledFill.solve}, {@code Fill} every tile (the filled
 *       tiles become intermediates); epsilon fill: {@code EpsilonRound}s over the tiles whose ring changed, then
 *       {@code Fill};</li>
 *   <li>{@code Directions} of every tile (a tile without flats is done then), then relaxation rounds over the
 *       tiles with flats whose ring changed, until no flat distance on a perimeter changes; then the tiles with
 *       flats once more with the converged rings, for their directions;</li>
 *   <li>{@code FlowAccumulation.solve}, then {@code Accumulate} every tile.</li>
 * </ol>
 * From a direction raster: {@code Census} (unless the codes are given), {@code Decode}, then step 3.
 */
final class HydrologyPhases implements PhasedTask.Phases<TileResult> {
  private enum Stage { START, SUMMARIZE, EPSILON, FILL, DIRECTIONS, LAST_DIRECTIONS, CENSUS, DECODE, ACCUMULATE,
    DONE }

  private final InputFile input;
  private final HydrologyOptions options;
  private final int parts;
  private Stage stage = Stage.START;
  private RasterInfo raster;
  private TileGrid grid;
  private long validCells;
  private PerimeterRelaxation relaxation;
  /** Rounds of relaxations already over (the epsilon fill's, before the directions'). */
  private int roundsBefore;
  /** The token of this input's direction rounds (see TileStep.Directions). */
  private String directionsRun;
  private boolean[] flats;
  private FlowAccumulation.TileSummary[] summaries;
  private FlowCodes codes;
  private final Map<HydrologyProduct, TileBlocks[]> blocks = new EnumMap<>(HydrologyProduct.class);

  /** What the finish needs: the raster, every product's blocks per tile, and the report's figures. */
  record Finish(RasterInfo raster, Map<HydrologyProduct, TileBlocks[]> blocks, long validCells, int rounds,
      FlowCodes codes) implements Serializable {}

  HydrologyPhases(InputFile input, HydrologyOptions options, int parts) {
    this.input = input;
    this.options = options;
    this.parts = parts;
    this.codes = options.outputCodes();
  }

  @Override
  public int expectedRuns(int tiles) {
    int phases = options.directionsInput() ? (options.codes() == null ? 3 : 2)
        : 2 + (options.epsilon() ? 1 : 0) + (wantsDirections() ? 1 : 0)
            + (options.wants(HydrologyProduct.ACCUMULATION) ? 1 : 0);
    return tiles * phases;
  }

  @Override
  public Map<Integer, Serializable> next(Map<Integer, TileResult> results) throws Exception {
    try {
      return advance(results);
    } catch (InvalidFlowDirectionsException e) {
      throw new RasterException(input.relativePath() + ": " + e.getMessage(), e);
    }
  }

  private Map<Integer, Serializable> advance(Map<Integer, TileResult> results) throws Exception {
    switch (stage) {
      case START -> {
        if (options.directionsInput()) {
          if (options.codes() == null) {
            return all(Stage.CENSUS, t -> new TileStep.Census());
          }
          codes = options.codes();
          return all(Stage.DECODE, t -> new TileStep.Decode(codes));
        }
        return options.epsilon() ? all(Stage.EPSILON, t -> new TileStep.EpsilonRound(null))
            : all(Stage.SUMMARIZE, t -> new TileStep.Summarize());
      }
      case SUMMARIZE -> {
        firstPhase(results);
        List<TiledFill.TileSummary> fills = new ArrayList<>();
        results.values().forEach(r -> fills.add(((TileResult.FillSummarized) r).summary()));
        PerimeterField filled = TiledFill.solve(grid, fills);
        return all(Stage.FILL, t -> new TileStep.Fill(filled.perimeter(t), false));
      }
      case EPSILON -> {
        if (relaxation == null) {
          firstPhase(results);
          relaxation = new PerimeterRelaxation(grid, 1, Double.POSITIVE_INFINITY);
        }
        results.forEach((t, r) -> relaxation.update(t,
            new double[][] {((TileResult.EpsilonPerimeter) r).perimeter()}));
        if (relaxation.endRound()) {
          return due(Stage.EPSILON, t -> true, t -> new TileStep.EpsilonRound(relaxation.rings(t)[0]));
        }
        PerimeterField ring = relaxation.field(0);
        return all(Stage.FILL, t -> new TileStep.Fill(ring.ring(t), true));
      }
      case FILL -> {
        keepBlocks(HydrologyProduct.FILLED, results, r -> ((TileResult.Filled) r).filledBlocks());
        if (!wantsDirections()) {
          return done();
        }
        roundsBefore = relaxation == null ? 0 : relaxation.rounds();
        relaxation = new PerimeterRelaxation(grid, 2, Double.POSITIVE_INFINITY);
        flats = new boolean[parts];
        summaries = new FlowAccumulation.TileSummary[parts];
        String run = java.util.UUID.randomUUID().toString();
        directionsRun = run;
        return all(Stage.DIRECTIONS, t -> new TileStep.Directions(null, null, false, run));
      }
      case DIRECTIONS -> {
        keepDirections(results);
        results.forEach((t, r) -> {
          TileResult.DirectionsFound found = (TileResult.DirectionsFound) r;
          flats[t] = found.flats();
          relaxation.update(t, new double[][] {found.low(), found.high()});
        });
        // A tile without flats gives the same perimeters whatever its ring: due or not, it need not run again.
        while (relaxation.endRound()) {
          Map<Integer, Serializable> round = due(Stage.DIRECTIONS, t -> flats[t], t -> {
            double[][] rings = relaxation.rings(t);
            return new TileStep.Directions(rings[0], rings[1], false, directionsRun);
          });
          if (!round.isEmpty()) {
            return round;
          }
        }
        Map<Integer, Serializable> last = plan(Stage.LAST_DIRECTIONS, t -> flats[t], t -> {
          double[][] rings = relaxation.rings(t);
          return new TileStep.Directions(rings[0], rings[1], true, directionsRun);
        });
        return last.isEmpty() ? accumulateOrFinish() : last;
      }
      case LAST_DIRECTIONS -> {
        keepDirections(results);
        return accumulateOrFinish();
      }
      case CENSUS -> {
        firstPhase(results);
        int census = 0;
        for (TileResult r : results.values()) {
          census |= ((TileResult.Censused) r).census();
        }
        codes = codes(raster, options, census);
        return all(Stage.DECODE, t -> new TileStep.Decode(codes));
      }
      case DECODE -> {
        if (raster == null) {
          firstPhase(results);
        }
        summaries = new FlowAccumulation.TileSummary[parts];
        results.forEach((t, r) -> summaries[t] = ((TileResult.Decoded) r).accumulation());
        return accumulateOrFinish();
      }
      case ACCUMULATE -> {
        keepBlocks(HydrologyProduct.ACCUMULATION, results,
            r -> ((TileResult.Accumulated) r).accumulationBlocks());
        return done();
      }
      default -> throw new IllegalStateException(input.relativePath() + ": no phase after " + stage);
    }
  }

  /**
   * The code set of a direction raster: the one given, checked against the values, or the one the values
   * show (ESRI when they fit both).
   */
  static FlowCodes codes(RasterInfo raster, HydrologyOptions options, int census) throws RasterException {
    try {
      Optional<FlowCodes> detected = FlowCodes.detect(census);
      if (options.codes() != null && detected.isPresent() && detected.get() != options.codes()) {
        throw new RasterException(raster.name() + ": the values are " + detected.get().name()
            + " flow-direction codes, not " + options.codes().name() + " as --codes says");
      }
      return options.codes() != null ? options.codes() : detected.orElse(FlowCodes.ESRI);
    } catch (InvalidFlowDirectionsException e) {
      throw new RasterException(raster.name() + ": " + e.getMessage(), e);
    }
  }

  private boolean wantsDirections() {
    return options.wants(HydrologyProduct.FLOWDIR) || options.wants(HydrologyProduct.ACCUMULATION);
  }

  private Map<Integer, Serializable> accumulateOrFinish() {
    if (!options.wants(HydrologyProduct.ACCUMULATION)) {
      return done();
    }
    PerimeterField inflow = FlowAccumulation.solve(grid, Arrays.asList(summaries));
    summaries = null;
    return all(Stage.ACCUMULATE, t -> new TileStep.Accumulate(inflow.perimeter(t)));
  }

  /** The first phase of every tile read the raster: its grid, and whether it has any value. */
  private void firstPhase(Map<Integer, TileResult> results) throws RasterException {
    raster = ((TileResult.FirstPhase) results.get(0)).raster();
    RasterTiling tiling = new HydrologyTask(options).tiling(raster);
    if (tiling.tileCount() != parts) {
      throw new RasterException(raster.name() + ": changed while the job ran: it has " + tiling.tileCount()
          + " tiles now, not " + parts);
    }
    grid = HydrologyTask.grid(tiling);
    for (TileResult r : results.values()) {
      validCells += ((TileResult.FirstPhase) r).validCells();
    }
    HydrologyTask.requireValues(raster, validCells);
  }

  /** The flowdir blocks and accumulation summaries of the tiles whose directions were computed. */
  private void keepDirections(Map<Integer, TileResult> results) {
    Map<Integer, TileResult> directed = new TreeMap<>();
    results.forEach((t, r) -> {
      TileResult.DirectionsFound found = (TileResult.DirectionsFound) r;
      if (found.directed()) {
        directed.put(t, r);
        summaries[t] = found.accumulation();
      }
    });
    keepBlocks(HydrologyProduct.FLOWDIR, directed, r -> ((TileResult.DirectionsFound) r).flowdirBlocks());
  }

  private void keepBlocks(HydrologyProduct product, Map<Integer, TileResult> results,
      Function<TileResult, TileBlocks> tileBlocks) {
    if (!options.wants(product)) {
      return;
    }
    TileBlocks[] perTile = blocks.computeIfAbsent(product, p -> new TileBlocks[parts]);
    results.forEach((t, r) -> perTile[t] = tileBlocks.apply(r));
  }

  /** Every tile runs the next phase. */
  private Map<Integer, Serializable> all(Stage next, IntFunction<TileStep> step) {
    return plan(next, t -> true, step);
  }

  /** A relaxation round: the tiles whose ring changed (and that {@code also} picks). */
  private Map<Integer, Serializable> due(Stage next, IntPredicate also, IntFunction<TileStep> step) {
    return plan(next, t -> relaxation.due(t) && also.test(t), step);
  }

  private Map<Integer, Serializable> plan(Stage next, IntPredicate runs, IntFunction<TileStep> step) {
    stage = next;
    Map<Integer, Serializable> inputs = new TreeMap<>();
    for (int t = 0; t < parts; t++) {
      if (runs.test(t)) {
        inputs.put(t, step.apply(t));
      }
    }
    return inputs;
  }

  private Map<Integer, Serializable> done() {
    stage = Stage.DONE;
    return Map.of();
  }

  @Override
  public Serializable finishInput() {
    return new Finish(raster, blocks, validCells, roundsBefore + (relaxation == null ? 0 : relaxation.rounds()), codes);
  }
}
