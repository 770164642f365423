package io.geomill.inventory;

/** What a file's first bytes say it is, whatever its name claims. */
enum Content {
  TIFF("a TIFF image", Role.GEODATA),
  SHAPEFILE("an ESRI shapefile main or index file", Role.GEODATA),
  SQLITE("an SQLite database", Role.GEODATA),
  PARQUET("a Parquet file", Role.GEODATA),
  ASCII_GRID("an Esri ASCII grid", Role.GEODATA),
  JSON("JSON text", Role.GEODATA),
  NETCDF("a NetCDF file", Role.UNSUPPORTED),
  HDF5("an HDF5 file", Role.UNSUPPORTED),
  JPEG2000("a JPEG 2000 image", Role.UNSUPPORTED),
  ERDAS_IMAGINE("an ERDAS Imagine image", Role.UNSUPPORTED),
  PNG("a PNG image", Role.OTHER),
  JPEG("a JPEG image", Role.OTHER),
  GIF("a GIF image", Role.OTHER),
  PDF("a PDF document", Role.OTHER),
  ZIP("a ZIP archive", Role.OTHER),
  GZIP("a gzip-compressed file", Role.OTHER),
  XML("XML text", Role.OTHER),
  TEXT("plain text", Role.OTHER),
  EMPTY("nothing (0 bytes)", Role.UNKNOWN),
  BINARY("binary data of an unknown format", Role.UNKNOWN);

  /** How a file with this content and no geodata extension is reported. */
  enum Role {
    /** a format the inventory can describe */
    GEODATA,
    /** geodata in a format the inventory does not read: a failure, so it is not silently skipped */
    UNSUPPORTED,
    /** an ordinary file: reported as not geodata */
    OTHER,
    /** nothing recognisable: a failure */
    UNKNOWN
  }

  final String description;
  final Role role;

  Content(String description, Role role) {
    this.description = description;
    this.role = role;
  }

  boolean isText() {
    return this == TEXT || this == ASCII_GRID || this == JSON || this == XML;
  }

  /** "PNG image" from "a PNG image": the format column of a file that is not geodata. */
  String label() {
    String text = description.replaceFirst("^(a|an) ", "");
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
