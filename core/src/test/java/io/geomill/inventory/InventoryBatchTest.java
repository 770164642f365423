package io.geomill.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.geomill.TestSpark;
import io.geomill.batch.Batch;
import io.geomill.batch.BatchItem;
import io.geomill.batch.BatchResult;
import io.geomill.batch.ItemOutcome;
import io.geomill.batch.ItemStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inventory run by the batch engine on Spark over the whole of data-samples, as {@code geomill inventory}
 * runs it: payloads and results cross the wire, every broken file fails alone, and the table lists them all.
 */
class InventoryBatchTest {

  @Test
  void inventoryOfDataSamplesThroughTheEngine(@TempDir Path out) throws Exception {
    List<BatchItem<DatasetFiles>> items = Samples.items(Samples.ROOT);

    BatchResult<FileDescription> result = Batch.of("inventory", items, Inventory.task())
        .outputTo(out.toString()).run(TestSpark.session());

    Map<String, ItemOutcome<FileDescription>> byId = result.outcomes().stream()
        .collect(Collectors.toMap(ItemOutcome::itemId, outcome -> outcome));
    assertThat(result.failures()).extracting(ItemOutcome::itemId).containsExactlyInAnyOrder(
        "broken/empty.tif", "broken/notes_named_as.tif", "broken/orphan.dbf", "broken/png_named_as.tif",
        "broken/pois_truncated.shp", "broken/pois_without_dbf.shp", "broken/truncated_rhine_d8.tif");
    assertThat(byId.get("broken/png_named_as.tif").message())
        .isEqualTo("broken/png_named_as.tif: named .tif but the content is a PNG image, not a TIFF image");
    assertThat(byId.get("vectors/nyc_area_landmarks.gpkg").result().featureCount()).isEqualTo(346);
    assertThat(byId.get("README.md").result().status()).isEqualTo(FileDescription.NOT_GEODATA);
    assertThat(result.count(ItemStatus.OK)).isEqualTo(items.size() - 7);

    InventoryTable.write(TestSpark.session(), out.toString(), Inventory.rows(items, result.outcomes()));

    List<String> csv = Files.readAllLines(out.resolve(InventoryTable.CSV));
    assertThat(csv).hasSize(items.size() + 1);
    assertThat(csv).filteredOn(line -> line.startsWith("broken/empty.tif,failed,")).hasSize(1);
  }
}
