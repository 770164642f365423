package io.geomill.inventory;

import io.geomill.batch.InputFile;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One dataset as files: the primary file (the one a user names, e.g. {@code roads.shp}) and the sidecars that
 * belong to it ({@code roads.shx}, {@code roads.dbf}, {@code roads.prj}...).
 *
 * @param primary  the file that names the dataset
 * @param sidecars the other files of the dataset, in name order; empty for single-file formats
 */
public record DatasetFiles(InputFile primary, List<InputFile> sidecars) implements Serializable {

  public DatasetFiles {
    sidecars = List.copyOf(sidecars);
  }

  public static DatasetFiles single(InputFile file) {
    return new DatasetFiles(file, List.of());
  }

  /** The primary's relative path: the item id and the path column of the inventory. */
  public String id() {
    return primary.relativePath();
  }

  public List<InputFile> all() {
    List<InputFile> all = new ArrayList<>(sidecars.size() + 1);
    all.add(primary);
    all.addAll(sidecars);
    return all;
  }

  public long totalBytes() {
    return all().stream().mapToLong(InputFile::size).sum();
  }

  /** Every file's size and time, so that a changed sidecar invalidates a resumed result too. */
  public String fingerprint() {
    StringBuilder text = new StringBuilder(primary.fingerprint());
    for (InputFile sidecar : sidecars) {
      text.append(',').append(sidecar.name()).append('=').append(sidecar.fingerprint());
    }
    return text.toString();
  }

  /**
   * The sidecar with this suffix, whichever of the two naming habits it follows: the primary's name without
   * its extension plus the suffix ({@code DEM.tfw}, {@code roads.dbf}) or the whole name plus the suffix
   * ({@code DEM.tif.aux.xml}, {@code roads.shp.xml}). Letter case is ignored, as Windows tools ignore it.
   */
  public Optional<InputFile> sidecar(String suffix) {
    String byStem = (stem(primary.name()) + suffix).toLowerCase(Locale.ROOT);
    String byName = (primary.name() + suffix).toLowerCase(Locale.ROOT);
    return sidecars.stream()
        .filter(f -> {
          String name = f.name().toLowerCase(Locale.ROOT);
          return name.equals(byStem) || name.equals(byName);
        })
        .findFirst();
  }

  /** The name a sidecar with this suffix would have, for messages about a missing one. */
  public String expectedSidecarName(String suffix) {
    return stem(primary.name()) + suffix;
  }

  String fileNames() {
    return String.join(";", all().stream().map(InputFile::name).toList());
  }

  /** A name without its last extension; the whole name when it has none. */
  static String stem(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
