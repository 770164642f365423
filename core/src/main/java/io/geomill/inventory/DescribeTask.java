package io.geomill.inventory;

import io.geomill.batch.ItemContext;
import io.geomill.batch.ItemTask;

/** {@link Inventory#describe} as a batch task: reads the dataset through the item context, writes nothing. */
public final class DescribeTask implements ItemTask<DatasetFiles, FileDescription> {
  private static final long serialVersionUID = 1L;

  @Override
  public FileDescription run(DatasetFiles payload, ItemContext context) throws DescribeException {
    return Inventory.describe(payload, context);
  }
}
