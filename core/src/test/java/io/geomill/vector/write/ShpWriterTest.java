package io.geomill.vector.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.algorithm.Area;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.impl.CoordinateArraySequence;
import org.locationtech.jts.io.WKTReader;

/** The bytes of the .shp and .shx against the ESRI Shapefile Technical Description (1998). */
class ShpWriterTest {
  @TempDir
  Path work;

  @Test
  void polygonRingsAreWrittenShellClockwiseHolesCounterClockwiseWithHeadersAndIndex() throws Exception {
    File shp = work.resolve("p.shp").toFile();
    // JTS gives both rings counter-clockwise here: the writer must turn the shell
    String wkt = "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2))";
    try (ShpWriter writer = new ShpWriter(shp, ShapeType.POLYGON, ShpWriter.MAX_FILE_BYTES)) {
      writer.write(new WKTReader().read(wkt));
      writer.write(null);
    }

    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(shp.toPath()));
    assertThat(bytes.order(ByteOrder.BIG_ENDIAN).getInt(0)).isEqualTo(9994);
    assertThat(bytes.getInt(24) * 2L).isEqualTo(shp.length());
    bytes.order(ByteOrder.LITTLE_ENDIAN);
    assertThat(bytes.getInt(28)).isEqualTo(1000);
    assertThat(bytes.getInt(32)).isEqualTo(5);
    assertThat(new double[] {bytes.getDouble(36), bytes.getDouble(44), bytes.getDouble(52), bytes.getDouble(60)})
        .containsExactly(0, 0, 10, 10);
    // record 1: header, then type, box, 2 parts, 10 points, part starts 0 and 5
    assertThat(bytes.order(ByteOrder.BIG_ENDIAN).getInt(100)).isEqualTo(1);
    int contentWords = bytes.getInt(104);
    assertThat(contentWords * 2).isEqualTo(44 + 4 * 2 + 16 * 10);
    bytes.order(ByteOrder.LITTLE_ENDIAN);
    assertThat(bytes.getInt(108)).isEqualTo(5);
    assertThat(bytes.getInt(144)).isEqualTo(2);
    assertThat(bytes.getInt(148)).isEqualTo(10);
    assertThat(bytes.getInt(152)).isZero();
    assertThat(bytes.getInt(156)).isEqualTo(5);
    CoordinateSequence shell = ring(bytes, 160, 5);
    CoordinateSequence hole = ring(bytes, 160 + 16 * 5, 5);
    assertThat(Area.ofRingSigned(shell)).as("shell clockwise").isEqualTo(100);
    assertThat(Area.ofRingSigned(hole)).as("hole counter-clockwise").isEqualTo(-4);
    // record 2: a null shape, 4 bytes of content
    int second = 108 + contentWords * 2;
    assertThat(bytes.order(ByteOrder.BIG_ENDIAN).getInt(second)).isEqualTo(2);
    assertThat(bytes.getInt(second + 4)).isEqualTo(2);
    assertThat(bytes.order(ByteOrder.LITTLE_ENDIAN).getInt(second + 8)).isZero();

    ByteBuffer index = ByteBuffer.wrap(Files.readAllBytes(work.resolve("p.shx"))).order(ByteOrder.BIG_ENDIAN);
    assertThat(index.getInt(24) * 2L).isEqualTo(100 + 2 * 8);
    assertThat(new int[] {index.getInt(100), index.getInt(104), index.getInt(108), index.getInt(112)})
        .containsExactly(50, contentWords, second / 2, 2);
  }

  @Test
  void aRecordThatWouldPassTheLimitIsRefusedAndNothingPastItIsWritten() throws Exception {
    File shp = work.resolve("big.shp").toFile();
    long limit = 100 + 2 * 28; // room for two point records of 8 + 20 bytes
    ShpWriter writer = new ShpWriter(shp, ShapeType.POINT, limit);
    writer.write(new WKTReader().read("POINT (1 1)"));
    writer.write(new WKTReader().read("POINT (2 2)"));

    assertThatThrownBy(() -> writer.write(new WKTReader().read("POINT (3 3)")))
        .isInstanceOf(ShapefileLimitException.class)
        .hasMessageContaining("big.shp: record 3 would take the file past the 156-byte shapefile limit");
    writer.close();
    assertThat(shp.length()).isEqualTo(limit);
  }

  private static CoordinateSequence ring(ByteBuffer bytes, int offset, int points) {
    Coordinate[] coordinates = new Coordinate[points];
    for (int i = 0; i < points; i++) {
      coordinates[i] = new Coordinate(bytes.getDouble(offset + 16 * i), bytes.getDouble(offset + 16 * i + 8));
    }
    return new CoordinateArraySequence(coordinates);
  }
}
