package io.geomill.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.Type;
import org.geotools.api.referencing.FactoryException;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.locationtech.jts.geom.Envelope;

/**
 * GeoParquet, described from the file footer alone: row count, schema and the "geo" metadata (primary column,
 * bbox, geometry types, CRS). Geometries are not read, so validity is not checked. A Parquet file without
 * "geo" metadata is an ordinary table.
 */
final class GeoParquetDescriber implements Describer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CRS84_EPSG = 4326;

  @Override
  public void describe(LocalDataset dataset, FileDescription.Builder out) throws Exception {
    out.format(FileDescription.VECTOR, Format.GEOPARQUET.label);
    File file = dataset.primary();
    long rows;
    FileMetaData footer;
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file.toURI()), new Configuration()))) {
      rows = reader.getRecordCount();
      footer = reader.getFooter().getFileMetaData();
    } catch (IOException | RuntimeException e) {
      throw new InvalidDataException("corrupt or truncated Parquet file: " + InvalidDataException.reasonOf(e), e);
    }
    String geo = footer.getKeyValueMetaData().get("geo");
    if (geo == null) {
      throw new NotGeodataException("a Parquet table without GeoParquet metadata");
    }
    JsonNode metadata = JSON.readTree(geo);
    String primary = metadata.path("primary_column").asText();
    JsonNode column = metadata.path("columns").path(primary);
    if (column.isMissingNode()) {
      throw new InvalidDataException("corrupt GeoParquet metadata: the primary column \"" + primary
          + "\" is not described");
    }
    List<String> types = new ArrayList<>();
    column.path("geometry_types").forEach(type -> types.add(type.asText()));
    out.features(rows, types.isEmpty() ? null : String.join(",", types));
    List<String> fields = new ArrayList<>();
    for (Type field : footer.getSchema().getFields()) {
      if (!metadata.path("columns").has(field.getName())) {
        fields.add(field.getName());
      }
    }
    out.fields(fields);
    Crs.describe(crs(column, out), bounds(column.path("bbox")), "(none usable in the GeoParquet metadata)", out);
  }

  /** [minx, miny, maxx, maxy], or [minx, miny, minz, maxx, maxy, maxz] for 3D data. */
  private static Envelope bounds(JsonNode bbox) {
    if (bbox.size() == 4) {
      return new Envelope(bbox.get(0).asDouble(), bbox.get(2).asDouble(), bbox.get(1).asDouble(),
          bbox.get(3).asDouble());
    }
    if (bbox.size() == 6) {
      return new Envelope(bbox.get(0).asDouble(), bbox.get(3).asDouble(), bbox.get(1).asDouble(),
          bbox.get(4).asDouble());
    }
    return null;
  }

  /** An absent "crs" means OGC:CRS84; null means unknown; PROJJSON is understood through its EPSG id only. */
  private static CoordinateReferenceSystem crs(JsonNode column, FileDescription.Builder out) {
    JsonNode crs = column.get("crs");
    if (crs != null && crs.isNull()) {
      return null;
    }
    int code = CRS84_EPSG;
    if (crs != null) {
      JsonNode id = crs.path("id");
      if (!"EPSG".equalsIgnoreCase(id.path("authority").asText()) || !id.path("code").canConvertToInt()) {
        out.problem("the PROJJSON CRS \"" + crs.path("name").asText("unnamed") + "\" has no EPSG id: not"
            + " interpreted");
        return null;
      }
      code = id.path("code").asInt();
    }
    try {
      return Crs.decodeLonLat(code);
    } catch (FactoryException e) {
      out.problem("unknown CRS EPSG:" + code);
      return null;
    }
  }
}
