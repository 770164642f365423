package io.geomill.jobs.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;
import org.geotools.api.parameter.GeneralParameterValue;
import org.geotools.api.parameter.ParameterValue;
import org.geotools.api.referencing.FactoryException;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridCoverageFactory;
import org.geotools.coverage.grid.io.AbstractGridFormat;
import org.geotools.coverage.grid.io.imageio.GeoToolsWriteParams;
import org.geotools.gce.geotiff.GeoTiffWriteParams;
import org.geotools.gce.geotiff.GeoTiffWriter;
import org.geotools.geometry.jts.ReferencedEnvelope;
import org.geotools.referencing.CRS;

/**
 * A folder of GeoTIFFs whose inventory runs long enough on two cores to kill an executor or press Ctrl-C in the
 * middle of it. The cost of describing a raster is reading and scanning every cell, so the files are large in
 * cells (2000x2000 Float32: ~0.15 s each, measured) but tiny on disk (mostly zeros, deflate-compressed: ~20 KB).
 * A few distinct rasters are generated and copied under many names (generating one takes a second, copying
 * nothing). Made once per build under target/it-data and reused by every test that needs it.
 */
public final class TestRasters {
  public static final int COUNT = 80;
  private static final int SIZE = 2000;
  private static final int DISTINCT = 4;
  private static final double CELL_METRES = 30;
  private static final String COMPLETE = "_complete"; // '_' names are bookkeeping: inventory does not list it

  private TestRasters() {}

  /** {@value #COUNT} GeoTIFFs dem_0000.tif..., {@value #SIZE}x{@value #SIZE} cells, EPSG:32633. */
  public static synchronized Path standardSet() {
    Path folder = ItEnvironment.target().resolve("it-data").resolve("rasters-" + COUNT + "x" + SIZE);
    if (Files.exists(folder.resolve(COMPLETE))) {
      return folder;
    }
    try {
      Path originals = Files.createDirectories(folder.resolveSibling(folder.getFileName() + "-originals"));
      Files.createDirectories(folder);
      for (int i = 0; i < DISTINCT; i++) {
        write(originals.resolve("dem-" + i + ".tif").toFile(), i);
      }
      for (int i = 0; i < COUNT; i++) {
        Files.copy(originals.resolve("dem-" + (i % DISTINCT) + ".tif"),
            folder.resolve(String.format("dem_%04d.tif", i)), StandardCopyOption.REPLACE_EXISTING);
      }
      Files.writeString(folder.resolve(COMPLETE), COUNT + " rasters of " + SIZE + "x" + SIZE + "\n");
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Zeros with a sparse grid of random values: every original has its own value range. */
  private static void write(File file, int seed) throws IOException {
    Random random = new Random(seed);
    float[][] cells = new float[SIZE][SIZE];
    for (int row = 0; row < SIZE; row += 97) {
      for (int column = 0; column < SIZE; column += 89) {
        cells[row][column] = random.nextFloat() * 1000;
      }
    }
    GridCoverage2D coverage = new GridCoverageFactory().create(file.getName(), cells, bounds(seed));
    GeoTiffWriter writer = new GeoTiffWriter(file);
    try {
      writer.write(coverage, new GeneralParameterValue[] {deflateTiled()});
    } finally {
      writer.dispose();
      coverage.dispose(true);
    }
  }

  private static ReferencedEnvelope bounds(int seed) {
    double west = 400_000 + seed * SIZE * CELL_METRES;
    double south = 5_500_000;
    try {
      return new ReferencedEnvelope(west, west + SIZE * CELL_METRES, south, south + SIZE * CELL_METRES,
          CRS.decode("EPSG:32633"));
    } catch (FactoryException e) {
      throw new IllegalStateException("EPSG:32633 is in GeoTools' embedded EPSG database", e);
    }
  }

  private static ParameterValue<GeoToolsWriteParams> deflateTiled() {
    GeoTiffWriteParams params = new GeoTiffWriteParams();
    params.setCompressionMode(GeoTiffWriteParams.MODE_EXPLICIT);
    params.setCompressionType("Deflate");
    params.setTilingMode(GeoTiffWriteParams.MODE_EXPLICIT);
    params.setTiling(512, 512);
    ParameterValue<GeoToolsWriteParams> value = AbstractGridFormat.GEOTOOLS_WRITE_PARAMS.createValue();
    value.setValue(params);
    return value;
  }
}
