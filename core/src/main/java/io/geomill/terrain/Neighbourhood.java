package io.geomill.terrain;

/**
 * The products of the 3x3 window's elevations alone (gdaldem TRI, TPI, roughness), in elevation units, with
 * gdaldem 3.6.2's float arithmetic in its order. Window cells are numbered 0-8 row by row, 4 the centre.
 */
final class Neighbourhood {
  static final float NODATA = -9999f;

  private Neighbourhood() {}

  static WindowProduct of(TerrainProduct product, TerrainOptions options) {
    return switch (product) {
      case TRI -> options.tri() == TerrainOptions.TriAlgorithm.RILEY ? Neighbourhood::triRiley
          : Neighbourhood::triWilson;
      case TPI -> Neighbourhood::tpi;
      case ROUGHNESS -> Neighbourhood::roughness;
      default -> throw new IllegalArgumentException(product + " is not a product of the window's elevations");
    };
  }

  /** Riley et al. (1999): the square root of the sum of the squared differences to the centre. */
  static float triRiley(float[] v, int k, int s) {
    float centre = v[k];
    double d0 = v[k - s - 1] - centre;
    double d1 = v[k - s] - centre;
    double d2 = v[k - s + 1] - centre;
    double d3 = v[k - 1] - centre;
    double d5 = v[k + 1] - centre;
    double d6 = v[k + s - 1] - centre;
    double d7 = v[k + s] - centre;
    double d8 = v[k + s + 1] - centre;
    return (float) Math.sqrt(d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3 + d5 * d5 + d6 * d6 + d7 * d7 + d8 * d8);
  }

  /** Wilson et al. (2007): the mean absolute difference to the centre. */
  static float triWilson(float[] v, int k, int s) {
    float centre = v[k];
    return (Math.abs(v[k - s - 1] - centre) + Math.abs(v[k - s] - centre) + Math.abs(v[k - s + 1] - centre)
        + Math.abs(v[k - 1] - centre) + Math.abs(v[k + 1] - centre) + Math.abs(v[k + s - 1] - centre)
        + Math.abs(v[k + s] - centre) + Math.abs(v[k + s + 1] - centre)) * 0.125f;
  }

  /** Weiss (2001): the centre minus the mean of its 8 neighbours. */
  static float tpi(float[] v, int k, int s) {
    return v[k] - ((v[k - s - 1] + v[k - s] + v[k - s + 1] + v[k - 1] + v[k + 1] + v[k + s - 1] + v[k + s]
        + v[k + s + 1]) * 0.125f);
  }

  /** Dartnell (2000): the largest difference between two cells of the window (NaN cells fail the comparisons). */
  static float roughness(float[] v, int k, int s) {
    float first = v[k - s - 1];
    float min = first;
    float max = first;
    for (int row = -s; row <= s; row += s) {
      for (int col = -1; col <= 1; col++) {
        float value = v[k + row + col];
        if (value > max) {
          max = value;
        }
        if (value < min) {
          min = value;
        }
      }
    }
    return max - min;
  }
}
