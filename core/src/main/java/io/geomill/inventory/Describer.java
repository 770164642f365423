package io.geomill.inventory;

/** Describes the datasets of one format. Implementations hold no state: one instance serves every dataset. */
interface Describer {

  /**
   * Fills in {@code out}, adding a problem for each defect that does not prevent describing.
   *
   * @throws InvalidDataException when the data cannot be described (the reason, without the path)
   * @throws NotGeodataException  when the file is an ordinary one after all
   */
  void describe(LocalDataset dataset, FileDescription.Builder out) throws Exception;
}
