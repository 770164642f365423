package io.geomill.jobs.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test methods and {@code @BeforeAll} methods one {@link StandaloneCluster} for the whole test run:
 * started on first use, shared by every test class that asks, stopped when JUnit ends (its root store closes
 * it). Starting a cluster costs ~10 s, so the cluster tests share one.
 */
public final class SharedCluster implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedCluster.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == StandaloneCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(StandaloneCluster.class, key -> new Running(StandaloneCluster.start()), Running.class)
        .cluster();
  }

  /** The store closes its values at the end of the run; a JVM shutdown hook (ManagedProcess) is the backstop. */
  private record Running(StandaloneCluster cluster) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      cluster.close();
    }
  }
}
