package io.geomill.fields;

import io.geomill.inventory.DatasetFiles;
import java.io.Serializable;
import java.util.List;

/**
 * One dataset of a calculate-fields batch, as planned on the driver: its files, and per layer the compiled
 * calculation to run (by key into the task's table), or why the dataset cannot be edited.
 *
 * @param error the reason the edits do not fit this dataset (its item fails with it, nothing is written), or null
 */
public record EditTarget(DatasetFiles files, boolean geoPackage, List<LayerPlan> layers, String error)
    implements Serializable {

  /**
   * @param name           the layer (a GeoPackage table; a shapefile's stem)
   * @param geometryColumn a GeoPackage table's geometry column; null for a shapefile
   * @param primaryKey     a GeoPackage table's integer primary key; null for a shapefile
   * @param fields         the fields the driver compiled against (the task checks the file still has them)
   * @param calculation    the key of the layer's {@link Calculation}
   */
  public record LayerPlan(String name, String geometryColumn, String primaryKey, List<LayerField> fields,
      String calculation) implements Serializable {}

  public EditTarget {
    layers = List.copyOf(layers);
  }

  static EditTarget failed(DatasetFiles files, boolean geoPackage, String error) {
    return new EditTarget(files, geoPackage, List.of(), error);
  }
}
