package io.geomill.raster;

import java.io.Serializable;

/**
 * What a raster job did with one input (the item's result in the report; the output files are its outputs).
 *
 * @param width      columns
 * @param height     rows
 * @param tiles      how many tiles (Spark tasks) it was computed in
 * @param validCells cells with a value (not nodata) in the input band
 * @param crs        the CRS the outputs carry ("EPSG:n" or its name)
 */
public record RasterSummary(int width, int height, int tiles, long validCells, String crs) implements Serializable {}
