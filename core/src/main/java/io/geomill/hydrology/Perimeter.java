package io.geomill.hydrology;

/**
 * The numbering of the border cells of a width x height window that all tile summaries use: the top row left
 * to right, then the bottom row left to right, then the left column top to bottom without its corners, then
 * the right column likewise. A window one cell high or wide is all border. The ring of cells just outside a
 * window (its 1-cell halo) is the perimeter of the (width + 2) x (height + 2) window around it.
 */
public final class Perimeter {
  private Perimeter() {}

  public static int size(int width, int height) {
    if (width <= 0 || height <= 0) {
      return 0;
    }
    if (width <= 2 || height <= 2) {
      return width * height;
    }
    return 2 * width + 2 * height - 4;
  }

  /** The perimeter index of window cell (x, y), or -1 when the cell is inside the window. */
  public static int index(int x, int y, int width, int height) {
    if (y == 0) {
      return x;
    }
    if (y == height - 1) {
      return width + x;
    }
    if (x == 0) {
      return 2 * width + y - 1;
    }
    if (x == width - 1) {
      return 2 * width + height - 2 + y - 1;
    }
    return -1;
  }

  /**
   * The ring index (see the class comment) of cell (x, y) just outside a width x height window, x in
   * [-1, width], y in [-1, height].
   */
  public static int ringIndex(int x, int y, int width, int height) {
    return index(x + 1, y + 1, width + 2, height + 2);
  }

  /** Column (in the window) of perimeter cell {@code i}. */
  public static int x(int i, int width, int height) {
    if (i < width) {
      return i;
    }
    if (i < 2 * width) {
      return i - width;
    }
    return i - 2 * width < height - 2 ? 0 : width - 1;
  }

  /** Row (in the window) of perimeter cell {@code i}. */
  public static int y(int i, int width, int height) {
    if (i < width) {
      return 0;
    }
    if (i < 2 * width) {
      return height - 1;
    }
    int j = i - 2 * width;
    return j < height - 2 ? 1 + j : 1 + j - (height - 2);
  }
}
