package io.geomill.batch;

import java.io.Serializable;
import java.util.List;

/**
 * What one Spark task runs for one item: the whole item, one of its parts, or the finish that combines its
 * parts ({@link PartedTask}).
 *
 * @param part        {@link #WHOLE}, {@link #FINISH} or a part index from 0
 * @param parts       how many parts the item has (1 for a whole item)
 * @param weight      the expected cost, for largest-first scheduling
 * @param partResults for a finish: what the parts returned, in part order; else empty
 */
record Unit<T extends Serializable>(BatchItem<T> item, int part, int parts, long weight,
    List<Serializable> partResults) implements Serializable {
  static final int WHOLE = -1;
  static final int FINISH = -2;

  static <T extends Serializable> Unit<T> whole(BatchItem<T> item, long weight) {
    return new Unit<>(item, WHOLE, 1, weight, List.of());
  }

  boolean isPart() {
    return part >= 0;
  }

  String describe() {
    return switch (part) {
      case WHOLE -> item.id();
      case FINISH -> item.id() + " (combining its " + parts + " parts)";
      default -> item.id() + " (part " + (part + 1) + " of " + parts + ")";
    };
  }
}
