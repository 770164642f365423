package io.geomill.batch;

import java.io.Serializable;

/**
 * What one Spark task runs for one item: the whole item, one of its parts in one of its phases, or the finish
 * that combines its parts ({@link PartedTask}, {@link PhasedTask}).
 *
 * @param part   {@link #WHOLE}, {@link #FINISH} or a part index from 0
 * @param parts  how many parts the item has (1 for a whole item)
 * @param phase  the item's phase this part runs in, from 0 (0 for a whole item or a finish)
 * @param weight the expected cost, for largest-first scheduling
 * @param input  what the driver gave the part (or the finish) for this phase; null for a whole item
 */
record Unit<T extends Serializable>(BatchItem<T> item, int part, int parts, int phase, long weight,
    Serializable input) implements Serializable {
  static final int WHOLE = -1;
  static final int FINISH = -2;

  static <T extends Serializable> Unit<T> whole(BatchItem<T> item, long weight) {
    return new Unit<>(item, WHOLE, 1, 0, weight, null);
  }

  boolean isPart() {
    return part >= 0;
  }

  String describe() {
    return switch (part) {
      case WHOLE -> item.id();
      case FINISH -> item.id() + " (combining its " + parts + " parts)";
      default -> item.id() + " (part " + (part + 1) + " of " + parts + (phase > 0 ? ", phase " + (phase + 1) : "")
          + ")";
    };
  }
}
