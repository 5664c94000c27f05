package dev.ofg.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/** Establishes the request's {@link TraceContext} and echoes the correlation id on every response. */
public final class CorrelationHandler implements PlatformHandler {
  public static final String HEADER = "X-Correlation-Id";

  @Override
  public void handle(RoutingContext ctx) {
    TraceContext trace = TraceContext.from(ctx.request().getHeader(HEADER), ctx.request().getHeader("traceparent"));
    ctx.put(RequestKeys.TRACE, trace);
    ctx.response().putHeader(HEADER, trace.correlationId());
    ctx.next();
  }

  /** Returns the request's trace context, creating one for contexts that skipped this handler. */
  public static TraceContext trace(RoutingContext ctx) {
    TraceContext trace = ctx.get(RequestKeys.TRACE);
    if (trace == null) {
      trace = TraceContext.generate();
      ctx.put(RequestKeys.TRACE, trace);
    }
    return trace;
  }
}
