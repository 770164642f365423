package io.geomill.fields;

import com.linuxense.javadbf.DBFDataType;
import com.linuxense.javadbf.DBFField;
import com.linuxense.javadbf.DBFReader;
import io.geomill.fields.Calculation.Evaluator;
import io.geomill.fs.LocalFiles;
import io.geomill.inventory.CodePages;
import io.geomill.inventory.DatasetFiles;
import io.geomill.inventory.InvalidDataException;
import io.geomill.inventory.ShapefileReader;
import io.geomill.vector.write.DbfTableWriter;
import java.io.BufferedInputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Edits one shapefile's table. Only the .dbf is rewritten: the shapes, index, CRS and code page are those of
 * the input, byte for byte, and the .dbf keeps every existing field's definition (name, type, width, decimals)
 * and every value it does not set as javadbf read it, so those bytes are unchanged too. The .shp is read (with
 * GeoMill's own reader) only when an expression uses the geometry.
 */
final class ShapefileEdit {
  private static final GeometryFactory GEOMETRIES = new GeometryFactory();

  private ShapefileEdit() {}

  /** The layer's fields, from the .dbf header (the driver's plan and the task's check). */
  static List<LayerField> fields(InputStream dbf, Charset charset) {
    DBFReader reader = new DBFReader(dbf, charset);
    try {
      List<LayerField> fields = new ArrayList<>();
      for (int i = 0; i < reader.getFieldCount(); i++) {
        DBFField field = reader.getField(i);
        fields.add(LayerField.dbf(field.getName(), (char) field.getType().getCode(), field.getLength(),
            field.getDecimalCount()));
      }
      return fields;
    } finally {
      reader.close();
    }
  }

  /** The code page named by .cpg (or .cst); ISO-8859-1 without one, as GDAL reads such files. */
  static Charset charset(DatasetFiles files, LocalFiles sources) throws IOException {
    for (String suffix : List.of(".cpg", ".cst")) {
      Optional<String> uri = files.sidecar(suffix).map(f -> f.uri());
      if (uri.isPresent()) {
        String name = new String(Files.readAllBytes(sources.local(uri.get()).toPath()), StandardCharsets.ISO_8859_1)
            .strip();
        return CodePages.charset(name).orElseThrow(() -> new FieldEditException(files.expectedSidecarName(suffix)
            + " names code page \"" + name + "\", which Java does not know: the text fields cannot be rewritten"
            + " faithfully"));
      }
    }
    return StandardCharsets.ISO_8859_1;
  }

  /**
   * Writes the new .dbf into {@code out}.
   *
   * @throws FieldEditException when any feature fails (the counts and the first failure of each kind)
   */
  static long write(DatasetFiles files, EditTarget.LayerPlan layer, Calculation calculation, LocalFiles sources,
      File out) throws IOException, InvalidDataException {
    String dbfName = files.expectedSidecarName(".dbf");
    String dbfUri = files.sidecar(".dbf").orElseThrow(() -> new FieldEditException("shapefile sidecar missing: "
        + dbfName)).uri();
    Charset charset = charset(files, sources);
    File dbf = sources.local(dbfUri);
    try (InputStream check = new BufferedInputStream(new FileInputStream(dbf))) {
      if (!fields(check, charset).equals(layer.fields())) {
        throw new FieldEditException(dbfName + " changed since the job started (its fields differ); rerun");
      }
    }
    DBFReader reader = new DBFReader(new BufferedInputStream(new FileInputStream(dbf), 1 << 16), charset);
    ShapefileReader shapes = null;
    try {
      List<DBFField> input = new ArrayList<>();
      for (int i = 0; i < reader.getFieldCount(); i++) {
        input.add(reader.getField(i));
      }
      List<DBFField> output = new ArrayList<>();
      int[] columns = calculation.outputColumns();
      for (int column : columns) {
        output.add(column < input.size() ? input.get(column) : newField(calculation.added().get(column
            - input.size())));
      }
      long records = reader.getRecordCount();
      DbfTableWriter.checkLimits(dbfName, output, records, DbfTableWriter.maxFileBytes());
      if (calculation.needsGeometry()) {
        File shp = sources.local(files.primary().uri());
        ShapefileReader.Header header = ShapefileReader.header(shp, files.primary().name());
        shapes = new ShapefileReader(shp, files.primary().name(), header, GEOMETRIES);
      }
      Evaluator evaluator = calculation.evaluator(stem(files.primary().name()), files.primary().name(),
          files.primary().uri(), layer.name());
      try (DbfTableWriter writer = DbfTableWriter.create(out, charset, output)) {
        Object[] record;
        Object[] written = new Object[columns.length];
        long feature = 0;
        while ((record = reader.nextRecord()) != null) {
          feature++;
          for (int c = 0; c < input.size(); c++) {
            evaluator.load(c, record[c], feature);
          }
          if (shapes != null) {
            ShapefileReader.Shape shape = shapes.next();
            if (shape == null) {
              throw new FieldEditException(files.primary().name() + " has fewer shapes than " + dbfName + " has"
                  + " records (" + records + ")");
            }
            evaluator.loadGeometry(shape.geometry());
          }
          evaluator.evaluate(feature);
          for (int j = 0; j < columns.length; j++) {
            int column = columns[j];
            if (!calculation.isSet(column)) {
              written[j] = record[column]; // as javadbf read it, written back the same
              continue;
            }
            Object value = evaluator.value(column);
            String misfit = writer.misfit(j, value);
            if (misfit != null) {
              evaluator.fail("field " + output.get(j).getName(), feature, misfit);
              value = null;
            }
            written[j] = writer.convert(j, value);
          }
          writer.add(written);
        }
        String problems = evaluator.problems();
        if (problems != null) {
          throw new FieldEditException(problems);
        }
        return feature;
      }
    } finally {
      reader.close();
      if (shapes != null) {
        shapes.close();
      }
    }
  }

  private static DBFField newField(LayerField field) {
    DBFDataType type = switch (field.dbfType()) {
      case 'C' -> DBFDataType.CHARACTER;
      case 'L' -> DBFDataType.LOGICAL;
      case 'D' -> DBFDataType.DATE;
      default -> DBFDataType.NUMERIC;
    };
    return type == DBFDataType.LOGICAL || type == DBFDataType.DATE ? new DBFField(field.name(), type)
        : new DBFField(field.name(), type, field.length(), field.decimals());
  }

  static String stem(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
