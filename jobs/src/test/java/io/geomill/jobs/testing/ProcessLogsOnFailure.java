package io.geomill.jobs.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * When a test fails, prints the last lines of every process its class started (in @BeforeAll or in tests),
 * so a failure in CI can be diagnosed from the build log alone; the whole logs are in target/it-logs.
 */
public final class ProcessLogsOnFailure implements BeforeAllCallback, TestWatcher {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ProcessLogsOnFailure.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getStore(NAMESPACE).put("mark", ManagedProcess.startedCount());
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    Integer mark = context.getStore(NAMESPACE).get("mark", Integer.class);
    System.err.println("==== " + context.getDisplayName() + " failed; the processes started by "
        + context.getRequiredTestClass().getSimpleName() + ":");
    ManagedProcess.startedSince(mark == null ? 0 : mark).forEach(process -> System.err.println(process.describe()));
  }
}
