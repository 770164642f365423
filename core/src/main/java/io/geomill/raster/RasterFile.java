package io.geomill.raster;

import io.geomill.fs.HadoopFs;
import io.geomill.fs.LocalFiles;
import java.awt.Rectangle;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.geotools.coverage.grid.GridCoverage2D;

/**
 * One raster file open for reading windows of it: a GeoTIFF (any Hadoop path, read through positioned reads, so
 * a window costs only the tiles or strips it touches) or an Esri ASCII grid with its {@code .prj} (text, so read
 * whole: meant for small grids). Not thread-safe: one per task.
 *
 * <pre>{@code
 * try (RasterFile dem = RasterFile.open(uri, "dem.tif", context, conf)) {
 *   RasterInfo info = dem.require(RasterReadOptions.DEFAULTS);     // one band, has a CRS
 *   HaloTile tile = dem.read(1, 2048, 0, 2048, 2048, 1);           // a window and a 1-cell halo, nodata as NaN
 * }
 * }</pre>
 */
public abstract class RasterFile implements AutoCloseable {
  protected final RasterInfo info;

  /** Why the file has no CRS (for the error message), or null when it has one. */
  protected final String missingCrs;

  protected RasterFile(RasterInfo info, String missingCrs) {
    this.info = info;
    this.missingCrs = missingCrs;
  }

  /**
   * Opens a raster at any Hadoop URI or local path.
   *
   * @param name       how messages name the file (the input's relative path)
   * @param localFiles gives local copies of remote files the readers cannot stream (ASCII grids and their .prj)
   * @throws RasterException when the file is not a raster GeoMill reads, or is truncated or corrupt
   */
  public static RasterFile open(String uri, String name, LocalFiles localFiles, Configuration conf)
      throws IOException {
    Path path = HadoopFs.path(uri);
    RasterFormat format = RasterFormat.ofName(path.getName());
    if (format == null) {
      throw new RasterException(name + ": not a raster GeoMill reads (a .tif, .tiff or .asc file)");
    }
    if (format == RasterFormat.ASCII_GRID) {
      return AsciiGridFile.open(localFiles.local(uri), sidecarPrj(uri, localFiles, conf), name);
    }
    if (HadoopFs.isLocal(path)) {
      return GeoTiffFile.open(HadoopFs.localFile(path), name);
    }
    FileSystem fs = HadoopFs.fileSystem(path, conf);
    FileStatus status = fs.getFileStatus(path);
    return GeoTiffFile.open(new HadoopImageInputStream(fs.open(path), status.getLen()), name,
        GeoTiffFile.identity(status.getPath().toString(), status.getLen(), status.getModificationTime()));
  }

  /** Opens a local raster file; messages name it by its file name. */
  public static RasterFile open(File file) throws IOException {
    return open(file.getAbsolutePath(), file.getName(), uri -> HadoopFs.localFile(HadoopFs.path(uri)),
        new Configuration(false));
  }

  /**
   * A raster already decoded into a GeoTools coverage, such as a Sedona raster column's value in a Spark SQL
   * function: windows, halos and nodata exactly as from a file. Closing it leaves the coverage alone.
   *
   * @param name how messages name the raster
   */
  public static RasterFile of(GridCoverage2D coverage, String name) throws RasterException {
    return CoverageRaster.describe(coverage, name);
  }

  private static File sidecarPrj(String uri, LocalFiles localFiles, Configuration conf) throws IOException {
    Path path = HadoopFs.path(uri);
    String name = path.getName();
    Path prj = new Path(path.getParent(), name.substring(0, name.lastIndexOf('.')) + ".prj");
    return HadoopFs.fileSystem(prj, conf).exists(prj) ? localFiles.local(prj.toString()) : null;
  }

  public RasterInfo info() {
    return info;
  }

  /**
   * Checks that the raster suits a job reading one band: the band exists (with band 0, the raster has just
   * one), and it has a CRS or the options give one. Returns the raster's info with the CRS the job works in.
   */
  public RasterInfo require(RasterReadOptions options) throws RasterException {
    if (options.band() == 0 && info.bandCount() > 1) {
      throw new RasterException(info.name() + ": has " + info.bandCount() + " bands (an RGB or multi-band image?),"
          + " but a single-band raster such as a DEM is expected; choose one with the band option");
    }
    if (options.band() > info.bandCount()) {
      throw new RasterException(info.name() + ": has no band " + options.band() + ", only " + info.bandCount());
    }
    if (info.crs() != null) {
      return info;
    }
    if (options.assumeCrs() == null) {
      throw new RasterException(info.name() + ": has no CRS " + missingCrs + "; give the CRS to assume for it");
    }
    return info.withCrs(options.assumeCrs());
  }

  /**
   * Reads columns [col0, col0 + width) and rows [row0, row0 + height) of band {@code band} (from 1) with
   * {@code halo} cells around them, as floats: nodata and the halo cells outside the raster become NaN.
   * Only the storage blocks the window and its halo touch are read.
   */
  public HaloTile read(int band, int col0, int row0, int width, int height, int halo) throws RasterException {
    return read(band, col0, row0, width, height, halo, null);
  }

