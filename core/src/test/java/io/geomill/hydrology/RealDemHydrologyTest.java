package io.geomill.hydrology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The whole chain on the real DEMs of data-samples (MIT): the Rhine basin at 30 arc-seconds (geographic
 * cells, nodata around the basin) and WhiteboxTools' DEM.tif (projected, about 90 m). Tiled runs use tile
 * sizes that do not divide the rasters.
 */
class RealDemHydrologyTest {

  @Test
  void rhineBasin() throws Exception {
    TestRasters rhine = TestRasters.sample("rasters/rhine_elv0.tif");
    assertThat(rhine.width()).isEqualTo(997);
    assertThat(rhine.height()).isEqualTo(682);
    CellGeometry geometry = CellGeometry.geographic(rhine.originY(), rhine.cellSizeX(), rhine.cellSizeY());
    Results results = checkChain(rhine, geometry, new TileGrid(997, 682, 400, 300));
    assertThat(results.raised()).as("pyflwdir's example DEM is nearly depression-free").isEqualTo(87);
    // The Rhine's mouth: the largest accumulation is most of the basin.
    assertThat(results.maxAccumulation() / Oracles.validCells(rhine.values())).isGreaterThan(0.5);
  }

  @Test
  void whiteboxDem() throws Exception {
    TestRasters dem = TestRasters.sample("rasters/DEM.tif");
    assertThat(dem.width()).isEqualTo(237);
    assertThat(dem.height()).isEqualTo(188);
    CellGeometry geometry = CellGeometry.projected(dem.cellSizeX(), dem.cellSizeY());
    assertThat(checkChain(dem, geometry, new TileGrid(237, 188, 50, 61)).raised()).as("no depressions").isZero();
    checkChain(dem, geometry, new TileGrid(237, 188, 17, 9));
  }

  record Results(long raised, double maxAccumulation) {}

  private static Results checkChain(TestRasters dem, CellGeometry geometry, TileGrid tiles) {
    int w = dem.width();
    int h = dem.height();
    TiledDriver tiled = new TiledDriver(tiles);
    float[] filled = PriorityFlood.fill(dem.values(), w, h, PriorityFlood.Mode.EXACT);
    assertThat(tiled.fill(dem.raster(), PriorityFlood.Mode.EXACT)).isEqualTo(filled);
    Oracles.assertNonAscendingPathsToOutlets(filled, w, h);
    long raised = 0;
    for (int i = 0; i < filled.length; i++) {
      if (!Float.isNaN(filled[i])) {
        assertThat(filled[i]).isGreaterThanOrEqualTo(dem.values()[i]);
        raised += filled[i] > dem.values()[i] ? 1 : 0;
      }
    }

    float[] epsilon = PriorityFlood.fill(dem.values(), w, h, PriorityFlood.Mode.EPSILON);
    assertThat(tiled.fill(dem.raster(), PriorityFlood.Mode.EPSILON)).isEqualTo(epsilon);

    byte[] dirs = FlowDirectionTile.wholeRaster(filled, w, h, geometry);
    Oracles.assertDrainsToOutlets(dirs, w, h);
    assertThat(tiled.flowDirections(new InMemoryRaster(filled, w, h), geometry)).isEqualTo(dirs);

    double[] acc = FlowAccumulation.accumulate(dirs, w, h, null);
    assertThat(Oracles.sumAtOutlets(dirs, acc, w, h)).isEqualTo(Oracles.validCells(dem.values()));
    assertThat(tiled.accumulation(dirs, null)).isEqualTo(acc);
    double max = 0;
    for (double a : acc) {
      max = Double.isNaN(a) ? max : Math.max(max, a);
    }
    return new Results(raised, max);
  }
}
