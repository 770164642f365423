package io.geomill.inventory;

import io.geomill.batch.InputFile;
import io.geomill.fs.LocalFiles;
import java.io.File;
import java.io.IOException;
import java.util.Optional;

/**
 * A dataset's files as local files, fetched only when a describer asks for them: a GeoTIFF's overviews or a
 * shapefile's spatial index are never copied from a remote file system just to be ignored.
 */
final class LocalDataset {
  private final DatasetFiles files;
  private final LocalFiles local;

  LocalDataset(DatasetFiles files, LocalFiles local) {
    this.files = files;
    this.local = local;
  }

  DatasetFiles files() {
    return files;
  }

  String name() {
    return files.primary().name();
  }

  File primary() throws IOException {
    return local.local(files.primary().uri());
  }

  Optional<File> sidecar(String suffix) throws IOException {
    Optional<InputFile> sidecar = files.sidecar(suffix);
    return sidecar.isPresent() ? Optional.of(local.local(sidecar.get().uri())) : Optional.empty();
  }

  String sidecarName(String suffix) {
    return files.sidecar(suffix).map(InputFile::name).orElse(files.expectedSidecarName(suffix));
  }
}
