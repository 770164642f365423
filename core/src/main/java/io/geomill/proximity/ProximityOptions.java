package io.geomill.proximity;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * What to summarise: for every point and every polygon type, the polygons within {@code distance}.
 *
 * @param distance    the search distance, >= 0, in {@code unit}
 * @param unit        the unit of {@code distance} (the working CRS's own unit is converted to it)
 * @param typeField   the polygons' type attribute; null: one class, named {@value #ALL_TYPES}
 * @param weightField the polygons' numeric weight attribute; null: weight 1 (sum = count)
 * @param types       the types to report, in order; null: every type present in the polygons
 * @param crs         the working CRS ("EPSG:n" or WKT) the distances are measured in; null: chosen (see
 *                    {@link WorkingCrs#choose})
 * @param layout      one row per point with a pair of columns per type, or one row per (point, type) pair
 * @param idField     the points' attribute identifying them in the long layout; null: the 0-based row number
 * @param join        how the points meet the polygons; null: {@link JoinStrategy#AUTO}
 */
public record ProximityOptions(double distance, DistanceUnit unit, String typeField, String weightField,
    List<String> types, String crs, Layout layout, String idField, JoinStrategy join) implements Serializable {
  public static final String ALL_TYPES = "all";

  public enum Layout {
    WIDE, LONG;

    public static Layout parse(String text) {
      try {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown layout \"" + text + "\"; use wide or long", e);
      }
    }
  }

  public ProximityOptions {
    if (!(distance >= 0) || Double.isInfinite(distance)) {
      throw new IllegalArgumentException("the distance must be a number >= 0, was " + distance);
    }
    types = types == null ? null : List.copyOf(types);
    join = join == null ? JoinStrategy.AUTO : join;
  }

  /** With the join strategy chosen from the polygons' size. */
  public ProximityOptions(double distance, DistanceUnit unit, String typeField, String weightField,
      List<String> types, String crs, Layout layout, String idField) {
    this(distance, unit, typeField, weightField, types, crs, layout, idField, JoinStrategy.AUTO);
  }

  public double distanceMetres() {
    return distance * unit.metres;
  }
}
