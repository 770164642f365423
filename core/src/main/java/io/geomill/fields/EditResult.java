package io.geomill.fields;

import java.io.Serializable;
import java.util.List;

/**
 * What was done to one dataset.
 *
 * @param layers   layers edited
 * @param features features evaluated, over all its layers
 * @param notes    what users should know (a backup made or kept)
 */
public record EditResult(int layers, long features, List<String> notes) implements Serializable {
  public EditResult {
    notes = List.copyOf(notes);
  }
}
