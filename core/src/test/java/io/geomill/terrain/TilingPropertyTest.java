package io.geomill.terrain;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.raster.HaloTile;
import io.geomill.terrain.TerrainOptions.Gradient;
import io.geomill.terrain.TerrainOptions.HillshadeMode;
import io.geomill.terrain.TerrainOptions.TriAlgorithm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Any tiling gives the untiled output bit for bit: tiles of any size (1 cell to wider than the raster), the
 * tiling's origin shifted by any offset (so tiles are cut anywhere, including one cell from the edge), halos of
 * 1 to 3, for every product and variant, on the projected DEM (nodata along two edges) and the geographic one
 * (cell sizes per row).
 */
class TilingPropertyTest {
  private static final GeoTiffGrid PROJECTED = GeoTiffGrid.read("dem_utm32.tif");
  private static final GeoTiffGrid GEOGRAPHIC = GeoTiffGrid.read("dem_geo.tif");
  private static final Map<String, float[]> UNTILED = new ConcurrentHashMap<>();

  record Variant(String name, TerrainProduct product, TerrainOptions options, boolean geographic) {
    @Override
    public String toString() {
      return name;
    }
  }

  @Provide
  Arbitrary<Variant> variants() {
    List<Variant> variants = new ArrayList<>();
    for (boolean edges : new boolean[] {false, true}) {
      for (Gradient gradient : Gradient.values()) {
        TerrainOptions options = TerrainOptions.defaults().withGradient(gradient).withComputeEdges(edges);
        String suffix = "_" + gradient + (edges ? "_edges" : "");
        for (TerrainProduct product : TerrainProduct.values()) {
          variants.add(new Variant(product + suffix, product, options, false));
        }
        variants.add(new Variant("SLOPE_GEOGRAPHIC" + suffix, TerrainProduct.SLOPE, options, true));
        variants.add(new Variant("HILLSHADE_GEOGRAPHIC" + suffix, TerrainProduct.HILLSHADE, options, true));
        variants.add(new Variant("ASPECT_GEOGRAPHIC" + suffix, TerrainProduct.ASPECT, options, true));
      }
      TerrainOptions edgeOptions = TerrainOptions.defaults().withComputeEdges(edges);
      variants.add(new Variant("COMBINED" + edges, TerrainProduct.HILLSHADE,
          edgeOptions.withHillshade(HillshadeMode.COMBINED), false));
      variants.add(new Variant("MULTIDIRECTIONAL" + edges, TerrainProduct.HILLSHADE,
          edgeOptions.withHillshade(HillshadeMode.MULTIDIRECTIONAL), false));
      variants.add(new Variant("TRI_WILSON" + edges, TerrainProduct.TRI, edgeOptions.withTri(TriAlgorithm.WILSON),
          false));
      variants.add(new Variant("SLOPE_NAN_NOT_NODATA" + edges, TerrainProduct.SLOPE,
          edgeOptions.withNanIsNodata(false), false));
      variants.add(new Variant("ROUGHNESS_NAN_NOT_NODATA" + edges, TerrainProduct.ROUGHNESS,
          edgeOptions.withNanIsNodata(false), false));
    }
    return Arbitraries.of(variants);
  }

  @Property(tries = 150)
  void anyTilingGivesTheUntiledOutput(@ForAll("variants") Variant variant,
      @ForAll @IntRange(min = 1, max = 150) int tileWidth, @ForAll @IntRange(min = 1, max = 150) int tileHeight,
      @ForAll @IntRange(min = 0, max = 149) int offsetX, @ForAll @IntRange(min = 0, max = 149) int offsetY,
      @ForAll @IntRange(min = 1, max = 3) int halo) {
    GeoTiffGrid dem = variant.geographic() ? GEOGRAPHIC : PROJECTED;
    TerrainGrid grid = variant.geographic() ? dem.geographicGrid() : dem.uniformGrid();
    TerrainKernel kernel = TerrainKernel.of(variant.product(), grid, variant.options());
    float[] untiled = UNTILED.computeIfAbsent(variant.name(), name -> kernel.apply(dem.wholeTile()));
    float[] raster = dem.withNodataAsNan();

    float[] tiled = new float[untiled.length];
    // The tiling's grid lines are at offset + k * tileSize; the first tile is what remains before the first one.
    int firstWidth = (offsetX % tileWidth == 0) ? tileWidth : offsetX % tileWidth;
    int firstHeight = (offsetY % tileHeight == 0) ? tileHeight : offsetY % tileHeight;
    int tiles = 0;
    for (int row0 = 0; row0 < dem.height(); row0 += row0 == 0 ? firstHeight : tileHeight) {
      int h = Math.min(row0 == 0 ? firstHeight : tileHeight, dem.height() - row0);
      for (int col0 = 0; col0 < dem.width(); col0 += col0 == 0 ? firstWidth : tileWidth) {
        int w = Math.min(col0 == 0 ? firstWidth : tileWidth, dem.width() - col0);
        HaloTile tile = GeoTiffGrid.tile(raster, dem.width(), dem.height(), col0, row0, w, h, halo);
        float[] out = kernel.apply(tile);
        for (int r = 0; r < h; r++) {
          System.arraycopy(out, r * w, tiled, (row0 + r) * dem.width() + col0, w);
        }
        tiles++;
      }
    }
    assertThat(tiles).isPositive();
    for (int i = 0; i < untiled.length; i++) {
      if (Float.floatToRawIntBits(tiled[i]) != Float.floatToRawIntBits(untiled[i])) {
        throw new AssertionError(variant + ": cell (" + i % dem.width() + ", " + i / dem.width() + ") is "
            + tiled[i] + " tiled (" + tileWidth + " x " + tileHeight + ", offset " + offsetX + ", " + offsetY
            + ", halo " + halo + "), " + untiled[i] + " untiled");
      }
    }
  }
}
