package io.geomill.jobs;

import io.geomill.batch.Batch;
import io.geomill.batch.InputException;
import io.geomill.batch.InputFile;
import io.geomill.raster.RasterJob;
import io.geomill.raster.RasterReadOptions;
import io.geomill.raster.RasterSummary;
import io.geomill.terrain.Terrain;
import io.geomill.terrain.TerrainOptions;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code geomill terrain}: gdaldem's slope, aspect, hillshade, TRI, TPI and roughness over many DEMs or huge ones. */
@Command(name = "terrain", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"gdaldem's terrain products (slope, aspect, hillshade, TRI, TPI, roughness) of every DEM found,"
        + " as gdaldem 3.6.2 computes them: one GeoTIFF per DEM and product, OUT/<dem path>_<product>.tif."
        + " Small DEMs run one per task, large ones in tiles (each read with a 1-cell halo), all in one job.",
        "Slope and aspect Float32 (nodata -9999), hillshade Byte (nodata 0). Geographic DEMs (degrees) get their"
            + " cells measured in metres row by row on their ellipsoid; elevations are taken as metres"
            + " (--z-factor converts others)."})
final class TerrainJob extends OneBatchJob<InputFile, RasterSummary> {
  @Option(names = "--in", required = true, arity = "1..*", paramLabel = "FILE|FOLDER|GLOB",
      description = "DEMs: GeoTIFF (.tif, .tiff) or Esri ASCII grid (.asc with .prj); folders (searched"
          + " recursively), globs ('dems/*.tif'), files, @list.txt; local, file:// or hdfs://. Repeatable.")
  List<String> inputs;

  @Option(names = "--products", required = true, paramLabel = "P1,P2",
      description = "Comma-separated: slope, aspect, hillshade, tri, tpi, roughness, or all.")
  String products;

  @Option(names = "--tile", paramLabel = "N", defaultValue = "" + Terrain.DEFAULT_TILE_SIZE,
      description = "Tile side in cells, rounded up to a multiple of --block-size (default ${DEFAULT-VALUE})."
          + " Does not change the outputs.")
  int tile;

  @Option(names = "--alg", paramLabel = "horn|zt", defaultValue = "horn",
      description = "Gradient of slope, aspect and hillshade: Horn (default) or Zevenbergen-Thorne.")
  String alg;

  @Option(names = "--slope-units", paramLabel = "degrees|percent", defaultValue = "degrees",
      description = "Slope in degrees (default) or percent (gdaldem -p).")
  String slopeUnits;

  @Option(names = "--z-factor", paramLabel = "Z", defaultValue = "1",
      description = "Vertical exaggeration of slope and hillshade, or the conversion of elevation units to the"
          + " grid's (0.3048 for elevations in feet on a metre grid). Default 1.")
  double zFactor;

  @Option(names = "--azimuth", paramLabel = "A", defaultValue = "315",
      description = "Hillshade light direction, compass degrees (default 315).")
  double azimuth;

  @Option(names = "--altitude", paramLabel = "H", defaultValue = "45",
      description = "Hillshade light altitude, 0-90 degrees (default 45).")
  double altitude;

  @ArgGroup(exclusive = true)
  HillshadeVariant hillshade = new HillshadeVariant();

  static final class HillshadeVariant {
    @Option(names = "--combined", description = "Combined hillshade: darkened by slope (gdaldem -combined).")
    boolean combined;

    @Option(names = "--multidirectional",
        description = "Multidirectional hillshade: four lights (gdaldem -multidirectional; --azimuth unused).")
    boolean multidirectional;
  }

  @Option(names = "--compute-edges",
      description = "Compute the edge cells and cells next to nodata too (gdaldem -compute_edges); default nodata.")
  boolean computeEdges;

  @Option(names = "--zero-for-flat",
      description = "Aspect of flat cells 0, not nodata; the aspect files then declare no nodata value (gdaldem"
          + " -zero_for_flat).")
  boolean zeroForFlat;

  @Option(names = "--tri-alg", paramLabel = "riley|wilson", defaultValue = "riley",
      description = "TRI: Riley (terrestrial, default) or Wilson (bathymetric).")
  String triAlg;

  @Mixin
  RasterInputOptions input;

  @Mixin
  GeoTiffStorageOptions storage;

  private Batch<InputFile, RasterSummary> batch;

  @Override
  protected void prepare(Configuration hadoopConf) {
    RasterReadOptions read = input.options();
    RasterJob job;
    try {
      job = Terrain.job(Terrain.parseProducts(products), options()).withTileSize(tile).withRead(read)
          .withWrite(storage.options());
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage(), e);
    }
    List<InputFile> rasters = RasterJob.resolve(inputs, hadoopConf);
    batch = Terrain.batch(job, rasters);
    RasterJob.warmUp(rasters);
  }

  private TerrainOptions options() {
    TerrainOptions.HillshadeMode mode = hillshade.combined ? TerrainOptions.HillshadeMode.COMBINED
        : hillshade.multidirectional ? TerrainOptions.HillshadeMode.MULTIDIRECTIONAL
        : TerrainOptions.HillshadeMode.STANDARD;
    return TerrainOptions.defaults().withGradient(Terrain.parseGradient(alg))
        .withSlopeUnits(Terrain.parseSlopeUnits(slopeUnits)).withZFactor(zFactor).withLight(azimuth, altitude)
        .withHillshade(mode).withComputeEdges(computeEdges).withZeroForFlat(zeroForFlat)
        .withTri(Terrain.parseTriAlgorithm(triAlg));
  }

  @Override
  protected Batch<InputFile, RasterSummary> batch() {
    return batch;
  }
}
