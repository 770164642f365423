package io.geomill.raster;

/**
 * A raster's nodata value as each sample type compares it, in the stored type as GDAL does: a Float32 cell
 * against the value as a float, a Float64 one as a double, an integer one against the value when it is an
 * integer the type can hold (an integer raster's nodata that is no integer matches no cell). No value (null)
 * matches nothing; NaN cells stay NaN anyway.
 */
final class NodataValue {
  final float asFloat;
  final double asDouble;
  final boolean matchesIntegers;
  final long asInteger;

  NodataValue(Double nodata) {
    this.asFloat = nodata == null ? Float.NaN : nodata.floatValue();
    this.asDouble = nodata == null ? Double.NaN : nodata;
    this.matchesIntegers = nodata != null && nodata == Math.rint(nodata) && Math.abs(nodata) <= Integer.MAX_VALUE;
    this.asInteger = matchesIntegers ? nodata.longValue() : 0;
  }

  float of(float v) {
    return v == asFloat ? Float.NaN : v;
  }

  float of(double v) {
    return v == asDouble ? Float.NaN : (float) v;
  }

  float of(int v) {
    return matchesIntegers && v == asInteger ? Float.NaN : v;
  }
}
