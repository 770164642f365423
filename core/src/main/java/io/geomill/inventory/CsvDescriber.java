package io.geomill.inventory;

import io.geomill.vector.CsvColumns;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Delimited text with a header naming its geometry: a WKT column (wkt, geometry, geom, the_geom, shape,
 * wkt_geom) or a longitude/latitude pair (lon/lng/long/longitude/x with lat/latitude/y), the names GDAL's CSV
 * driver and most spreadsheets use. Anything else is an ordinary table, not geodata. CSV carries no CRS; a
 * {@code .prj} beside it gives one.
 */
final class CsvDescriber implements Describer {
  @Override
  public void describe(LocalDataset dataset, FileDescription.Builder out) throws Exception {
    try (BufferedReader text = new BufferedReader(new InputStreamReader(
        Files.newInputStream(dataset.primary().toPath()), StandardCharsets.UTF_8))) {
      text.mark(1 << 20);
      String firstLine = text.readLine();
      text.reset();
      CsvRecords records = new CsvRecords(text, CsvColumns.delimiter(dataset.name(), firstLine == null ? "" : firstLine));
      List<String> header = records.next();
      if (header == null) {
        throw new NotGeodataException("empty text");
      }
      int wkt = CsvColumns.indexOf(header, CsvColumns.WKT);
      int x = CsvColumns.indexOf(header, CsvColumns.X);
      int y = CsvColumns.indexOf(header, CsvColumns.Y);
      if (wkt < 0 && (x < 0 || y < 0)) {
        throw new NotGeodataException("CSV text without geometry columns");
      }
      out.format(FileDescription.VECTOR, Format.CSV.label + (wkt >= 0 ? " (WKT)" : " (points)"));
      VectorStats stats = new VectorStats();
      GeometryFactory geometries = new GeometryFactory();
      WKTReader wktReader = new WKTReader(geometries);
      long line = 1;
      try {
        for (List<String> record; (record = records.next()) != null; ) {
          line++;
          if (record.size() == 1 && record.get(0).isBlank()) {
            continue;
          }
          String id = "line " + line;
          try {
            stats.add(id, wkt >= 0 ? fromWkt(record, wkt, wktReader) : point(record, x, y, geometries), "");
          } catch (ParseException | IllegalArgumentException e) {
            stats.addUnreadable(id, e.getMessage());
          }
        }
      } catch (IOException e) {
        throw new InvalidDataException("corrupt CSV after line " + line + ": " + e.getMessage(), e);
      }
      stats.writeTo(out);
      List<String> fields = new ArrayList<>();
      for (int i = 0; i < header.size(); i++) {
        if (i != wkt && (wkt >= 0 || i != x && i != y)) {
          fields.add(header.get(i).strip());
        }
      }
      out.fields(fields);
      Crs.describe(Crs.fromPrj(dataset, out), stats.envelope(), "(CSV holds none and .prj is missing)", out);
    }
  }

  private static Geometry fromWkt(List<String> record, int column, WKTReader reader) throws ParseException {
    String value = column < record.size() ? record.get(column).strip() : "";
    return value.isEmpty() ? null : reader.read(value);
  }

  private static Geometry point(List<String> record, int x, int y, GeometryFactory geometries) {
    String xValue = x < record.size() ? record.get(x).strip() : "";
    String yValue = y < record.size() ? record.get(y).strip() : "";
    if (xValue.isEmpty() && yValue.isEmpty()) {
      return null;
    }
    try {
      return geometries.createPoint(new Coordinate(Double.parseDouble(xValue), Double.parseDouble(yValue)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("coordinates are not numbers: \"" + xValue + "\", \"" + yValue + "\"");
    }
  }
}