  /**
   * {@link #read(int, int, int, int, int, int)} into {@code reuse} when it holds at least the window's cells
   * (those past them are left as they are), else into a new array: for a task that reads one window after
   * another and would otherwise leave the garbage collector tens of megabytes a window to copy.
   */
  public HaloTile read(int band, int col0, int row0, int width, int height, int halo, float[] reuse)
      throws RasterException {
    if (band < 1 || band > info.bandCount()) {
      throw new IllegalArgumentException("band " + band + " of a raster with " + info.bandCount() + " band(s)");
    }
    if (width < 1 || height < 1 || halo < 0 || col0 < 0 || row0 < 0 || col0 + width > info.width()
        || row0 + height > info.height()) {
      throw new IllegalArgumentException("window " + width + "x" + height + " at (" + col0 + ", " + row0
          + ") with halo " + halo + " is not inside the " + info.width() + "x" + info.height() + " raster");
    }
    int stride = width + 2 * halo;
    int cells = stride * (height + 2 * halo);
    float[] values = reuse != null && reuse.length >= cells ? reuse : new float[cells];
    Rectangle wanted = new Rectangle(col0 - halo, row0 - halo, stride, height + 2 * halo);
    Rectangle region = wanted.intersection(new Rectangle(0, 0, info.width(), info.height()));
    fillOutside(values, cells, stride, region.x - wanted.x, region.y - wanted.y, region.width, region.height);
    int offset = (region.y - wanted.y) * stride + (region.x - wanted.x);
    Raster raster;
    try {
      if (readFloats(region, band, values, offset, stride)) {
        return new HaloTile(col0, row0, width, height, halo, info.width(), info.height(), values);
      }
      raster = readRegion(region);
    } catch (IOException | RuntimeException e) {
      throw new RasterException(info.name() + ": cannot read columns " + region.x + "-" + (region.x + region.width
          - 1) + ", rows " + region.y + "-" + (region.y + region.height - 1) + ": the file is truncated or corrupt",
          e);
    }
    SampleRow row = SampleRow.of(raster, info.nodata(), region.width);
    for (int y = 0; y < region.height; y++) {
      row.copy(raster, raster.getMinX(), raster.getMinY() + y, band - 1, values, offset + y * stride);
    }
    return new HaloTile(col0, row0, width, height, halo, info.width(), info.height(), values);
  }

  /**
   * NaN in the cells of a window ({@code stride} cells a row) outside the part of it inside the raster, the
   * {@code width x height} cells from column {@code left}, row {@code top}: the read fills only that part. The
   * window is the first {@code cells} of {@code values} (a reused array may be longer).
   */
  private static void fillOutside(float[] values, int cells, int stride, int left, int top, int width,
      int height) {
    int bottom = top + height;
    Arrays.fill(values, 0, top * stride, Float.NaN);
    Arrays.fill(values, bottom * stride, cells, Float.NaN);
    int right = left + width;
    if (left > 0 || right < stride) {
      for (int y = top; y < bottom; y++) {
        Arrays.fill(values, y * stride, y * stride + left, Float.NaN);
        Arrays.fill(values, y * stride + right, (y + 1) * stride, Float.NaN);
      }
    }
  }

  /**
   * Decodes band {@code band} of {@code region} (inside the raster) straight into {@code values} as floats,
   * nodata as NaN, region row y at {@code offset + y * stride}; false when this raster cannot, and
   * {@link #readRegion} gives the cells instead.
   */
  protected boolean readFloats(Rectangle region, int band, float[] values, int offset, int stride)
      throws IOException {
    return false;
  }

  /** The cells of {@code region} (inside the raster), all bands, in the stored sample type. */
  protected abstract Raster readRegion(Rectangle region) throws IOException;

  @Override
  public abstract void close() throws IOException;

  /** One row of samples to floats, nodata to NaN, compared in the stored type (see {@link NodataValue}). */
  private abstract static class SampleRow {
    static SampleRow of(Raster raster, Double nodata, int width) {
      int bufferType = raster.getDataBuffer().getDataType();
      NodataValue value = new NodataValue(nodata);
      if (bufferType == DataBuffer.TYPE_FLOAT) {
        return new FloatRow(width, value);
      }
      if (bufferType == DataBuffer.TYPE_DOUBLE) {
        return new DoubleRow(width, value);
      }
      return new IntRow(width, value);
    }

    abstract void copy(Raster raster, int x, int y, int band, float[] into, int offset);
  }

  private static final class FloatRow extends SampleRow {
    private final float[] row;
    private final NodataValue nodata;

    FloatRow(int width, NodataValue nodata) {
      this.row = new float[width];
      this.nodata = nodata;
    }

    @Override
    void copy(Raster raster, int x, int y, int band, float[] into, int offset) {
      raster.getSamples(x, y, row.length, 1, band, row);
      for (int i = 0; i < row.length; i++) {
        into[offset + i] = nodata.of(row[i]);
      }
    }
  }

  private static final class DoubleRow extends SampleRow {
    private final double[] row;
    private final NodataValue nodata;

    DoubleRow(int width, NodataValue nodata) {
      this.row = new double[width];
      this.nodata = nodata;
    }

    @Override
    void copy(Raster raster, int x, int y, int band, float[] into, int offset) {
      raster.getSamples(x, y, row.length, 1, band, row);
      for (int i = 0; i < row.length; i++) {
        into[offset + i] = nodata.of(row[i]);
      }
    }
  }

  private static final class IntRow extends SampleRow {
    private final int[] row;
    private final NodataValue nodata;

    IntRow(int width, NodataValue nodata) {
      this.row = new int[width];
      this.nodata = nodata;
    }

    @Override
    void copy(Raster raster, int x, int y, int band, float[] into, int offset) {
      raster.getSamples(x, y, row.length, 1, band, row);
      for (int i = 0; i < row.length; i++) {
        into[offset + i] = nodata.of(row[i]);
      }
    }
  }
}
