package io.geomill.inventory;

import io.geomill.batch.BatchItem;
import io.geomill.batch.InputFile;
import io.geomill.batch.ItemOutcome;
import io.geomill.fs.HadoopFs;
import io.geomill.fs.LocalFiles;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The library part of {@code geomill inventory}: the Describe/Exists step run before a batch.
 *
 * <ol>
 *   <li>{@link #items} groups a flat file listing into datasets (a primary file and its sidecars), one batch
 *       item each;
 *   <li>{@link #task()} describes one dataset on an executor ({@link #describe});
 *   <li>{@link #rows} turns the batch outcomes into one table row per dataset, failed ones included, for
 *       {@link InventoryTable}.
 * </ol>
 *
 * <p><b>Files that are not geodata</b> (a README, a CSV without geometry columns, a JSON that is not GeoJSON, a
 * PDF) become items of their own, and their description has status {@link FileDescription#NOT_GEODATA} and a
 * format saying what they are ("plain text", "PNG image"). They are not left out: the inventory then lists
 * every file it was given, so a user can see which ones a batch would ignore and why, and notice a dataset that
 * was silently not recognised (a zipped shapefile, say). Recognising them costs one read of their first 4 KB.
 * They do not fail the batch. Files that are geodata in a format not read here (NetCDF, HDF5, JPEG 2000) and
 * files of no recognisable format do fail, so they are not mistaken for handled data.
 *
 * <p><b>Sidecars</b> belong to the primary file with the same folder and base name (letter case ignored):
 * {@code roads.shp} takes {@code roads.shx}, {@code roads.DBF}, {@code roads.prj}, {@code roads.shp.xml}...;
 * {@code DEM.tif} takes {@code DEM.tfw} and {@code DEM.tif.aux.xml}. A sidecar without its primary (an orphan
 * {@code .dbf}) becomes an item of its own and fails with a reason.
 */
public final class Inventory {
  private Inventory() {}

  /** One batch item per dataset, sorted by id. Weight is the dataset's bytes, id the primary's relative path. */
  public static List<BatchItem<DatasetFiles>> items(List<InputFile> files) {
    Map<String, List<InputFile>> byFolder = new TreeMap<>();
    for (InputFile file : files) {
      byFolder.computeIfAbsent(folderOf(file.uri()), k -> new ArrayList<>()).add(file);
    }
    List<DatasetFiles> datasets = new ArrayList<>();
    byFolder.values().forEach(folder -> datasets.addAll(group(folder)));
    Map<String, Long> idCounts = datasets.stream().collect(Collectors.groupingBy(DatasetFiles::id,
        Collectors.counting()));
    List<BatchItem<DatasetFiles>> items = new ArrayList<>();
    for (DatasetFiles dataset : datasets) {
      // Two inputs roots can hold the same relative path; the item id must stay unique for the report and
      // resume, so such files are named by their full URI instead.
      String id = idCounts.get(dataset.id()) > 1 ? dataset.primary().uri() : dataset.id();
      items.add(new BatchItem<>(id, dataset.totalBytes(), dataset.fingerprint(), dataset));
    }
    items.sort(Comparator.comparing(BatchItem::id));
    return items;
  }

  /**
   * The dataset whose primary file is {@code file} (any Hadoop path), with its sidecars from the same folder.
   *
   * @throws java.io.FileNotFoundException when there is no such file
   */
  public static DatasetFiles dataset(Path file, Configuration conf) throws IOException {
    FileSystem fs = HadoopFs.fileSystem(file, conf);
    FileStatus primary = fs.getFileStatus(file);
    String stem = DatasetFiles.stem(file.getName()).toLowerCase(Locale.ROOT) + ".";
    List<InputFile> siblings = new ArrayList<>();
    for (FileStatus sibling : fs.listStatus(file.getParent())) {
      if (sibling.isFile() && sibling.getPath().getName().toLowerCase(Locale.ROOT).startsWith(stem)) {
        siblings.add(new InputFile(sibling.getPath().toString(), sibling.getPath().getName(), sibling.getLen(),
            sibling.getModificationTime()));
      }
    }
    String uri = primary.getPath().toString();
    return group(siblings).stream().filter(dataset -> dataset.primary().uri().equals(uri)).findFirst()
        .orElseThrow(() -> new IllegalStateException(uri + " is not among the files of its own folder"));
  }

  private static List<DatasetFiles> group(List<InputFile> folder) {
    Map<String, InputFile> byName = new LinkedHashMap<>();
    List<DatasetFiles> datasets = new ArrayList<>();
    for (InputFile file : folder.stream().sorted(Comparator.comparing(InputFile::name)).toList()) {
      // roads.DBF beside roads.dbf (possible off Windows): the second is reported on its own, not lost.
      if (byName.putIfAbsent(file.name().toLowerCase(Locale.ROOT), file) != null) {
        datasets.add(DatasetFiles.single(file));
      }
    }
    Set<String> claimed = new HashSet<>();
    for (InputFile file : byName.values()) {
      Optional<Format> format = Format.ofName(file.name());
      if (format.isEmpty()) {
        continue;
      }
      List<InputFile> sidecars = new ArrayList<>();
      String stem = DatasetFiles.stem(file.name()).toLowerCase(Locale.ROOT);
      String name = file.name().toLowerCase(Locale.ROOT);
      for (String suffix : format.get().sidecarSuffixes) {
        for (String candidate : List.of(stem + suffix, name + suffix)) {
          InputFile sidecar = byName.get(candidate);
          if (sidecar != null && !sidecars.contains(sidecar) && Format.ofName(sidecar.name()).isEmpty()) {
            sidecars.add(sidecar);
            claimed.add(candidate);
          }
        }
      }
      sidecars.sort(Comparator.comparing(InputFile::name));
      datasets.add(new DatasetFiles(file, sidecars));
      claimed.add(name);
    }
    byName.forEach((name, file) -> {
      if (!claimed.contains(name)) {
        datasets.add(DatasetFiles.single(file));
      }
    });
    return datasets;
  }

  private static String folderOf(String uri) {
    int slash = uri.lastIndexOf('/');
    return slash < 0 ? "" : uri.substring(0, slash);
  }

  /** The task the batch engine runs per dataset; the item context provides local copies of the files. */
  public static DescribeTask task() {
    return new DescribeTask();
  }

  /**
   * Describes one dataset.
   *
   * @return the description; its status is {@link FileDescription#OK} or {@link FileDescription#NOT_GEODATA}
   * @throws DescribeException when the dataset is unusable: empty, truncated or corrupt, named for a format its
   *     content is not, missing a mandatory sidecar, an orphan sidecar, or of an unknown or unsupported format.
   *     The message starts with the dataset's path and then gives the reason.
   */
  public static FileDescription describe(DatasetFiles files, LocalFiles local) throws DescribeException {
    FileDescription.Builder out = FileDescription.builder(files);
    try {
      describeInto(new LocalDataset(files, local), out);
      return out.build();
    } catch (NotGeodataException e) {
      return FileDescription.builder(files).status(FileDescription.NOT_GEODATA)
          .format(FileDescription.OTHER, e.getMessage()).build();
    } catch (InvalidDataException e) {
      throw new DescribeException(files.id() + ": " + e.getMessage(), e);
    } catch (Exception | LinkageError e) {
      // A reader's own failure on data that passed our checks (or a reader's native library that would not
      // load): still one item's failure, and still named.
      throw new DescribeException(files.id() + ": cannot be read: " + InvalidDataException.reasonOf(e), e);
    }
  }

  private static void describeInto(LocalDataset dataset, FileDescription.Builder out) throws Exception {
    String name = dataset.name();
    File primary = dataset.primary();
    byte[] head = FormatSniffer.head(primary);
    Content content = FormatSniffer.sniff(head);
    if (content == Content.EMPTY) {
      throw new InvalidDataException("empty file (0 bytes)");
    }
    Optional<Format> named = Format.ofName(name);
    if (named.isPresent()) {
      describeAs(named.get(), content, dataset, out);
      return;
    }
    if (Format.isSidecarName(name)) {
      throw new InvalidDataException("orphan sidecar: there is no " + String.join(" or ",
          Format.primaryNamesFor(name)) + " beside it");
    }
    switch (content.role) {
      case OTHER -> throw new NotGeodataException(content.label());
      case UNSUPPORTED -> throw new InvalidDataException("unsupported format: " + content.label());
      case UNKNOWN -> throw new InvalidDataException("unknown format: not a raster or vector format GeoMill"
          + " reads (the content starts with bytes " + FormatSniffer.hexStart(head) + ")");
      case GEODATA -> {
        if (content.isText()) {
          throw new NotGeodataException(content.label());
        }
        // A binary geodata container under a foreign name is more likely a mis-named dataset than a stray file.
        Format likely = Format.ofContent(content);
        throw new InvalidDataException("the content is " + content.description + " but the name does not end in "
            + String.join(" or ", likely.extensions) + ": rename it to have it described as " + likely.label);
      }
    }
  }

  private static void describeAs(Format format, Content content, LocalDataset dataset,
      FileDescription.Builder out) throws Exception {
    String extension = Format.extension(dataset.name()).toLowerCase(Locale.ROOT);
    boolean expected = content == format.content || format.content == Content.TEXT && content.isText();
    if (!expected) {
      throw new InvalidDataException("named " + extension + " but the content is " + content.description
          + ", not " + format.content.description);
    }
    try {
      describer(format).describe(dataset, out);
    } catch (NotGeodataException e) {
      if (!Format.isGeneralPurpose(dataset.name())) {
        throw new InvalidDataException("named " + extension + " but the content is " + e.getMessage(), e);
      }
      throw e;
    }
  }

  private static Describer describer(Format format) {
    return switch (format) {
      case GEOTIFF, ASCII_GRID -> new RasterDescriber(format);
      case SHAPEFILE -> new ShapefileDescriber();
      case GEOJSON -> new GeoJsonDescriber();
      case GEOPACKAGE -> new GeoPackageDescriber();
      case GEOPARQUET -> new GeoParquetDescriber();
      case CSV -> new CsvDescriber();
    };
  }

  /**
   * One row per item for {@link InventoryTable}: the task's description when it ran (or was reused on
   * resume), else a row with the engine's status ("failed", "cancelled") and its message. Items without an
   * outcome are reported as failed rather than dropped.
   */
  public static List<FileDescription> rows(List<BatchItem<DatasetFiles>> items,
      List<ItemOutcome<FileDescription>> outcomes) {
    Map<String, ItemOutcome<FileDescription>> byId = new HashMap<>();
    outcomes.forEach(outcome -> byId.put(outcome.itemId(), outcome));
    List<FileDescription> rows = new ArrayList<>(items.size());
    for (BatchItem<DatasetFiles> item : items) {
      ItemOutcome<FileDescription> outcome = byId.get(item.id());
      if (outcome == null) {
        rows.add(FileDescription.failed(item.payload(), FileDescription.FAILED, "no outcome was recorded"));
      } else if (outcome.succeeded() && outcome.result() != null) {
        rows.add(outcome.result());
      } else {
        rows.add(FileDescription.failed(item.payload(), outcome.status().label(), outcome.message()));
      }
    }
    return rows;
  }
}
