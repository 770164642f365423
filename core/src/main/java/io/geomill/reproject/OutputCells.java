package io.geomill.reproject;

import io.geomill.raster.BlockEncoder;
import io.geomill.raster.RasterDataType;
import java.lang.reflect.Array;
import java.util.Arrays;

/**
 * A target tile's cells in the output's sample type, as gdalwarp stores a computed value
 * (GWKSetPixelValueReal): Float32 rounded to the nearest float, Float64 as is, integers clamped to the type's
 * range and rounded half up.
 */
final class OutputCells {
  private final RasterDataType type;
  private final Object values;

  OutputCells(RasterDataType type, int cells, double nodata) {
    this(type, cells, nodata, null);
  }

  /**
   * Into {@code reuse} (the {@link #values} of cells before) when it is an array of this type with room for
   * {@code cells} (those past them are left as they are, and the encoder ignores them).
   */
  OutputCells(RasterDataType type, int cells, double nodata, Object reuse) {
    this.type = type;
    this.values = reuse != null && reuse.getClass() == BlockEncoder.arrayClass(type)
        && Array.getLength(reuse) >= cells ? reuse : switch (type) {
          case BYTE -> new byte[cells];
          case INT16, UINT16 -> new short[cells];
          case INT32 -> new int[cells];
          case FLOAT32 -> new float[cells];
          case FLOAT64 -> new double[cells];
        };
    fill(cells, nodata);
  }

  private void fill(int cells, double nodata) {
    switch (type) {
      case BYTE -> Arrays.fill((byte[]) values, 0, cells, (byte) nodata);
      case INT16, UINT16 -> Arrays.fill((short[]) values, 0, cells, (short) (long) nodata);
      case INT32 -> Arrays.fill((int[]) values, 0, cells, (int) (long) nodata);
      case FLOAT32 -> Arrays.fill((float[]) values, 0, cells, (float) nodata);
      case FLOAT64 -> Arrays.fill((double[]) values, 0, cells, nodata);
    }
  }

  private void set(int cell, double value) {
    switch (type) {
      case FLOAT32 -> ((float[]) values)[cell] = (float) value;
      case FLOAT64 -> ((double[]) values)[cell] = value;
      case BYTE -> ((byte[]) values)[cell] = (byte) rounded(value);
      case INT16, UINT16 -> ((short[]) values)[cell] = (short) rounded(value);
      case INT32 -> ((int[]) values)[cell] = (int) rounded(value);
    }
  }

  /** Cells {@code offset .. offset + count - 1} from {@code row}, where it holds a value (NaN: left as nodata). */
  void setRow(int offset, double[] row, int count) {
    if (type == RasterDataType.FLOAT32) {
      float[] floats = (float[]) values;
      for (int i = 0; i < count; i++) {
        double value = row[i];
        if (!Double.isNaN(value)) {
          floats[offset + i] = (float) value;
        }
      }
      return;
    }
    for (int i = 0; i < count; i++) {
      if (!Double.isNaN(row[i])) {
        set(offset + i, row[i]);
      }
    }
  }

  private long rounded(double value) {
    if (value < type.minValue()) {
      return (long) type.minValue();
    }
    if (value > type.maxValue()) {
      return (long) type.maxValue();
    }
    return (long) Math.floor(value + 0.5);
  }

  /** The array {@link io.geomill.raster.BlockEncoder} takes (perhaps longer than the tile's cells). */
  Object values() {
    return values;
  }
}
