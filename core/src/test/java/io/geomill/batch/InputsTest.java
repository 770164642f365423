package io.geomill.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputsTest {
  private final Configuration conf = new Configuration();

  @TempDir
  Path dir;

  @BeforeEach
  void files() throws IOException {
    write("a.tif", 3);
    write("b.TIF", 5);
    write("sub/c.tif", 7);
    write("sub/d.shp", 11);
    write(".hidden.tif", 1);
    write("_geomill/done/x", 1);
    write("sub/.cache/e.tif", 1);
  }

  private void write(String name, int bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[bytes]);
  }

  private static List<String> relativePaths(List<InputFile> files) {
    return files.stream().map(InputFile::relativePath).toList();
  }

  @Test
  void aFolderListsEveryVisibleFileBelowItWithSizes() {
    List<InputFile> files = Inputs.resolve(List.of(dir.toString()), conf);

    assertThat(relativePaths(files)).containsExactly("a.tif", "b.TIF", "sub/c.tif", "sub/d.shp");
    assertThat(files).extracting(InputFile::size).containsExactly(3L, 5L, 7L, 11L);
    assertThat(files.get(0).uri()).startsWith("file:/").endsWith("/a.tif");
    assertThat(files.get(2).name()).isEqualTo("c.tif");
  }

  @Test
  void aGlobMatchesPerSegmentAndKeepsPathsRelativeToItsFixedPart() {
    List<InputFile> files = Inputs.resolve(List.of(dir + "/*/*.tif", dir + "/a.*"), conf);

    assertThat(relativePaths(files)).containsExactly("sub/c.tif", "a.tif");
  }

  @Test
  void aListFileResolvesRelativeEntriesAgainstItsFolderAndSkipsComments() throws IOException {
    Path list = dir.resolve("list.txt");
    Files.writeString(list, "# the DEMs\n\na.tif\n  sub/*.shp  \n" + dir.resolve("b.TIF") + "\n");

    List<InputFile> files = Inputs.resolve(List.of("@" + list), conf);

    assertThat(relativePaths(files)).containsExactly("a.tif", "d.shp", "b.TIF");
  }

  @Test
  void aFileReachedTwiceIsListedOnce() {
    List<InputFile> files = Inputs.resolve(List.of(dir.resolve("a.tif").toString(), dir + "/*.tif"), conf);

    assertThat(relativePaths(files)).containsExactly("a.tif");
  }

  @Test
  void unusableInputsAreClearErrorsNamingTheInput() throws IOException {
    Files.createDirectories(dir.resolve("empty"));
    Path badList = dir.resolve("bad.txt");
    Files.writeString(badList, "a.tif\nmissing.tif\n");

    assertThatThrownBy(() -> Inputs.resolve(List.of(dir.resolve("nope").toString()), conf))
        .isInstanceOf(InputException.class).hasMessage(dir.resolve("nope") + ": no such file or folder");
    assertThatThrownBy(() -> Inputs.resolve(List.of(dir + "/*.png"), conf))
        .isInstanceOf(InputException.class).hasMessage(dir + "/*.png: the pattern matches no files");
    assertThatThrownBy(() -> Inputs.resolve(List.of(dir.resolve("empty").toString()), conf))
        .isInstanceOf(InputException.class).hasMessageEndingWith("empty: the folder holds no files");
    assertThatThrownBy(() -> Inputs.resolve(List.of("@" + badList), conf))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("@" + badList + " line 2: ").hasMessageEndingWith("missing.tif: no such file or folder");
    assertThatThrownBy(() -> Inputs.resolve(List.of("@" + dir.resolve("none.txt")), conf))
        .isInstanceOf(InputException.class).hasMessageEndingWith("none.txt: the list file does not exist");
    assertThatThrownBy(() -> Inputs.resolve(List.of(), conf))
        .isInstanceOf(InputException.class).hasMessage("no inputs given");
  }
}
