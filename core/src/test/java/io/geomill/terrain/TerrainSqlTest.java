package io.geomill.terrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geomill.TestSpark;
import io.geomill.raster.HaloTile;
import io.geomill.raster.RasterFile;
import io.geomill.raster.RasterInfo;
import io.geomill.terrain.TerrainOptions.Gradient;
import io.geomill.terrain.TerrainOptions.HillshadeMode;
import io.geomill.terrain.TerrainOptions.TriAlgorithm;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.IOException;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.geotools.coverage.grid.GridCoverage2D;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The GM_ terrain functions through spark.sql on Sedona rasters of the projected test DEM: the job's kernel
 * output cell for cell, gdaldem's within the bounds, the input's grid, CRS and the product's nodata.
 */
class TerrainSqlTest {
  private static final SparkSession SPARK = TestSpark.session();

  @BeforeAll
  static void dems() {
    // As the README writes it: SQL straight on the files.
    SPARK.sql("CREATE OR REPLACE TEMP VIEW dems AS SELECT RS_FromGeoTiff(content) AS rast FROM binaryFile.`"
        + GeoTiffGrid.RESOURCES.resolve("dem_utm3*.tif") + "` WHERE path LIKE '%dem_utm32.tif'");
  }

  @Test
  void slopeIsTheKernelsAndGdaldemsOnTheInputsGrid() throws IOException {
    Row row = SPARK.sql("SELECT GM_Slope(rast) AS slope, RS_BandNoDataValue(GM_Slope(rast)) AS nodata,"
        + " RS_BandPixelType(GM_Slope(rast)) AS type, RS_SRID(GM_Slope(rast)) AS srid,"
        + " RS_Metadata(GM_Slope(rast)) = RS_Metadata(rast) AS same_grid FROM dems").first();

    assertThat(row.getDouble(1)).isEqualTo(-9999.0);
    assertThat(row.getString(2)).isEqualTo("REAL_32BITS");
    assertThat(row.getInt(3)).isEqualTo(32632);
    assertThat(row.getBoolean(4)).as("width, height, geotransform, SRID as the input's").isTrue();
    float[] sql = cells((GridCoverage2D) row.get(0));
    assertThat(sql).isEqualTo(kernel(TerrainProduct.SLOPE, TerrainOptions.defaults()));
    GdaldemComparisonTest.Difference gdaldem = GdaldemComparisonTest.Difference.between(sql,
        GeoTiffGrid.read("slope_horn.tif"), -9999f, TerrainProduct.SLOPE);
    assertThat(gdaldem.nodataMismatches).isZero();
    assertThat(gdaldem.max).isLessThanOrEqualTo(1e-3);
  }

  @Test
  void everyFunctionWithArgumentsIsTheKernelWithThoseOptions() throws IOException {
    TerrainOptions defaults = TerrainOptions.defaults();
    record Case(String sql, TerrainProduct product, TerrainOptions options) {}
    List<Case> cases = List.of(
        new Case("GM_Slope(rast, 'percent', 2.0, 'zt', true)", TerrainProduct.SLOPE, defaults
            .withSlopeUnits(TerrainOptions.SlopeUnits.PERCENT).withZFactor(2)
            .withGradient(Gradient.ZEVENBERGEN_THORNE).withComputeEdges(true)),
        new Case("GM_Aspect(rast, NULL, NULL, true)", TerrainProduct.ASPECT, defaults.withZeroForFlat(true)),
        new Case("GM_Hillshade(rast, 200, 30, 2)", TerrainProduct.HILLSHADE, defaults.withLight(200, 30)
            .withZFactor(2)),
        new Case("GM_Hillshade(rast, mode => 'multidirectional', compute_edges => true)", TerrainProduct.HILLSHADE,
            defaults.withHillshade(HillshadeMode.MULTIDIRECTIONAL).withComputeEdges(true)),
        new Case("GM_TRI(rast, 'wilson', true)", TerrainProduct.TRI, defaults.withTri(TriAlgorithm.WILSON)
            .withComputeEdges(true)),
        new Case("GM_TPI(rast)", TerrainProduct.TPI, defaults),
        new Case("GM_Roughness(rast, true)", TerrainProduct.ROUGHNESS, defaults.withComputeEdges(true)));
    for (Case test : cases) {
      Row row = SPARK.sql("SELECT " + test.sql() + " FROM dems").first();
      GridCoverage2D out = (GridCoverage2D) row.get(0);
      assertThat(cells(out)).as(test.sql()).isEqualTo(kernel(test.product(), test.options()));
      assertThat(out.getRenderedImage().getSampleModel().getDataType()).as(test.sql())
          .isEqualTo(test.product() == TerrainProduct.HILLSHADE ? DataBuffer.TYPE_BYTE : DataBuffer.TYPE_FLOAT);
    }
    Row nodata = SPARK.sql("SELECT RS_BandNoDataValue(GM_Hillshade(rast)), RS_BandNoDataValue(GM_Aspect(rast,"
        + " 'horn', false, true)) FROM dems").first();
    assertThat(nodata.getDouble(0)).as("hillshade's nodata").isZero();
    assertThat(nodata.isNullAt(1)).as("aspect with zero_for_flat declares no nodata value").isTrue();
  }

  @Test
  void badArgumentsFailTheQueryWithTheFunctionAndArgumentNamed() {
    assertThatThrownBy(() -> SPARK.sql("SELECT GM_Slope(rast, 'radians') FROM dems").collect())
        .hasMessageContaining("GM_Slope: unknown slope units 'radians': degrees or percent");
    assertThatThrownBy(() -> SPARK.sql("SELECT GM_Hillshade(rast, 315, 120) FROM dems").collect())
        .hasMessageContaining("GM_Hillshade: altitude must be in [0, 90] degrees");
    assertThatThrownBy(() -> SPARK.sql("SELECT GM_TPI(rast, true, 1) FROM dems").collect())
        .hasMessageContaining("GM_TPI takes at most 1 arguments: compute_edges");
    assertThatThrownBy(() -> SPARK.sql("SELECT GM_Slope(1.5)").collect())
        .hasMessageContaining("GM_Slope: the first argument must be a raster");
    assertThatThrownBy(() -> SPARK.sql("SELECT GM_Slope(RS_MakeEmptyRaster(3, 'F', 8, 8, 0, 0, 1)) FROM dems")
        .collect()).hasMessageContaining("GM_Slope: the raster has 3 bands; give it one, e.g. RS_Band(rast, ARRAY(1))");
    assertThat(SPARK.sql("SELECT GM_Slope(RS_FromGeoTiff(CAST(NULL AS BINARY))) IS NULL").first().getBoolean(0)).isTrue();
  }

  private static float[] kernel(TerrainProduct product, TerrainOptions options) throws IOException {
    try (RasterFile dem = RasterFile.open(GeoTiffGrid.RESOURCES.resolve("dem_utm32.tif").toFile())) {
      RasterInfo info = dem.info();
      HaloTile whole = dem.read(1, 0, 0, info.width(), info.height(), 1);
      return Terrain.kernel(product, options, info).apply(whole);
    }
  }

  private static float[] cells(GridCoverage2D coverage) {
    Raster data = coverage.getRenderedImage().getData();
    return data.getSamples(data.getMinX(), data.getMinY(), data.getWidth(), data.getHeight(), 0,
        new float[data.getWidth() * data.getHeight()]);
  }
}
