package io.geomill.terrain;

import io.geomill.raster.HaloTile;
import java.awt.geom.AffineTransform;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.geotools.api.referencing.datum.PixelInCell;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.util.CoverageUtilities;
import org.geotools.gce.geotiff.GeoTiffReader;

/**
 * One band of a GeoTIFF read with GeoTools (test code only: the raster I/O of the terrain job is another
 * branch's), with its nodata value and north-up geotransform, and the halo tiles the kernels take.
 *
 * @param values  row-major, as stored (nodata values as they are)
 * @param nodata  the declared nodata value, or null
 */
record GeoTiffGrid(int width, int height, float[] values, Double nodata, double originX, double originY,
    double cellSizeX, double cellSizeY) {

  /** Where the terrain tests' data lives (tests run in the core module's folder), see its README.md. */
  static final Path RESOURCES = Path.of("src", "test", "resources", "io", "geomill", "terrain").toAbsolutePath();

  static GeoTiffGrid read(String name) {
    return read(RESOURCES.resolve(name));
  }

  static GeoTiffGrid read(Path file) {
    GeoTiffReader reader = null;
    try {
      reader = new GeoTiffReader(file.toFile());
      GridCoverage2D coverage = reader.read(null);
      try {
        Raster data = coverage.getRenderedImage().getData();
        int width = data.getWidth();
        int height = data.getHeight();
        float[] values = data.getSamples(data.getMinX(), data.getMinY(), width, height, 0, new float[width * height]);
        var container = CoverageUtilities.getNoDataProperty(coverage);
        Double nodata = container == null ? null : container.getAsSingleValue();
        AffineTransform gridToCrs = (AffineTransform) coverage.getGridGeometry().getGridToCRS(PixelInCell.CELL_CORNER);
        if (gridToCrs.getShearX() != 0 || gridToCrs.getShearY() != 0 || gridToCrs.getScaleY() >= 0) {
          throw new IllegalStateException(file + ": not a north-up grid: " + gridToCrs);
        }
        return new GeoTiffGrid(width, height, values, nodata, gridToCrs.getTranslateX(), gridToCrs.getTranslateY(),
            gridToCrs.getScaleX(), -gridToCrs.getScaleY());
      } finally {
        coverage.dispose(true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (reader != null) {
        reader.dispose();
      }
    }
  }

  /** Whether cell i holds the nodata value (compared as floats, as the values are). */
  boolean isNodata(int i) {
    return nodata != null && values[i] == nodata.floatValue();
  }

  /** The values with nodata as NaN, as the raster side delivers them to the kernels. */
  float[] withNodataAsNan() {
    float[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      if (isNodata(i)) {
        out[i] = Float.NaN;
      }
    }
    return out;
  }

  /** The grid of a projected raster (or of a geographic one with gdaldem's uniform cells). */
  TerrainGrid uniformGrid() {
    return TerrainGrid.uniform(cellSizeX, cellSizeY);
  }

  /** The grid of a geographic raster, cell sizes converted to metres per row on WGS 84. */
  TerrainGrid geographicGrid() {
    return TerrainGrid.geographic(originY, cellSizeX, cellSizeY);
  }

  /** The whole raster as one tile with a halo of 1. */
  HaloTile wholeTile() {
    return tile(withNodataAsNan(), width, height, 0, 0, width, height, 1);
  }

  /** The window [col0, col0 + w) x [row0, row0 + h) of a raster's values with a halo, NaN outside the raster. */
  static HaloTile tile(float[] raster, int rasterWidth, int rasterHeight, int col0, int row0, int w, int h,
      int halo) {
    int stride = w + 2 * halo;
    float[] values = new float[stride * (h + 2 * halo)];
    Arrays.fill(values, Float.NaN);
    for (int r = row0 - halo; r < row0 + h + halo; r++) {
      for (int c = col0 - halo; c < col0 + w + halo; c++) {
        if (c >= 0 && r >= 0 && c < rasterWidth && r < rasterHeight) {
          values[(r - row0 + halo) * stride + (c - col0 + halo)] = raster[r * rasterWidth + c];
        }
      }
    }
    return new HaloTile(col0, row0, w, h, halo, rasterWidth, rasterHeight, values);
  }
}
