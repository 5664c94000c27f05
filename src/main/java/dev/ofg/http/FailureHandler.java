package dev.ofg.http;

import dev.ofg.store.StoreFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into an answer in the route's error format, counts it by stable code, and never
 * leaks an internal exception message to the client.
 */
public final class FailureHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);
  /** Retry-After of a 503 caused by an unreachable store (the pool reconnects on the next request). */
  private static final int STORE_RETRY_AFTER_SECONDS = 5;

  private final Map<ErrorFormat, ErrorRenderer> renderers = new EnumMap<>(ErrorFormat.class);
  private final MeterRegistry registry;
  private final Map<ProblemCode, Counter> counters = new ConcurrentHashMap<>();

  public FailureHandler(MeterRegistry registry) {
    this.registry = registry;
    ProblemJson problemJson = new ProblemJson();
    for (ErrorFormat format : ErrorFormat.values()) {
      renderers.put(format, problemJson);
    }
  }

  /** Registers how a wire format renders errors (the Odoo facade registers JSON-RPC, XML-RPC and JSON-2). */
  public FailureHandler renderer(ErrorFormat format, ErrorRenderer renderer) {
    renderers.put(format, renderer);
    return this;
  }

  @Override
  public void handle(RoutingContext ctx) {
    GatewayException problem = toProblem(ctx.failure(), ctx.statusCode());
    TraceContext trace = CorrelationHandler.trace(ctx);
    if (problem.code() == ProblemCode.STORE_UNAVAILABLE && !(ctx.failure() instanceof GatewayException)) {
      LOG.atWarn().addKeyValue("correlationId", trace.correlationId())
          .log("store unavailable on {} {}: {}", ctx.request().method(), RequestRecorder.routeName(ctx),
              ctx.failure().toString());
    } else if (problem.status() >= 500 && !(ctx.failure() instanceof GatewayException)) {
      LOG.atError().addKeyValue("correlationId", trace.correlationId()).setCause(ctx.failure())
          .log("unhandled failure on {} {}", ctx.request().method(), RequestRecorder.routeName(ctx));
    }
    counters.computeIfAbsent(problem.code(), code -> Counter.builder("gateway_problems")
        .description("Error answers by stable problem code").tag("code", code.name()).register(registry))
        .increment();
    ctx.put(RequestKeys.OUTCOME, problem.code().outcome());
    if (ctx.get(RequestKeys.REASON) == null) {
      ctx.put(RequestKeys.REASON, problem.code().name() + ": " + truncate(problem.detail()));
    }
    if (ctx.response().headWritten()) {
      // The status line is gone; the only honest signal left is to cut the connection.
      ctx.request().connection().close();
      return;
    }
    ErrorFormat format = ctx.get(RequestKeys.ERROR_FORMAT, ErrorFormat.PROBLEM_JSON);
    renderers.get(format).render(ctx, problem, trace);
  }

  /** Maps any failure (or a bare status from {@code ctx.fail(status)}) to a gateway problem. */
  public static GatewayException toProblem(Throwable failure, int status) {
    if (failure instanceof GatewayException) {
      return (GatewayException) failure;
    }
    if (failure instanceof ProblemSource) {
      return ((ProblemSource) failure).toProblem();
    }
    if (failure instanceof DecodeException) {
      return GatewayException.of(ProblemCode.MALFORMED_JSON, "the request body is not valid JSON");
    }
    if (StoreFailures.unavailable(failure)) {
      return GatewayException.withRetryAfter(ProblemCode.STORE_UNAVAILABLE,
          "the gateway's store is unavailable; retry later", STORE_RETRY_AFTER_SECONDS);
    }
    if (failure instanceof HttpException) {
      status = ((HttpException) failure).getStatusCode();
    }
    switch (status) {
      case 400:
        return GatewayException.of(ProblemCode.BAD_REQUEST, "the request is malformed");
      case 401:
        return GatewayException.of(ProblemCode.UNAUTHENTICATED, "credentials are missing or invalid");
      case 403:
        return GatewayException.of(ProblemCode.FORBIDDEN, "the client may not do this");
      case 404:
        return GatewayException.of(ProblemCode.NOT_FOUND, "no such resource");
      case 405:
        return GatewayException.of(ProblemCode.METHOD_NOT_ALLOWED, "this resource does not support the method");
      case 413:
        return GatewayException.of(ProblemCode.PAYLOAD_TOO_LARGE, "the request body exceeds the limit of this route");
      case 415:
        return GatewayException.of(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "the content type is not supported here");
      default:
        return GatewayException.of(ProblemCode.INTERNAL_ERROR, "the gateway failed to process the request");
    }
  }

  private static String truncate(String text) {
    if (text == null) {
      return "";
    }
    return text.length() <= 500 ? text : text.substring(0, 500);
  }
}
