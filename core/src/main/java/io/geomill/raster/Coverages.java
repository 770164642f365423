package io.geomill.raster;

import it.geosolutions.jaiext.range.NoDataContainer;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.util.CoverageUtilities;

/** Facts about GeoTools coverages that GeoTools spreads over several places. */
public final class Coverages {
  private Coverages() {}

  /** The nodata value: the coverage's NoData property, else its first band's nodata category; null if none. */
  public static Double nodata(GridCoverage2D coverage) {
    NoDataContainer container = CoverageUtilities.getNoDataProperty(coverage);
    if (container != null) {
      return container.getAsSingleValue();
    }
    double[] values = coverage.getSampleDimension(0).getNoDataValues();
    return values != null && values.length > 0 ? values[0] : null;
  }
}
