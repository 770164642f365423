package io.geomill.jobs;

import io.geomill.batch.Batch;
import io.geomill.batch.BatchResult;
import io.geomill.batch.InputException;
import io.geomill.batch.InputFile;
import io.geomill.batch.Inputs;
import io.geomill.fields.CalculateFields;
import io.geomill.fields.EditResult;
import io.geomill.fields.FieldEditException;
import io.geomill.fields.FieldEdits;
import io.geomill.spark.GeoMillSpark;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code geomill calculate-fields}: add, calculate and delete fields in every shapefile and GeoPackage layer. */
@Command(name = "calculate-fields", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Add fields, calculate them with Spark SQL expressions, and delete fields, in every shapefile"
        + " and GeoPackage feature layer found (one item per dataset, in parallel). In each layer: the --add"
        + " fields are appended (null), then the --set expressions run in order (each sees the values the"
        + " earlier ones wrote), then the --delete fields are dropped.",
        "An expression sees the layer's fields by name, its geometry as `geometry` (Sedona ST_ functions, e.g."
            + " ST_GeometryType(geometry), ST_Area(geometry)) and the source: file_stem(), file_name(),"
            + " file_path(), layer_name() (parentheses optional). Functions that reach the JVM or the session"
            + " (reflect, java_method, UDFs, file readers, aggregates, rand) are refused.",
        "Everything else is kept: a shapefile's .shp/.shx/.prj/.cpg are copied (or, in place, untouched) and only"
            + " its .dbf is rewritten; a GeoPackage is edited with SQL on a copy."})
final class CalculateFieldsJob extends BatchJob<SparkSession> {
  @Option(names = "--in", required = true, paramLabel = "FOLDER|GLOB|FILE",
      description = "Inputs, repeatable: folders (searched recursively), globs ('data/*.shp'), files or @list.txt;"
          + " local, file:// or hdfs://.")
  List<String> inputs;

  @Option(names = "--add", paramLabel = "NAME:TYPE[:LENGTH[:SCALE]]",
      description = "A field to add, repeatable. TYPE: TEXT, SHORT, LONG, BIGINTEGER, FLOAT, DOUBLE, DATE, BOOLEAN"
          + " (e.g. TYPE:TEXT:20, AREA:DOUBLE:18:3).")
  List<String> adds = new ArrayList<>();

  @Option(names = "--set", paramLabel = "NAME=EXPR",
      description = "Set a field to a Spark SQL expression, repeatable, in order (e.g. GTYPE=ST_GeometryType(geometry),"
          + " NAME=file_stem). The value is cast to the field's type; a feature whose value does not fit fails"
          + " its dataset.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--delete", paramLabel = "NAME", description = "A field to delete, repeatable.")
  List<String> deletes = new ArrayList<>();

  @Option(names = "--layer", paramLabel = "NAME",
      description = "Only this GeoPackage layer (default: every feature layer of each GeoPackage).")
  String layer;

  @Option(names = "--in-place", description = "Edit the inputs themselves (instead of --out): each changed file is"
      + " written whole beside the original and renamed over it. Records and the report go in the inputs' folder.")
  boolean inPlace;

  @Option(names = "--backup", description = "With --in-place: copy each dataset into _backup/ beside it first.")
  boolean backup;

  private FieldEdits edits;
  private List<InputFile> files;
  private CalculateFields.Plan plan;

  @Override
  protected boolean outputOptional() {
    return inPlace;
  }

  @Override
  protected String outputFolder() {
    return inPlace ? plan.root() : out;
  }

  @Override
  protected void prepare(Configuration hadoopConf) {
    if (inPlace == (out != null)) {
      throw new InputException("give one of --out FOLDER and --in-place");
    }
    if (backup && !inPlace) {
      throw new InputException("--backup goes with --in-place (with --out the inputs are not changed)");
    }
    try {
      edits = FieldEdits.parse(adds, sets, deletes);
    } catch (FieldEditException e) {
      throw new InputException(e.getMessage(), e);
    }
    files = Inputs.resolve(inputs, hadoopConf);
  }

  @Override
  protected SparkSession startSpark(SparkConf conf) {
    return GeoMillSpark.withSedona(GeoMillSpark.session(conf));
  }

  @Override
  protected int run(SparkStart<SparkSession> spark) {
    SparkSession session = spark.await();
    try {
      plan = CalculateFields.plan(session, files,
          new CalculateFields.Options(edits, layer, inPlace, backup));
    } catch (InputException | FieldEditException e) {
      err().println("geomill calculate-fields: " + e.getMessage());
      return GeoMill.EXIT_USAGE;
    }
    if (plan.ignored() > 0) {
      out().printf("geomill calculate-fields: %d input file(s) are neither shapefiles nor GeoPackages: ignored%n",
          plan.ignored());
    }
    BatchResult<EditResult> result = runBatch(session.sparkContext(), Batch.of("calculate-fields", plan.items(), plan.task()));
    printSummary(result);
    return result.exitCode();
  }
}
