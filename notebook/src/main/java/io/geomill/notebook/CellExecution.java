package io.geomill.notebook;

import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs JShell's snippets in this JVM, on the thread that evaluates the cell, and keeps what JShell itself would
 * only pass on as text: the value of the last snippet (so the kernel can render the object) and the exception
 * a snippet threw (so the cell's error names the real class and keeps its stack trace).
 *
 * <p>In-process execution is the point of this kernel: the cells share the JVM, and so the SparkSession, with
 * GeoMill. JShell's own "local" engine runs each snippet on a thread group it stops with {@code
 * ThreadGroup.stop()} on interrupt, which would also kill the Spark threads a cell started; here the kernel owns
 * the thread (see {@link CellRunner}).
 */
final class CellExecution extends DirectExecutionControl {
  private Object lastValue;
  private Throwable lastThrown;

  /** Each snippet's classes, and the classes Spark deserializes for it (lambdas), come from JShell's loader. */
  @Override
  protected String invoke(Method doitMethod) throws Exception {
    Thread.currentThread().setContextClassLoader(doitMethod.getDeclaringClass().getClassLoader());
    lastValue = null;
    lastThrown = null;
    Object value = doitMethod.invoke(null);
    lastValue = value;
    return valueString(value);
  }

  @Override
  protected String throwConvertedInvocationException(Throwable cause) throws RunException, InternalException {
    lastThrown = cause;
    return super.throwConvertedInvocationException(cause);
  }

  /** The value the last snippet produced (null for a statement). */
  Object lastValue() {
    return lastValue;
  }

  /** What the last snippet threw, as thrown. */
  Throwable lastThrown() {
    return lastThrown;
  }

  /** Hands JShell one {@link CellExecution} and keeps it for the kernel. */
  static final class Provider implements ExecutionControlProvider {
    private CellExecution execution;

    @Override
    public String name() {
      return "geomill-in-process";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
      execution = new CellExecution();
      return execution;
    }

    CellExecution execution() {
      return execution;
    }
  }
}
