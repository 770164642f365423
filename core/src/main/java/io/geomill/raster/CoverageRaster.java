package io.geomill.raster;

import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import org.geotools.api.metadata.spatial.PixelOrientation;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.crs.EngineeringCRS;
import org.geotools.api.referencing.crs.GeographicCRS;
import org.geotools.coverage.grid.GridCoverage2D;

/**
 * A raster already decoded into a GeoTools coverage: an ASCII grid as ArcGridReader reads it, or a Sedona raster
 * (a GridCoverage2D on the JVM) handed to a Spark SQL function. Windows are cut from its image.
 */
final class CoverageRaster extends RasterFile {
  private final GridCoverage2D coverage;
  private final Runnable release;

  CoverageRaster(RasterInfo info, String missingCrs, GridCoverage2D coverage, Runnable release) {
    super(info, missingCrs);
    this.coverage = coverage;
    this.release = release;
  }

  /** A coverage that came from elsewhere (Sedona): described from its own grid geometry, CRS and nodata. */
  static CoverageRaster describe(GridCoverage2D coverage, String name) throws RasterException {
    RenderedImage image = coverage.getRenderedImage();
    CoordinateReferenceSystem crs = coverage.getCoordinateReferenceSystem2D();
    boolean known = crs != null && !(crs instanceof EngineeringCRS);
    AffineTransform corners = (AffineTransform) coverage.getGridGeometry().getGridToCRS2D(
        PixelOrientation.UPPER_LEFT);
    RasterInfo info = new RasterInfo(name, RasterFormat.COVERAGE, image.getWidth(), image.getHeight(),
        image.getSampleModel().getNumBands(), RasterDataType.ofDataBuffer(image.getSampleModel().getDataType(), name),
        GeoTransform.ofCornerTransform(corners), known ? RasterCrs.of(crs) : null, crs instanceof GeographicCRS,
        Coverages.nodata(coverage), image.getTileWidth(), image.getTileHeight());
    return new CoverageRaster(info, known ? null : "(the raster has none)", coverage, () -> { });
  }

  @Override
  protected Raster readRegion(Rectangle region) {
    RenderedImage image = coverage.getRenderedImage();
    return image.getData(new Rectangle(image.getMinX() + region.x, image.getMinY() + region.y, region.width,
        region.height));
  }

  @Override
  public void close() {
    release.run();
  }
}
