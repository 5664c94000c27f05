package dev.ofg.http;

import io.vertx.ext.web.RoutingContext;

/** Writes a failure to the client in one wire format. */
@FunctionalInterface
public interface ErrorRenderer {
  void render(RoutingContext ctx, GatewayException problem, TraceContext trace);
}
