package io.geomill.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.geometry.jts.JTS;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

/** Reprojection's own transform of a point against {@code JTS.transform}, which it stands in for there. */
class ReprojectionTest {
  private static final GeometryFactory GEOMETRIES = new GeometryFactory();

  @Test
  void pointsComeOutAsJtsTransformMakesThem() throws Exception {
    LayerCrs lonLat = LayerCrs.parse("EPSG:4326");
    LayerCrs utm = LayerCrs.parse("EPSG:32618");
    Reprojection reprojection = Reprojection.between(lonLat, utm);
    MathTransform transform = CRS.findMathTransform(lonLat.toGeoTools(), utm.toGeoTools(), true);
    Random random = new Random(7);
    for (int i = 0; i < 2000; i++) {
      double x = -80 + 10 * random.nextDouble();
      double y = -60 + 140 * random.nextDouble();
      Point point = i % 2 == 0 ? GEOMETRIES.createPoint(new Coordinate(x, y))
          : GEOMETRIES.createPoint(new Coordinate(x, y, 100 * random.nextDouble()));
      point.setUserData("row " + i);
      Geometry expected = JTS.transform(point, transform);
      Geometry actual = reprojection.call(point);
      assertThat(actual.equalsExact(expected)).as("%s", point).isTrue();
      assertThat(Double.compare(actual.getCoordinate().getZ(), expected.getCoordinate().getZ())).as("z of %s", point)
          .isZero();
      assertThat(actual.getSRID()).isEqualTo(32618);
      assertThat(actual.getUserData()).isEqualTo("row " + i);
    }
    assertThat(reprojection.call(GEOMETRIES.createPoint()).isEmpty()).isTrue();
    assertThat(reprojection.call(null)).isNull();
  }
}
