package io.geomill.inventory;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code geomill inventory} reports for one dataset: one flat table row. Absent values are null (a raster
 * has no feature count, a vector no pixel size, a failed file almost nothing).
 *
 * @param path          the primary file's path relative to the input root (the item id)
 * @param uri           the primary file's full URI
 * @param status        {@link #OK}, {@link #NOT_GEODATA}, {@link #FAILED} or another engine status (cancelled)
 * @param error         why describing failed; null unless failed
 * @param kind          {@link #RASTER}, {@link #VECTOR} or {@link #OTHER}
 * @param format        e.g. "GeoTIFF", "ESRI Shapefile"; for files that are not geodata, what they are
 *                      ("plain text", "PNG image")
 * @param files         the names of the dataset's files, primary first, ';'-separated
 * @param sizeBytes     bytes of all the dataset's files together
 * @param crs           "EPSG:n" when an EPSG code is identified, else the CRS name; null when there is none
 * @param crsWkt        the CRS as WKT 1, null when there is none
 * @param width         raster columns
 * @param height        raster rows
 * @param bandCount     raster bands
 * @param pixelSizeX    raster cell width in CRS units (positive)
 * @param pixelSizeY    raster cell height in CRS units (positive)
 * @param dataType      raster sample type, GDAL names (Byte, Int16, UInt16, Int32, Float32, Float64)
 * @param nodata        raster no-data value, null when none is set
 * @param minValue      smallest valid pixel value over all bands (no-data and NaN excluded)
 * @param maxValue      largest valid pixel value over all bands
 * @param featureCount  vector features (records), null geometries included
 * @param geometryTypes geometry types present, e.g. "Polygon,MultiPolygon"
 * @param fieldCount    attribute fields
 * @param fieldNames    attribute field names, ','-separated
 * @param layers        layer names of multi-layer containers (GeoPackage), ','-separated
 * @param minX          bounds in the native CRS
 * @param minY          bounds in the native CRS
 * @param maxX          bounds in the native CRS
 * @param maxY          bounds in the native CRS
 * @param footprintWkt  the bounds as a polygon in EPSG:4326, longitude first; null when the CRS is unknown
 * @param problems      what is wrong but did not prevent describing, "; "-separated; null when nothing
 */
public record FileDescription(
    String path,
    String uri,
    String status,
    String error,
    String kind,
    String format,
    String files,
    long sizeBytes,
    String crs,
    String crsWkt,
    Integer width,
    Integer height,
    Integer bandCount,
    Double pixelSizeX,
    Double pixelSizeY,
    String dataType,
    Double nodata,
    Double minValue,
    Double maxValue,
    Long featureCount,
    String geometryTypes,
    Integer fieldCount,
    String fieldNames,
    String layers,
    Double minX,
    Double minY,
    Double maxX,
    Double maxY,
    String footprintWkt,
    String problems)
    implements Serializable {

  public static final String OK = "ok";
  public static final String NOT_GEODATA = "not geodata";
  public static final String FAILED = "failed";

  public static final String RASTER = "raster";
  public static final String VECTOR = "vector";
  public static final String OTHER = "other";

  static final String PROBLEM_SEPARATOR = "; ";

  /** The row of a dataset that could not be described: {@code status} is "failed" (or "cancelled"). */
  public static FileDescription failed(DatasetFiles dataset, String status, String error) {
    return builder(dataset).status(status).error(error).build();
  }

  /** The problems one by one. */
  public List<String> problemList() {
    return problems == null ? List.of() : List.of(problems.split(PROBLEM_SEPARATOR));
  }

  static Builder builder(DatasetFiles dataset) {
    return new Builder(dataset);
  }

  /** Describers fill this in field by field; unset fields stay null. */
  static final class Builder {
    private final DatasetFiles dataset;
    private String status = OK;
    private String error;
    private String kind;
    private String format;
    private String crs;
    private String crsWkt;
    private Integer width;
    private Integer height;
    private Integer bandCount;
    private Double pixelSizeX;
    private Double pixelSizeY;
    private String dataType;
    private Double nodata;
    private Double minValue;
    private Double maxValue;
    private Long featureCount;
    private String geometryTypes;
    private List<String> fieldNames;
    private String layers;
    private double[] bounds;
    private String footprintWkt;
    private final List<String> problems = new ArrayList<>();

    private Builder(DatasetFiles dataset) {
      this.dataset = dataset;
    }

    Builder status(String value) {
      status = value;
      return this;
    }

    Builder error(String value) {
      error = value;
      return this;
    }

    Builder format(String kindValue, String formatValue) {
      kind = kindValue;
      format = formatValue;
      return this;
    }

    Builder crs(String label, String wkt) {
      crs = label;
      crsWkt = wkt;
      return this;
    }

    Builder grid(int columns, int rows, int bands, String sampleType) {
      width = columns;
      height = rows;
      bandCount = bands;
      dataType = sampleType;
      return this;
    }

    Builder pixelSize(double x, double y) {
      pixelSizeX = x;
      pixelSizeY = y;
      return this;
    }

    Builder nodata(Double value) {
      nodata = value;
      return this;
    }

    Builder valueRange(Double min, Double max) {
      minValue = min;
      maxValue = max;
      return this;
    }

    Builder features(long count, String types) {
      featureCount = count;
      geometryTypes = types;
      return this;
    }

    Builder fields(List<String> names) {
      fieldNames = List.copyOf(names);
      return this;
    }

    Builder layers(String names) {
      layers = names;
      return this;
    }

    Builder bounds(double minXValue, double minYValue, double maxXValue, double maxYValue) {
      bounds = new double[] {minXValue, minYValue, maxXValue, maxYValue};
      return this;
    }

    Builder footprint(String wkt) {
      footprintWkt = wkt;
      return this;
    }

    Builder problem(String text) {
      problems.add(text);
      return this;
    }

    FileDescription build() {
      return new FileDescription(
          dataset.id(),
          dataset.primary().uri(),
          status,
          error,
          kind,
          format,
          dataset.fileNames(),
          dataset.totalBytes(),
          crs,
          crsWkt,
          width,
          height,
          bandCount,
          pixelSizeX,
          pixelSizeY,
          dataType,
          nodata,
          minValue,
          maxValue,
          featureCount,
          geometryTypes,
          fieldNames == null ? null : fieldNames.size(),
          fieldNames == null ? null : String.join(",", fieldNames),
          layers,
          bounds == null ? null : bounds[0],
          bounds == null ? null : bounds[1],
          bounds == null ? null : bounds[2],
          bounds == null ? null : bounds[3],
          footprintWkt,
          problems.isEmpty() ? null : String.join(PROBLEM_SEPARATOR, problems));
    }
  }
}
