package io.geomill.hydrology;

/** A growable first-in first-out queue of ints (cell indices), as a ring buffer: no boxing, no node objects. */
final class IntQueue {
  private int[] items;
  private int head;
  private int size;

  IntQueue(int capacity) {
    items = new int[Math.max(16, capacity)];
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  void add(int value) {
    if (size == items.length) {
      int[] grown = new int[items.length + (items.length >> 1) + 16];
      int tail = items.length - head;
      System.arraycopy(items, head, grown, 0, Math.min(size, tail));
      if (size > tail) {
        System.arraycopy(items, 0, grown, tail, size - tail);
      }
      items = grown;
      head = 0;
    }
    int at = head + size;
    items[at >= items.length ? at - items.length : at] = value;
    size++;
  }

  int peek() {
    return items[head];
  }

  int poll() {
    int value = items[head];
    head = head + 1 == items.length ? 0 : head + 1;
    size--;
    return value;
  }
}
