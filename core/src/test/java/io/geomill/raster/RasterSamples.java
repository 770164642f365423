package io.geomill.raster;

import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.io.AbstractGridCoverage2DReader;
import org.geotools.gce.arcgrid.ArcGridReader;
import org.geotools.gce.geotiff.GeoTiffReader;
import org.geotools.referencing.crs.DefaultEngineeringCRS;
import org.geotools.util.factory.Hints;

/** The repository's sample rasters, and GeoTools' reading of a whole raster as the reference for window reads. */
final class RasterSamples {
  private RasterSamples() {}

  /** data-samples/ (tests run in the core module's folder). */
  static final Path ROOT = Path.of("..", "data-samples").toAbsolutePath().normalize();

  static File sample(String relativePath) {
    File file = ROOT.resolve(relativePath).toFile();
    if (!file.isFile()) {
      throw new AssertionError("missing sample " + file);
    }
    return file;
  }

  /** Float equality with NaN equal to NaN (nodata is NaN on both sides of a comparison). */
  static boolean same(float a, float b) {
    return a == b || Float.isNaN(a) && Float.isNaN(b);
  }

  /** Every cell of band {@code band} (from 1) as GeoTools' reader decodes the whole raster, nodata as NaN. */
  static float[][] fullRead(File file, int band, Double nodata) throws IOException {
    // A CRS given up front: GeoTools refuses some files' own CRS keys, and the cells do not depend on the CRS.
    Hints anyCrs = new Hints(Hints.DEFAULT_COORDINATE_REFERENCE_SYSTEM, DefaultEngineeringCRS.GENERIC_2D);
    AbstractGridCoverage2DReader reader = file.getName().endsWith(".asc") ? new ArcGridReader(file, anyCrs)
        : new GeoTiffReader(file, anyCrs);
    try {
      GridCoverage2D coverage = reader.read(null);
      Raster data = coverage.getRenderedImage().getData();
      float[][] cells = new float[data.getHeight()][data.getWidth()];
      for (int y = 0; y < data.getHeight(); y++) {
        for (int x = 0; x < data.getWidth(); x++) {
          double v = data.getSampleDouble(data.getMinX() + x, data.getMinY() + y, band - 1);
          boolean isNodata = nodata != null && (data.getDataBuffer().getDataType() == DataBuffer.TYPE_FLOAT
              ? (float) v == nodata.floatValue() : v == nodata);
          cells[y][x] = isNodata ? Float.NaN : (float) v;
        }
      }
      coverage.dispose(true);
      return cells;
    } finally {
      reader.dispose();
    }
  }
}
