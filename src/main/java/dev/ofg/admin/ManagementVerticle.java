package dev.ofg.admin;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.function.Function;

/** Serves the management port: Prometheus metrics, health probes and the admin API. */
public final class ManagementVerticle extends VerticleBase {
  private final String host;
  private final int port;
  private final Function<io.vertx.core.Vertx, Router> routes;
  private HttpServer server;

  public ManagementVerticle(String host, int port, Function<io.vertx.core.Vertx, Router> routes) {
    this.host = host;
    this.port = port;
    this.routes = routes;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer()
        .requestHandler(routes.apply(vertx))
        .listen(port, host)
        .onSuccess(listening -> server = listening);
  }

  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}
