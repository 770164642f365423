package io.geomill.proximity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Small CSV layers (WKT, EPSG:32618 metres, no .prj: read them with --assume-crs EPSG:32618) holding what the
 * issue lists as bad input. At 1 m: p1 is in the square (weight 2), p2 in the bow-tie (3), p3 in the polygon
 * without weight (0), p4 in the polygon without type (left out); p5 has no geometry, p7 an empty one.
 */
public final class DefectiveLayers {
  public static final List<String> POLYGONS = List.of("wkt;kind;w",
      "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0));A;2",
      "POLYGON ((100 0, 110 10, 110 0, 100 10, 100 0));A;3", // self-intersecting: ST_MakeValid makes 2 triangles
      "POLYGON ((200 0, 210 0, 210 10, 200 10, 200 0));A;", // no weight: counts, weighs 0
      "POLYGON ((300 0, 310 0, 310 10, 300 10, 300 0));;5", // no type: left out
      "POLYGON EMPTY;A;7", // empty: left out
      ";A;9"); // no geometry: left out
  public static final List<String> POINTS = List.of("id;wkt", "p1;POINT (5 5)", "p2;POINT (101 5)",
      "p3;POINT (205 5)", "p4;POINT (305 5)", "p5;", "p6;POINT (5000 5000)", "p7;POINT EMPTY");

  private DefectiveLayers() {}

  /** Writes {@code folder/points.csv} and {@code folder/polygons.csv}. */
  public static void write(Path folder) throws IOException {
    Files.write(folder.resolve("points.csv"), POINTS);
    Files.write(folder.resolve("polygons.csv"), POLYGONS);
  }
}
