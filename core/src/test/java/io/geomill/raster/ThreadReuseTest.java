package io.geomill.raster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ThreadReuseTest {
  @Test
  void aThreadGetsBackWhatItKeptAndNoOtherThreadSeesIt() throws InterruptedException {
    ThreadReuse<float[]> reuse = new ThreadReuse<>();
    assertThat(reuse.kept()).isNull();
    float[] window = new float[16];
    reuse.keep(window);
    AtomicReference<float[]> seenElsewhere = new AtomicReference<>(new float[1]);
    Thread other = new Thread(() -> seenElsewhere.set(reuse.kept()));
    other.start();
    other.join();

    assertThat(reuse.kept()).isSameAs(window);
    assertThat(seenElsewhere.get()).isNull();
    float[] larger = new float[32];
    reuse.keep(larger);
    assertThat(reuse.kept()).isSameAs(larger);
  }
}
