package io.geomill.fs;

import java.io.File;
import java.io.IOException;

/**
 * Gives a readable local file for any Hadoop URI. Readers built on java.io (GeoTools, JDBC-based GeoPackage)
 * need one; a file: URI is returned as it is, anything else is copied into task-local scratch space once.
 */
@FunctionalInterface
public interface LocalFiles {
  File local(String uri) throws IOException;
}
