package dev.ofg.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.function.Function;

/** Serves the public port; one instance per event loop, all sharing the same listening socket. */
public final class PublicApiVerticle extends VerticleBase {
  private final String host;
  private final int port;
  private final Function<Vertx, Router> routes;
  private HttpServer server;

  public PublicApiVerticle(String host, int port, Function<Vertx, Router> routes) {
    this.host = host;
    this.port = port;
    this.routes = routes;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(host)
        .setPort(port)
        .setCompressionSupported(true)
        .setIdleTimeout(120)
        .setMaxHeaderSize(16 * 1024)
        .setDecompressionSupported(false);
    return vertx.createHttpServer(options)
        .requestHandler(routes.apply(vertx))
        .listen()
        .onSuccess(listening -> server = listening);
  }

  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}
