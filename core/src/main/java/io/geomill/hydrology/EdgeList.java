package io.geomill.hydrology;

import java.util.Arrays;

/** A weighted graph on nodes 0..n-1 built edge by edge, for the tiled fill's perimeter problem. */
final class EdgeList {
  private final int nodes;
  private int[] from = new int[1024];
  private int[] to = new int[1024];
  private float[] weight = new float[1024];
  private int size;

  EdgeList(int nodes) {
    this.nodes = nodes;
  }

  /** An edge both ways. */
  void add(int a, int b, float w) {
    addDirected(a, b, w);
    addDirected(b, a, w);
  }

  void addDirected(int a, int b, float w) {
    if (size == from.length) {
      int grown = size + (size >> 1);
      from = Arrays.copyOf(from, grown);
      to = Arrays.copyOf(to, grown);
      weight = Arrays.copyOf(weight, grown);
    }
    from[size] = a;
    to[size] = b;
    weight[size] = w;
    size++;
  }

  /**
   * The minimax distance of every node from {@code source}: the lowest, over paths from the source, of the
   * highest edge weight on the path (the source itself at -infinity; +infinity if unreachable).
   */
  float[] minimaxFrom(int source) {
    int[] start = new int[nodes + 1];
    for (int e = 0; e < size; e++) {
      start[from[e] + 1]++;
    }
    for (int v = 0; v < nodes; v++) {
      start[v + 1] += start[v];
    }
    int[] fill = Arrays.copyOf(start, nodes);
    int[] target = new int[size];
    float[] w = new float[size];
    for (int e = 0; e < size; e++) {
      int at = fill[from[e]]++;
      target[at] = to[e];
      w[at] = weight[e];
    }
    float[] level = new float[nodes];
    Arrays.fill(level, Float.POSITIVE_INFINITY);
    boolean[] done = new boolean[nodes];
    RadixHeap heap = new RadixHeap();
    level[source] = Float.NEGATIVE_INFINITY;
    heap.push(level[source], source);
    while (!heap.isEmpty()) {
      int v = heap.pop();
      if (done[v]) {
        continue;
      }
      done[v] = true;
      for (int e = start[v]; e < start[v + 1]; e++) {
        int u = target[e];
        float candidate = Math.max(level[v], w[e]);
        if (candidate < level[u]) {
          level[u] = candidate;
          heap.push(candidate, u);
        }
      }
    }
    return level;
  }
}
