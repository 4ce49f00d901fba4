package dev.signet.metrics;

import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Serves {@code GET /metrics} in the Prometheus text format on its own port (DESIGN §8, default 9090), with
 * Micrometer's JVM binders registered.
 */
public final class MetricsServer implements AutoCloseable {
  private final PrometheusMeterRegistry registry;
  private final Javalin app;
  private JvmGcMetrics gc;

  /** Creates the registry with JVM metrics bound; {@link #start(String, int)} opens the port. */
  public MetricsServer() {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    this.app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
          .result(registry.scrape()));
    });
  }

  /** @return the registry every component records into */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * @param host address to bind
   * @param port port, 0 for any free one
   * @return this
   * @throws IllegalStateException when the port cannot be bound
   */
  public MetricsServer start(String host, int port) {
    app.start(host, port);
    return this;
  }

  /** @return the bound port */
  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
    if (gc != null) {
      gc.close();
    }
    registry.close();
  }
}
