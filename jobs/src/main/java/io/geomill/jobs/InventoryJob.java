package io.geomill.jobs;

import io.geomill.batch.Batch;
import io.geomill.batch.BatchItem;
import io.geomill.batch.BatchResult;
import io.geomill.batch.Inputs;
import io.geomill.inventory.DatasetFiles;
import io.geomill.inventory.FileDescription;
import io.geomill.inventory.Inventory;
import io.geomill.inventory.InventoryTable;
import io.geomill.spark.GeoMillSpark;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code geomill inventory}: describe every raster and vector file, the step before any batch. */
@Command(name = "inventory", mixinStandardHelpOptions = true,
    description = {"Describe every raster and vector file found: format, CRS, size, bounds, data type, nodata, "
        + "value range or feature count and geometry types, and problems. Broken files (empty, truncated, "
        + "mis-named, missing a sidecar) are reported one by one; the others are still described.",
        "Writes OUT/inventory.csv, OUT/inventory.parquet (GeoParquet, footprints in EPSG:4326) and "
            + "OUT/geomill-report.json."})
final class InventoryJob extends BatchJob<SparkSession> {
  @Parameters(arity = "1..*", paramLabel = "INPUT",
      description = "Folders (searched recursively), globs ('dems/*.tif'), files, or @list.txt "
          + "(one path or glob per line); local paths, file:// or hdfs://.")
  List<String> inputs;

  private List<BatchItem<DatasetFiles>> items;

  @Override
  protected void prepare(Configuration hadoopConf) {
    items = Inventory.items(Inputs.resolve(inputs, hadoopConf));
  }

  @Override
  protected SparkSession startSpark(SparkConf conf) {
    return GeoMillSpark.session(conf);
  }

  @Override
  protected int run(SparkStart<SparkSession> spark) {
    SparkSession session = spark.await();
    BatchResult<FileDescription> result = runBatch(session.sparkContext(), Batch.of("inventory", items, Inventory.task()));
    if (!result.cancelled()) {
      InventoryTable.write(session, out, Inventory.rows(items, result.outcomes()));
    }
    printSummary(result);
    return result.exitCode();
  }
}
