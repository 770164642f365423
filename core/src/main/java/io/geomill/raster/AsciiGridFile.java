package io.geomill.raster;

import java.awt.geom.AffineTransform;
import java.awt.image.RenderedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.geotools.api.coverage.grid.GridEnvelope;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.crs.GeographicCRS;
import org.geotools.api.referencing.datum.PixelInCell;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.gce.arcgrid.ArcGridReader;
import org.geotools.referencing.CRS;
import org.geotools.util.factory.Hints;

/**
 * An Esri ASCII grid through GeoTools' ArcGridReader, its CRS from the {@code .prj} beside it. GeoTools reads
 * the values as doubles. Text has no random access, so the grid is parsed once, whole, when the first window is
 * read: ASCII grids are for small rasters.
 */
final class AsciiGridFile {
  private AsciiGridFile() {}

  /** @param prj the {@code .prj} sidecar, or null when there is none */
  static RasterFile open(File file, File prj, String name) throws IOException {
    if (!file.isFile()) {
      throw new RasterException(name + ": no such file");
    }
    CoordinateReferenceSystem crs = null;
    if (prj != null) {
      String wkt = Files.readString(prj.toPath(), StandardCharsets.ISO_8859_1).strip();
      try {
        crs = CRS.parseWKT(wkt);
      } catch (Exception e) {
        throw new RasterException(name + ": unreadable CRS in " + prj.getName() + ": " + e.getMessage(), e);
      }
    }
    ArcGridReader reader = null;
    try {
      reader = crs == null ? new ArcGridReader(file)
          : new ArcGridReader(file, new Hints(Hints.DEFAULT_COORDINATE_REFERENCE_SYSTEM, crs));
      GridCoverage2D coverage = reader.read(null);
      RenderedImage image = coverage.getRenderedImage();
      GridEnvelope grid = reader.getOriginalGridRange();
      AffineTransform corners = (AffineTransform) reader.getOriginalGridToWorld(PixelInCell.CELL_CORNER);
      RasterInfo info = new RasterInfo(name, RasterFormat.ASCII_GRID, grid.getSpan(0), grid.getSpan(1),
          image.getSampleModel().getNumBands(), RasterDataType.FLOAT64, GeoTransform.ofCornerTransform(corners),
          crs == null ? null : RasterCrs.of(crs), crs instanceof GeographicCRS, Coverages.nodata(coverage),
          image.getWidth(), image.getTileHeight());
      ArcGridReader owner = reader;
      RasterFile opened = new CoverageRaster(info, crs == null ? "(.prj missing)" : null, coverage, () -> {
        coverage.dispose(true);
        owner.dispose();
      });
      reader = null;
      return opened;
    } catch (RasterException e) {
      throw e;
    } catch (Exception e) {
      throw new RasterException(name + ": cannot read the Esri ASCII grid", e);
    } finally {
      if (reader != null) {
        reader.dispose();
      }
    }
  }
}
