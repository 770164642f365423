package io.geomill.inventory;

import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * ESRI shapefiles, read with {@link ShapefileReader} and {@link DbfHeader}: GeoTools' shapefile data store is
 * not in the dependency stack. The .shp, .shx and .dbf must all be there (as GDAL requires); .prj gives the CRS
 * and .cpg (or .cst) the code page of the field names.
 */
final class ShapefileDescriber implements Describer {


  @Override
  public void describe(LocalDataset dataset, FileDescription.Builder out) throws Exception {
    out.format(FileDescription.VECTOR, Format.SHAPEFILE.label);
    List<String> missing = new ArrayList<>();
    for (String suffix : List.of(".shx", ".dbf")) {
      if (dataset.files().sidecar(suffix).isEmpty()) {
        missing.add(dataset.files().expectedSidecarName(suffix));
      }
    }
    if (!missing.isEmpty()) {
      throw new InvalidDataException("shapefile sidecar" + (missing.size() > 1 ? "s" : "") + " missing: "
          + String.join(", ", missing));
    }
    ShapefileReader.Header header = ShapefileReader.header(dataset.primary(), dataset.name());
    String indexName = dataset.sidecarName(".shx");
    ShapefileReader.Header index = ShapefileReader.header(dataset.sidecar(".shx").orElseThrow(), indexName);
    String tableName = dataset.sidecarName(".dbf");
    DbfHeader table = DbfHeader.read(dataset.sidecar(".dbf").orElseThrow(), tableName, codePage(dataset, out));

    VectorStats stats = readShapes(dataset, header);
    long indexed = (index.declaredBytes() - ShapefileReader.HEADER_BYTES) / 8;
    if (indexed != stats.features()) {
      out.problem("the index " + indexName + " lists " + indexed + " records but " + dataset.name() + " holds "
          + stats.features());
    }
    if (table.records() != stats.features()) {
      out.problem(tableName + " holds " + table.records() + " records but " + dataset.name() + " holds "
          + stats.features() + " shapes");
    }
    if (index.shapeType() != header.shapeType()) {
      out.problem("the index " + indexName + " states shape type " + index.shapeType() + " but "
          + dataset.name() + " states " + header.shapeType());
    }
    stats.writeTo(out);
    out.fields(table.fieldNames());

    // The header's box is what GIS tools report as the extent; the features' box only checks it.
    Envelope bounds = stats.envelope().isNull() ? null : header.bounds();
    if (bounds != null && !covers(bounds, stats.envelope())) {
      out.problem("the header's bounds do not cover all features (the features span " + stats.envelope() + ")");
    }
    Crs.describe(Crs.fromPrj(dataset, out), bounds, "(.prj missing)", out);
  }

  private static VectorStats readShapes(LocalDataset dataset, ShapefileReader.Header header)
      throws IOException, InvalidDataException {
    VectorStats stats = new VectorStats();
    try (ShapefileReader reader =
        new ShapefileReader(dataset.primary(), dataset.name(), header, new GeometryFactory())) {
      for (ShapefileReader.Shape shape; (shape = reader.next()) != null; ) {
        String id = "record " + shape.number();
        if (shape.defect() != null) {
          stats.addUnreadable(id, shape.defect());
        } else {
          stats.add(id, shape.geometry(), header.dimensions());
        }
      }
    }
    return stats;
  }

  /** Header boxes are often written in single precision or rounded: allow a relative slack. */
  private static boolean covers(Envelope header, Envelope features) {
    double slack = 1e-6 * Math.max(1, Math.max(header.getWidth(), header.getHeight()));
    Envelope widened = new Envelope(header);
    widened.expandBy(slack);
    return widened.covers(features);
  }

  /** The code page named by .cpg (or GeoServer's .cst); ISO-8859-1 when none, as GDAL assumes. */
  private static Charset codePage(LocalDataset dataset, FileDescription.Builder out) throws IOException {
    for (String suffix : List.of(".cpg", ".cst")) {
      Optional<File> file = dataset.sidecar(suffix);
      if (file.isPresent()) {
        String name = Files.readString(file.get().toPath(), StandardCharsets.ISO_8859_1).strip();
        Optional<Charset> charset = CodePages.charset(name);
        if (charset.isEmpty()) {
          out.problem("unknown code page \"" + name + "\" in " + dataset.sidecarName(suffix)
              + ": field names read as ISO-8859-1");
        }
        return charset.orElse(StandardCharsets.ISO_8859_1);
      }
    }
    return StandardCharsets.ISO_8859_1;
  }
}
