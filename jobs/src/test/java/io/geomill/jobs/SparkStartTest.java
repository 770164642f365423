package io.geomill.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Spark start that a finished job leaves behind. */
class SparkStartTest {
  private static final Logger CONTEXT_LOG = LogManager.getLogger(SparkContext.class);
  /** Where Spark logs what fails in the stop of a context whose start failed. */
  private static final Logger UTILS_LOG = LogManager.getLogger("org.apache.spark.util.Utils");

  private final List<String> logged = new CopyOnWriteArrayList<>();
  private final AbstractAppender capture = new AbstractAppender("spark-start-test", null, null, true,
      Property.EMPTY_ARRAY) {
    @Override
    public void append(LogEvent event) {
      logged.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
    }
  };

  @BeforeEach
  void captureTheLog() {
    capture.start();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().getRootLogger().addAppender(capture, Level.ALL, null);
    context.updateLoggers();
  }

  @AfterEach
  void stopCapturing() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().getRootLogger().removeAppender(capture.getName());
    context.updateLoggers();
    capture.stop();
  }

  /**
   * The JVM's exit makes a context's start fail (Spark logs the error, then throws it); a start the job left
   * behind logs nothing of it, and the context's log is as before once the start has ended.
   */
  @Test
  void aStartLeftBehindLogsNoErrorOfItsEndAndThenTheContextLogsAsBefore() throws InterruptedException {
    Level before = CONTEXT_LOG.getLevel();
    Level utilsBefore = UTILS_LOG.getLevel();
    CountDownLatch exiting = new CountDownLatch(1);
    SparkStart<String> start = SparkStart.inBackground(() -> {
      try {
        exiting.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      CONTEXT_LOG.error("Error initializing SparkContext.");
      UTILS_LOG.error("Uncaught exception in thread geomill-spark-start");
      throw new IllegalStateException("Shutdown hooks cannot be modified during shutdown.");
    });

    start.leaveStarting();
    exiting.countDown();

    assertThatThrownBy(start::await).hasMessageContaining("Shutdown hooks");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while ((CONTEXT_LOG.getLevel() != before || UTILS_LOG.getLevel() != utilsBefore)
        && Instant.now().isBefore(deadline)) {
      Thread.sleep(10); // the levels come back just after the start ends, on the start's thread
    }
    assertThat(CONTEXT_LOG.getLevel()).isEqualTo(before);
    assertThat(UTILS_LOG.getLevel()).isEqualTo(utilsBefore);
    assertThat(logged).isEmpty();
    CONTEXT_LOG.error("a later context's error");
    UTILS_LOG.error("a later error of Spark's utilities");
    assertThat(logged).containsExactly("ERROR a later context's error", "ERROR a later error of Spark's utilities");
  }

  /** A start that is up when the job ends is not touched: its context's errors are logged. */
  @Test
  void aStartAlreadyUpIsLeftAsItIs() {
    SparkStart<String> start = SparkStart.inBackground(() -> "context");
    assertThat(start.await()).isEqualTo("context");

    start.leaveStarting();

    CONTEXT_LOG.error("an error of the running context");
    assertThat(logged).containsExactly("ERROR an error of the running context");
  }
}
