package io.geomill.raster;

import java.awt.geom.AffineTransform;
import java.io.Serializable;

/**
 * Where a raster's cells lie, in GDAL's order: the map position of the upper-left corner of cell (col, row) is
 * {@code x = originX + col * pixelWidth + row * rotationX}, {@code y = originY + col * rotationY + row *
 * pixelHeight}. A north-up raster has no rotation and a negative {@code pixelHeight}.
 */
public record GeoTransform(double originX, double pixelWidth, double rotationX, double originY, double rotationY,
    double pixelHeight) implements Serializable {

  /** From the transform of a cell's upper-left corner to the map (GeoTools' PixelInCell.CELL_CORNER). */
  public static GeoTransform ofCornerTransform(AffineTransform corner) {
    return new GeoTransform(corner.getTranslateX(), corner.getScaleX(), corner.getShearX(), corner.getTranslateY(),
        corner.getShearY(), corner.getScaleY());
  }

  public AffineTransform toCornerTransform() {
    return new AffineTransform(pixelWidth, rotationY, rotationX, pixelHeight, originX, originY);
  }

  public boolean isRotated() {
    return rotationX != 0 || rotationY != 0;
  }

  /** The width of a cell in the CRS's units (positive). */
  public double cellSizeX() {
    return Math.hypot(pixelWidth, rotationY);
  }

  /** The height of a cell in the CRS's units (positive). */
  public double cellSizeY() {
    return Math.hypot(rotationX, pixelHeight);
  }

  /** The map y of the centre of row {@code row} (for a north-up raster: the latitude of a geographic one). */
  public double rowCentreY(int row) {
    return originY + (row + 0.5) * pixelHeight + 0.5 * rotationY;
  }

  /** As gdalinfo -json lists it. */
  public double[] toArray() {
    return new double[] {originX, pixelWidth, rotationX, originY, rotationY, pixelHeight};
  }
}
