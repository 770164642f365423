package io.geomill.proximity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.geomill.vector.LayerCrs;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

/** The working CRS for projected data: its own when it measures well over the polygons, else UTM. */
class WorkingCrsTest {
  /** The NYC landmarks' extent, longitude/latitude. */
  private static final Envelope NYC = new Envelope(-74.231336, -73.709374, 40.505724, 40.915187);

  @Test
  void aUtmLayerIsMeasuredInItsOwnCrsWithItsScaleError() {
    WorkingCrs crs = WorkingCrs.choose(LayerCrs.parse("EPSG:32618"), NYC);

    assertThat(crs.crs().epsg()).isEqualTo(32618);
    assertThat(crs.reason()).isEqualTo("the polygons' own projected CRS");
    // UTM 18N's central meridian is -75: the scale factor over NYC is 0.9996 to about 1.0000.
    assertThat(crs.maxRelativeError()).isBetween(1e-5, 4.5e-4);
  }

  @Test
  void aWebMercatorLayerIsMeasuredInItsUtmZoneAndSaysWhy() {
    WorkingCrs crs = WorkingCrs.choose(LayerCrs.parse("EPSG:3857"), NYC);

    assertThat(crs.crs().epsg()).isEqualTo(32618);
    assertThat(crs.describe()).contains("UTM zone 18N, the polygons' zone; their own EPSG:3857 measures distances"
        + " up to 32.");
  }

  @Test
  void theMeasuredErrorOfWebMercatorIsItsScaleOneOverCosLatitude() {
    double error = WorkingCrs.measuredError(LayerCrs.parse("EPSG:3857"), NYC);

    // Web Mercator is spherical: on the ellipsoid, the scale is 1 / cos(lat) give or take 0.7 %.
    assertThat(error).isCloseTo(1 / Math.cos(Math.toRadians(40.915187)) - 1, within(0.007));
  }
}
