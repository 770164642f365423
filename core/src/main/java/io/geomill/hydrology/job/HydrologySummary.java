package io.geomill.hydrology.job;

import java.io.Serializable;

/**
 * What the hydrology job did with one input (the item's result in the report).
 *
 * @param width      columns
 * @param height     rows
 * @param tiles      tiles it was computed in (1: whole, in one task, with the untiled kernels)
 * @param validCells cells with a value in the input
 * @param crs        the CRS the outputs carry
 * @param rounds     relaxation rounds across tiles (the epsilon fill's plus the flat distances'); 0 when untiled
 * @param codes      the flow-direction codes written or read (ESRI, TAUDEM), empty when none were
 */
public record HydrologySummary(int width, int height, int tiles, long validCells, String crs, int rounds,
    String codes) implements Serializable {}
