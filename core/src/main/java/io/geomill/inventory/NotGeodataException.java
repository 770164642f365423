package io.geomill.inventory;

/**
 * A file in a format that only sometimes holds geodata turned out not to (a {@code .json} that is not GeoJSON,
 * a {@code .csv} without geometry columns). The message says what it is instead.
 */
class NotGeodataException extends Exception {
  NotGeodataException(String what) {
    super(what);
  }
}
