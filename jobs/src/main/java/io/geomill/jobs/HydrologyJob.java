package io.geomill.jobs;

import io.geomill.batch.Batch;
import io.geomill.batch.InputException;
import io.geomill.batch.InputFile;
import io.geomill.batch.Inputs;
import io.geomill.hydrology.FlowCodes;
import io.geomill.hydrology.job.Hydrology;
import io.geomill.hydrology.job.HydrologyOptions;
import io.geomill.hydrology.job.HydrologyProduct;
import io.geomill.hydrology.job.HydrologySummary;
import io.geomill.raster.RasterJob;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code geomill hydrology}: depression filling, D8 flow directions and flow accumulation, exact across tiles. */
@Command(name = "hydrology", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Depression filling (Priority-Flood), D8 flow directions (flats resolved) and D8 flow "
        + "accumulation for every DEM found; or the accumulation of flow-direction rasters (--flowdir). A DEM of "
        + "one tile runs in one task; a larger one tile by tile, exactly equal to an untiled run.",
        "Writes OUT/<input without extension>_filled.tif (Float32), _flowdir.tif (Byte codes, nodata 255), "
            + "_accumulation.tif (Float64, cells including the cell itself) and OUT/geomill-report.json."})
final class HydrologyJob extends OneBatchJob<InputFile, HydrologySummary> {
  @Option(names = "--in", arity = "1..*", paramLabel = "INPUT",
      description = "DEMs: folders (searched recursively), globs ('dems/*.tif'), files or @list.txt; local, "
          + "file:// or hdfs://. GeoTIFF or Esri ASCII grid.")
  List<String> in;

  @Option(names = "--flowdir", arity = "1..*", paramLabel = "INPUT",
      description = "Flow-direction rasters instead of DEMs (same forms as --in): their accumulation only.")
  List<String> flowdir;

  @Option(names = "--products", split = ",", paramLabel = "P[,P...]",
      description = "filled, flowdir, accumulation (default: all three; accumulation with --flowdir).")
  List<String> products;

  @Option(names = "--tile", paramLabel = "N", defaultValue = "" + RasterJob.DEFAULT_TILE_SIZE,
      description = "Tile side in cells, rounded up to a multiple of 256 (default ${DEFAULT-VALUE}): a task "
          + "holds about 40 bytes per cell of its tile.")
  int tile;

  @Option(names = "--weights", paramLabel = "FILE",
      description = "Weight raster on the inputs' grid: accumulation sums weights instead of counting cells.")
  String weights;

  @Option(names = "--codes", paramLabel = "esri|taudem",
      description = "Flow-direction codes written (default esri: 1=E 2=SE 4=S ... 128=NE) or read with --flowdir"
          + " (default: detected from the values).")
  String codes;

  @Option(names = "--epsilon", description = "Fill with an epsilon gradient (one float step) instead of flat.")
  boolean epsilon;

  @Mixin
  RasterInputOptions input;

  private List<InputFile> inputs;
  private HydrologyOptions options;
  private Batch<InputFile, HydrologySummary> batch;

  @Override
  protected void prepare(Configuration hadoopConf) {
    if ((in == null) == (flowdir == null)) {
      throw new InputException("give the DEMs with --in, or flow-direction rasters with --flowdir (one of them)");
    }
    inputs = RasterJob.resolve(in != null ? in : flowdir, hadoopConf);
    HydrologyOptions chosen = HydrologyOptions.defaults().withTileSize(tile).withEpsilon(epsilon)
        .withCodes(codes(codes)).withRead(input.options());
    if (flowdir != null) {
      chosen = chosen.fromDirections();
    }
    if (products != null) {
      chosen = chosen.withProducts(products(products));
    }
    if (weights != null) {
      List<InputFile> found = Inputs.resolve(List.of(weights), hadoopConf);
      if (found.size() != 1) {
        throw new InputException("--weights " + weights + ": names " + found.size() + " files, not one raster");
      }
      chosen = chosen.withWeights(found.get(0));
    }
    options = chosen;
    batch = Hydrology.batch(inputs, options); // two inputs writing one output: a usage error, before Spark starts
    RasterJob.warmUp(inputs);
  }

  private static FlowCodes codes(String name) {
    if (name == null) {
      return null;
    }
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "esri" -> FlowCodes.ESRI;
      case "taudem" -> FlowCodes.TAUDEM;
      default -> throw new InputException("--codes " + name + ": choose esri or taudem");
    };
  }

  private static Set<HydrologyProduct> products(List<String> names) {
    Set<HydrologyProduct> chosen = EnumSet.noneOf(HydrologyProduct.class);
    for (String name : names) {
      try {
        chosen.add(HydrologyProduct.parse(name));
      } catch (IllegalArgumentException e) {
        throw new InputException("--products: " + e.getMessage(), e);
      }
    }
    return chosen;
  }

  @Override
  protected Batch<InputFile, HydrologySummary> batch() {
    return batch;
  }
}
