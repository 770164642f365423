package io.geomill.proximity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * {@link PolygonDistance} answers as JTS's {@code Geometry.isWithinDistance}: random star-shaped polygons with
 * and without holes, multipolygons, in UTM-sized coordinates, against points anywhere around them, on their
 * vertices and edges, in their holes, and at distances drawn around the point's exact JTS distance (the
 * distance itself and its neighbouring doubles, where the fast test must hand over to JTS).
 */
class PolygonDistanceTest {
  private static final GeometryFactory FACTORY = new GeometryFactory();

  @Property(tries = 300)
  void answersAsJtsIsWithinDistance(@ForAll long seed) {
    Random random = new Random(seed);
    Geometry polygon = randomPolygonal(random);
    PolygonDistance test = PolygonDistance.of(polygon);
    assertThat(test).isNotNull();
    for (Point point : points(random, polygon)) {
      double exact = polygon.distance(point);
      double[] distances = {0, exact, Math.nextUp(exact), Math.nextDown(Math.max(exact, Double.MIN_VALUE)),
          exact * (1 + 1e-12), exact * (1 - 1e-12), exact + 1e-7, exact - 1e-7, random.nextDouble() * 500,
          random.nextDouble() * 50};
      for (double d : distances) {
        if (d < 0) {
          continue;
        }
        assertThat(test.isWithinDistance(point, d)).as("%s within %s of %s", point, d, polygon)
            .isEqualTo(polygon.isWithinDistance(point, d));
      }
    }
  }

  @Test
  void theSegmentDistanceIsJtssUpToTheSquareRoot() {
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      Coordinate p = new Coordinate(500_000 + random.nextGaussian() * 300, 4_500_000 + random.nextGaussian() * 300);
      Coordinate a = new Coordinate(500_000 + random.nextGaussian() * 300, 4_500_000 + random.nextGaussian() * 300);
      Coordinate b = i % 50 == 0 ? a.copy()
          : new Coordinate(500_000 + random.nextGaussian() * 300, 4_500_000 + random.nextGaussian() * 300);
      double jts = org.locationtech.jts.algorithm.Distance.pointToSegment(p, a, b);
      assertThat(PolygonDistance.pointToSegment(p.x, p.y, a.x, a.y, b.x, b.y))
          .isCloseTo(jts, org.assertj.core.data.Offset.offset(Math.ulp(jts) * 4));
    }
  }

  @Test
  void otherGeometriesAreLeftToJts() {
    assertThat(PolygonDistance.of(FACTORY.createPoint(new Coordinate(1, 2)))).isNull();
    assertThat(PolygonDistance.of(FACTORY.createLineString(new Coordinate[] {new Coordinate(0, 0),
        new Coordinate(1, 1)}))).isNull();
    assertThat(PolygonDistance.of(FACTORY.createPolygon())).isNull();
  }

  /** A star-shaped polygon, one with a hole, or a multipolygon of two apart, near (500 km, 4,500 km). */
  private static Geometry randomPolygonal(Random random) {
    double cx = 500_000 + random.nextDouble() * 1000;
    double cy = 4_500_000 + random.nextDouble() * 1000;
    return switch (random.nextInt(3)) {
      case 0 -> star(random, cx, cy, 100, 300, null);
      case 1 -> star(random, cx, cy, 200, 400, star(random, cx, cy, 50, 150, null).getExteriorRing());
      default -> FACTORY.createMultiPolygon(new Polygon[] {star(random, cx, cy, 50, 200, null),
          star(random, cx + 1000, cy + random.nextDouble() * 300, 50, 200, null)});
    };
  }

  /** Vertices at random radii between {@code inner} and {@code outer}, at increasing angles. */
  private static Polygon star(Random random, double cx, double cy, double inner, double outer, LinearRing hole) {
    int n = 3 + random.nextInt(40);
    Coordinate[] ring = new Coordinate[n + 1];
    for (int i = 0; i < n; i++) {
      double angle = 2 * Math.PI * i / n;
      double radius = inner + random.nextDouble() * (outer - inner);
      ring[i] = new Coordinate(cx + radius * Math.cos(angle), cy + radius * Math.sin(angle));
    }
    ring[n] = ring[0].copy();
    LinearRing shell = FACTORY.createLinearRing(ring);
    return FACTORY.createPolygon(shell, hole == null ? null : new LinearRing[] {hole});
  }

  /** Points around the geometry, on its vertices and on its edges' midpoints, and at its centre (in a hole). */
  private static List<Point> points(Random random, Geometry polygon) {
    List<Point> points = new ArrayList<>();
    Coordinate centre = polygon.getEnvelopeInternal().centre();
    points.add(FACTORY.createPoint(centre));
    Coordinate[] vertices = polygon.getCoordinates();
    for (int i = 0; i < 10; i++) {
      points.add(FACTORY.createPoint(new Coordinate(centre.x + (random.nextDouble() - 0.5) * 2500,
          centre.y + (random.nextDouble() - 0.5) * 2500)));
      int v = random.nextInt(vertices.length - 1);
      points.add(FACTORY.createPoint(vertices[v].copy()));
      points.add(FACTORY.createPoint(new Coordinate((vertices[v].x + vertices[v + 1].x) / 2,
          (vertices[v].y + vertices[v + 1].y) / 2)));
    }
    return points;
  }
}
