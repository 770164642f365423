package io.geomill.hydrology;

import it.geosolutions.jaiext.range.NoDataContainer;
import java.awt.geom.AffineTransform;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.io.AbstractGridCoverage2DReader;
import org.geotools.coverage.util.CoverageUtilities;
import org.geotools.gce.arcgrid.ArcGridReader;
import org.geotools.gce.geotiff.GeoTiffReader;

/**
 * Band 1 of a GeoTIFF or an Esri ASCII grid as floats, nodata as NaN, read with GeoTools (test code only:
 * the kernels never see GeoTools).
 *
 * @param cellSizeX  the pixel width in CRS units
 * @param originY    the top edge's y coordinate
 */
record TestRasters(float[] values, int width, int height, double cellSizeX, double cellSizeY, double originY) {

  /** The repository's data-samples folder (tests run in the core module's folder). */
  static final Path SAMPLES = Path.of("..", "data-samples").toAbsolutePath().normalize();

  static TestRasters read(Path path) throws IOException {
    File file = path.toFile();
    String name = file.getName().toLowerCase(java.util.Locale.ROOT);
    AbstractGridCoverage2DReader reader;
    if (name.endsWith(".tif") || name.endsWith(".tiff")) {
      try {
        reader = new GeoTiffReader(file);
      } catch (org.geotools.api.data.DataSourceException e) {
        // DEM.tif's keys define no geographic or projected CRS; read its grid without one.
        reader = new GeoTiffReader(file, new org.geotools.util.factory.Hints(
            org.geotools.util.factory.Hints.DEFAULT_COORDINATE_REFERENCE_SYSTEM,
            org.geotools.referencing.crs.DefaultEngineeringCRS.GENERIC_2D));
      }
    } else {
      reader = new ArcGridReader(file);
    }
    try {
      GridCoverage2D coverage = reader.read(null);
      RenderedImage image = coverage.getRenderedImage();
      int w = image.getWidth();
      int h = image.getHeight();
      Raster data = image.getData();
      float[] values = new float[w * h];
      data.getSamples(data.getMinX(), data.getMinY(), w, h, 0, values);
      Double nodata = nodata(coverage);
      if (nodata != null) {
        float fill = (float) nodata.doubleValue();
        for (int i = 0; i < values.length; i++) {
          if (values[i] == fill || values[i] == nodata) {
            values[i] = Float.NaN;
          }
        }
      }
      AffineTransform gridToCrs = (AffineTransform) coverage.getGridGeometry().getGridToCRS2D();
      double originY = coverage.getEnvelope2D().getMaxY();
      TestRasters out = new TestRasters(values, w, h, Math.abs(gridToCrs.getScaleX()),
          Math.abs(gridToCrs.getScaleY()), originY);
      coverage.dispose(true);
      return out;
    } finally {
      reader.dispose();
    }
  }

  static TestRasters sample(String relativePath) throws IOException {
    return read(SAMPLES.resolve(relativePath));
  }

  private static Double nodata(GridCoverage2D coverage) {
    NoDataContainer container = CoverageUtilities.getNoDataProperty(coverage);
    if (container != null) {
      return container.getAsSingleValue();
    }
    double[] values = coverage.getSampleDimension(0).getNoDataValues();
    return values != null && values.length > 0 ? values[0] : null;
  }

  InMemoryRaster raster() {
    return new InMemoryRaster(values, width, height);
  }
}
