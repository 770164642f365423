package io.geomill.vector;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A vector layer read into Spark: attribute columns plus one geometry column (Sedona's geometry type), in the
 * layer's own CRS.
 *
 * @param uri            where it was read from (a view's name for a SQL view)
 * @param format         its format; null for a SQL view
 * @param rows           the features
 * @param geometryColumn the name of the geometry column in {@code rows}
 * @param crs            its CRS
 * @param csv            for a CSV file: how it was read (what a reader of its lines needs); null otherwise
 */
public record VectorLayer(String uri, VectorFormat format, Dataset<Row> rows, String geometryColumn,
    LayerCrs crs, VectorReader.CsvLayout csv) {

  /** A layer not read from a CSV file. */
  public VectorLayer(String uri, VectorFormat format, Dataset<Row> rows, String geometryColumn, LayerCrs crs) {
    this(uri, format, rows, geometryColumn, crs, null);
  }

  /** The attribute columns, in order. */
  public List<String> fields() {
    return Arrays.stream(rows.columns()).filter(name -> !name.equals(geometryColumn)).toList();
  }
}
