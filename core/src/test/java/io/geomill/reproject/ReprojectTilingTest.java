package io.geomill.reproject;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.raster.GeoTiffOptions;
import io.geomill.vector.LayerCrs;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Any target tiling writes the same file, byte for byte, as one tile. */
class ReprojectTilingTest {
  private static final GeoTiffOptions BLOCKS_OF_64 = GeoTiffOptions.DEFAULTS.withBlockSize(64);

  @TempDir
  Path dir;

  @Test
  void tiledEqualsUntiledForEveryResamplingAndTileSize() throws IOException {
    File rhine = Reprojected.SAMPLES.resolve("rhine_elv0.tif").toFile();
    // to Web Mercator the source is reduced by about 1.7 in y: bilinear and cubic take GDAL's widened kernel
    for (Resampling resampling : Resampling.values()) {
      Reprojection job = Reprojection.to(LayerCrs.parse("EPSG:3857")).withResampling(resampling)
          .withWrite(BLOCKS_OF_64);
      byte[] oneTile = Files.readAllBytes(Reprojected.run(job.withTileSize(4096), rhine,
          dir.resolve(resampling + "-whole")).toPath());
      // tiles of 128 and 320 cells divide neither side of the target grid
      for (int tileSize : new int[] {128, 320}) {
        File tiled = Reprojected.run(job.withTileSize(tileSize), rhine, dir.resolve(resampling + "-" + tileSize));
        assertThat(Files.readAllBytes(tiled.toPath())).as("%s in tiles of %d", resampling, tileSize)
            .isEqualTo(oneTile);
      }
    }
  }

  /**
   * Uncompressed tiles are written straight into the output file the parts share; one tile (an item run whole)
   * is assembled from its blocks: the same bytes, classic TIFF or BigTIFF.
   */
  @Test
  void uncompressedTilesWrittenInPlaceEqualTheAssembledFile() throws IOException {
    File rhine = Reprojected.SAMPLES.resolve("rhine_elv0.tif").toFile();
    for (GeoTiffOptions write : new GeoTiffOptions[] {BLOCKS_OF_64.withDeflateLevel(0),
        BLOCKS_OF_64.withDeflateLevel(0).withBigTiff(true)}) {
      Reprojection job = Reprojection.to(LayerCrs.parse("EPSG:3857")).withResampling(Resampling.BILINEAR)
          .withWrite(write);
      String name = write.bigTiff() ? "big" : "classic";
      byte[] assembled = Files.readAllBytes(Reprojected.run(job.withTileSize(4096), rhine,
          dir.resolve(name + "-whole")).toPath());
      byte[] inPlace = Files.readAllBytes(Reprojected.run(job.withTileSize(320), rhine,
          dir.resolve(name + "-320")).toPath());
      assertThat(inPlace).as(name).isEqualTo(assembled);
      assertThat(assembled.length).as("uncompressed, 4 bytes a cell").isGreaterThan(4 * 800 * 800);
    }
  }
}
