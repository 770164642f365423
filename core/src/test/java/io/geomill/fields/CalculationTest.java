package io.geomill.fields;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.TestSpark;
import io.geomill.spark.GeoMillSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/** A compiled calculation evaluated as an executor evaluates it: several datasets at once, in threads. */
class CalculationTest {
  private static final GeometryFactory GEOMETRIES = new GeometryFactory();

  @Test
  void datasetsEvaluatedAtOnceOnOneExecutorGetTheirOwnValues() throws Exception {
    Calculation calculation = Calculations.compile(GeoMillSpark.withSedona(TestSpark.session()),
        List.of(LayerField.dbf("name", 'C', 10, 0)), FieldEdits.parse(List.of("G:TEXT:20", "A:DOUBLE"),
            List.of("G=ST_GeometryType(geometry) || '/' || name", "A=ST_Area(geometry)"), List.of()), true);
    Geometry point = GEOMETRIES.createPoint(new Coordinate(1, 2));
    Geometry square = GEOMETRIES.toGeometry(new org.locationtech.jts.geom.Envelope(0, 2, 0, 2));
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<String>>> datasets = new ArrayList<>();
      for (int dataset = 0; dataset < 4; dataset++) {
        Geometry shape = dataset % 2 == 0 ? point : square;
        String name = "d" + dataset;
        datasets.add(threads.submit(() -> {
          Calculation.Evaluator evaluator = calculation.evaluator(name, name + ".shp", "file:/" + name + ".shp", name);
          List<String> wrong = new ArrayList<>();
          for (long feature = 1; feature <= 20_000; feature++) {
            evaluator.load(0, name, feature);
            evaluator.loadGeometry(shape);
            evaluator.evaluate(feature);
            String expected = (shape == point ? "ST_Point/" : "ST_Polygon/") + name;
            Object area = evaluator.value(2);
            if (!expected.equals(evaluator.value(1)) || !Double.valueOf(shape.getArea()).equals(area)) {
              wrong.add("feature " + feature + ": " + evaluator.value(1) + ", " + area);
            }
          }
          if (evaluator.problems() != null) {
            wrong.add(evaluator.problems());
          }
          return wrong;
        }));
      }
      for (Future<List<String>> dataset : datasets) {
        assertThat(dataset.get()).isEmpty();
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
