package io.geomill.fields;

import io.geomill.batch.BatchItem;
import io.geomill.batch.InputException;
import io.geomill.batch.InputFile;
import io.geomill.batch.ItemContext;
import io.geomill.batch.ItemTask;
import io.geomill.fs.HadoopFs;
import io.geomill.fs.LocalCopies;
import io.geomill.inventory.DatasetFiles;
import io.geomill.inventory.Inventory;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The library part of {@code geomill calculate-fields}: ArcPy's "add fields and calculate them in every
 * shapefile of a folder", one batch item per dataset (a shapefile, or a GeoPackage with all its feature layers
 * or the one named), in parallel across datasets, each dataset inside one task.
 *
 * <p>On the driver, {@link #plan} reads every dataset's field definitions (the .dbf header, the GeoPackage's
 * table info) and compiles the edits once per distinct schema ({@link Calculations}); a dataset the edits do not
 * fit becomes an item that fails with the reason. On the executors, {@link EditTask} evaluates the compiled
 * expressions feature by feature and writes the result: under {@code --out} the same relative layout, committed
 * by the batch engine (a shapefile's .shp last); in place, the one changed file (.dbf or .gpkg) written beside
 * the original and renamed over it.
 */
public final class CalculateFields {
  private CalculateFields() {}

  /**
   * @param layer   the GeoPackage layer to edit; null for all feature layers
   * @param inPlace edit the inputs themselves (else write to the batch's output folder)
   * @param backup  with inPlace: keep the original in {@code _backup/} beside it
   */
  public record Options(FieldEdits edits, String layer, boolean inPlace, boolean backup) implements Serializable {}

  /**
   * @param items   one per dataset, in id order
   * @param task    what runs per dataset
   * @param root    the folder the inputs were found under: the batch's output folder for an in-place run
   * @param ignored files among the inputs that are neither shapefiles nor GeoPackages (sidecars not counted)
   */
  public record Plan(List<BatchItem<EditTarget>> items, EditTask task, String root, int ignored) {}

  /**
   * @throws InputException when no input is a shapefile or GeoPackage, or an in-place run's inputs have no one root
   * @throws FieldEditException for a problem in the command itself (a shapefile field name over 10 characters)
   */
  public static Plan plan(SparkSession spark, List<InputFile> files, Options options) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<BatchItem<DatasetFiles>> datasets = new ArrayList<>();
    int ignored = 0;
    for (BatchItem<DatasetFiles> item : Inventory.items(files)) {
      if (isEditable(item.payload().primary().name())) {
        datasets.add(item);
      } else if (!item.payload().primary().name().equals("geomill-report.json")) {
        ignored++;
      }
    }
    if (datasets.isEmpty()) {
      throw new InputException("no shapefile (.shp) or GeoPackage (.gpkg) among the " + files.size() + " input files");
    }
    boolean anyShapefile = datasets.stream().anyMatch(d -> !GeoPackageEdit.isGeoPackage(d.payload().primary().name()));
    List<NewField> tooLong = options.edits().addsLongerThan(10);
    if (anyShapefile && !tooLong.isEmpty()) {
      throw new FieldEditException("--add " + tooLong.get(0).name() + ": a shapefile (DBF) field name has at most 10"
          + " ASCII characters without spaces, and the inputs include shapefiles");
    }
    Set<String> roots = new LinkedHashSet<>();
    Map<String, Calculation> calculations = new HashMap<>();
    Map<String, String> failures = new HashMap<>();
    List<BatchItem<EditTarget>> items = new ArrayList<>();
    File scratch = null;
    try {
      scratch = Files.createTempDirectory("geomill-plan-").toFile();
      File scratchFolder = scratch;
      LocalCopies local = new LocalCopies(conf, () -> scratchFolder);
      for (BatchItem<DatasetFiles> item : datasets) {
        DatasetFiles dataset = item.payload();
        roots.add(root(dataset.primary()));
        EditTarget target = target(spark, dataset, options, local, calculations, failures);
        items.add(new BatchItem<>(item.id(), item.weight(), fingerprint(dataset, options), target));
      }
    } catch (IOException e) {
      throw new InputException("cannot make a scratch folder for reading the inputs: " + e.getMessage(), e);
    } finally {
      if (scratch != null) {
        FileUtil.fullyDelete(scratch);
      }
    }
    if (options.inPlace() && roots.size() > 1) {
      throw new InputException("--in-place needs the inputs under one folder (its _geomill/ keeps the run's records"
          + " and geomill-report.json its report); they are under " + String.join(", ", roots));
    }
    return new Plan(items, new EditTask(calculations, options), roots.iterator().next(), ignored);
  }

  private static EditTarget target(SparkSession spark, DatasetFiles dataset, Options options, LocalCopies local,
      Map<String, Calculation> calculations, Map<String, String> failures) {
    boolean geoPackage = GeoPackageEdit.isGeoPackage(dataset.primary().name());
    try {
      List<EditTarget.LayerPlan> layers = new ArrayList<>();
      List<EditTarget.LayerPlan> found;
      if (geoPackage) {
        if (dataset.sidecar("-wal").isPresent()) {
          throw new FieldEditException("a write-ahead log (" + dataset.expectedSidecarName("-wal") + ") is beside it:"
              + " the file is open in another program or was not closed; close it there first");
        }
        found = GeoPackageEdit.layers(local.local(dataset.primary().uri()), options.layer());
      } else {
        String dbf = dataset.sidecar(".dbf").orElseThrow(() -> new FieldEditException("shapefile sidecar missing: "
            + dataset.expectedSidecarName(".dbf"))).uri();
        List<LayerField> fields;
        try (InputStream in = HadoopFs.fileSystem(new Path(dbf), spark.sparkContext().hadoopConfiguration())
            .open(new Path(dbf))) {
          fields = ShapefileEdit.fields(in, ShapefileEdit.charset(dataset, local));
        }
        found = List.of(new EditTarget.LayerPlan(ShapefileEdit.stem(dataset.primary().name()), null, null, fields,
            null));
      }
      for (EditTarget.LayerPlan layer : found) {
        String key = (geoPackage ? "gpkg:" : "dbf:") + layer.fields();
        if (!calculations.containsKey(key) && !failures.containsKey(key)) {
          try {
            calculations.put(key, Calculations.compile(spark, layer.fields(), options.edits(), !geoPackage));
          } catch (FieldEditException e) {
            failures.put(key, e.getMessage());
          }
        }
        if (failures.containsKey(key)) {
          throw new FieldEditException((geoPackage ? "layer " + layer.name() + ": " : "") + failures.get(key));
        }
        layers.add(new EditTarget.LayerPlan(layer.name(), layer.geometryColumn(), layer.primaryKey(), layer.fields(),
            key));
      }
      return new EditTarget(dataset, geoPackage, layers, null);
    } catch (FieldEditException e) {
      return EditTarget.failed(dataset, geoPackage, e.getMessage());
    } catch (Exception e) {
      return EditTarget.failed(dataset, geoPackage, "cannot be read: " + e.getMessage());
    }
  }

  /**
   * What resume compares: the edits, and the input's files. In place, only the files the edit does not rewrite
   * (a shapefile's .shp, .shx, .prj...; nothing of a GeoPackage): the rewritten file is the run's own output, so
   * a rerun of the same command skips what it edited.
   */
  private static String fingerprint(DatasetFiles dataset, Options options) {
    String edits = options.edits().fingerprint() + "|layer=" + options.layer() + "|";
    if (!options.inPlace()) {
      return edits + dataset.fingerprint();
    }
    if (GeoPackageEdit.isGeoPackage(dataset.primary().name())) {
      return edits + "in place";
    }
    StringBuilder kept = new StringBuilder(edits).append("in place:").append(dataset.primary().fingerprint());
    for (InputFile sidecar : dataset.sidecars()) {
      if (!sidecar.name().toLowerCase(Locale.ROOT).endsWith(".dbf")) {
        kept.append(',').append(sidecar.name()).append('=').append(sidecar.fingerprint());
      }
    }
    return kept.toString();
  }

  private static boolean isEditable(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".shp") || lower.endsWith(".gpkg");
  }

  /** The folder a file was found under: its URI without its relative path. */
  static String root(InputFile file) {
    String uri = file.uri();
    return uri.endsWith(file.relativePath()) ? uri.substring(0, uri.length() - file.relativePath().length()) : uri;
  }

  /** The task per dataset: evaluate, write, commit (or replace in place). */
  public static final class EditTask implements ItemTask<EditTarget, EditResult> {
    private final Map<String, Calculation> calculations;
    private final Options options;

    EditTask(Map<String, Calculation> calculations, Options options) {
      this.calculations = Map.copyOf(calculations);
      this.options = options;
    }

    @Override
    public EditResult run(EditTarget target, ItemContext context) throws Exception {
      if (target.error() != null) {
        throw new FieldEditException(target.error());
      }
      DatasetFiles files = target.files();
      List<String> notes = new ArrayList<>();
      if (options.inPlace() && options.backup()) {
        List<String> uris = files.all().stream().map(InputFile::uri).toList();
        notes.add(Replacement.backUp(context.hadoopConf(), uris) ? "backup made in " + Replacement.BACKUP_FOLDER + "/"
            : "backup in " + Replacement.BACKUP_FOLDER + "/ kept from an earlier run");
      }
      long features = target.geoPackage() ? geoPackage(target, context) : shapefile(target, context);
      return new EditResult(target.layers().size(), features, notes);
    }

    private long shapefile(EditTarget target, ItemContext context) throws Exception {
      DatasetFiles files = target.files();
      EditTarget.LayerPlan layer = target.layers().get(0);
      Calculation calculation = calculations.get(layer.calculation());
      if (options.inPlace()) {
        return replacing(context, files.sidecar(".dbf").orElseThrow().uri(),
            file -> ShapefileEdit.write(files, layer, calculation, context, file));
      }
      List<InputFile> copied = new ArrayList<>();
      for (InputFile sidecar : files.sidecars()) {
        if (!sidecar.name().toLowerCase(Locale.ROOT).endsWith(".dbf")) {
          copied.add(sidecar);
        }
      }
      for (InputFile sidecar : copied) {
        copy(context, sidecar, files);
      }
      long features = ShapefileEdit.write(files, layer, calculation, context,
          context.stage(outputName(files, files.expectedSidecarName(".dbf"))));
      copy(context, files.primary(), files); // staged last, so committed last
      return features;
    }

    private long geoPackage(EditTarget target, ItemContext context) throws Exception {
      DatasetFiles files = target.files();
      List<Calculation> layers = target.layers().stream().map(l -> calculations.get(l.calculation())).toList();
      File source = context.local(files.primary().uri());
      Edit edit = file -> {
        Files.copy(source.toPath(), file.toPath(), StandardCopyOption.REPLACE_EXISTING);
        return GeoPackageEdit.edit(file, target.layers(), layers, files.primary().name(), files.primary().uri());
      };
      if (options.inPlace()) {
        return replacing(context, files.primary().uri(), edit);
      }
      return edit.write(context.stage(outputName(files, files.primary().name())));
    }

    /** Writes the new content of {@code uri} beside it and renames it over the original. */
    private static long replacing(ItemContext context, String uri, Edit edit) throws Exception {
      File scratch = Files.createTempDirectory("geomill-edit-").toFile();
      try {
        Replacement replacement = new Replacement(context.hadoopConf(), uri, scratch);
        try {
          long features = edit.write(replacement.file());
          replacement.commit();
          return features;
        } catch (Exception | Error e) {
          replacement.abort();
          throw e;
        }
      } finally {
        FileUtil.fullyDelete(scratch);
      }
    }

    private static void copy(ItemContext context, InputFile file, DatasetFiles dataset) throws IOException {
      Files.copy(context.local(file.uri()).toPath(), context.stage(outputName(dataset, file.name())).toPath(),
          StandardCopyOption.REPLACE_EXISTING);
    }

    /** A file of the dataset under the output folder: the input's relative folder, the file's own name. */
    private static String outputName(DatasetFiles dataset, String name) {
      String relative = dataset.primary().relativePath();
      int slash = relative.lastIndexOf('/');
      return slash < 0 ? name : relative.substring(0, slash + 1) + name;
    }
  }

  @FunctionalInterface
  private interface Edit {
    long write(File file) throws Exception;
  }
}
