package io.geomill.raster;

import java.lang.ref.SoftReference;

/**
 * What a task thread keeps from one tile for the next (Spark keeps its task threads): a tile's arrays allocated
 * afresh make each young collection copy the other threads' live ones, tens of MB a tile. Held softly, so a JVM
 * that lives on after the job (a notebook's) gives them back to the collector when it needs the memory.
 */
public final class ThreadReuse<T> {
  private final ThreadLocal<SoftReference<T>> held = new ThreadLocal<>();

  /** What this thread kept, or null: nothing kept yet, or taken back by the collector. */
  public T kept() {
    SoftReference<T> reference = held.get();
    return reference == null ? null : reference.get();
  }

  public void keep(T value) {
    if (kept() != value) {
      held.set(new SoftReference<>(value));
    }
  }
}
