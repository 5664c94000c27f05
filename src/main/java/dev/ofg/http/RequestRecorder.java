package dev.ofg.http;

import dev.ofg.store.AuditRecord;
import dev.ofg.store.AuditTrail;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records every finished request as RED metrics (by client, route template and outcome) and as one
 * audit row, without delaying the response.
 */
public final class RequestRecorder implements PlatformHandler {
  private static final Duration[] SLO_BUCKETS = {
      Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
      Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
      Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

  private final MeterRegistry registry;
  private final AuditTrail audit;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  public RequestRecorder(MeterRegistry registry, AuditTrail audit) {
    this.registry = registry;
    this.audit = audit;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long startNanos = System.nanoTime();
    Instant startedAt = Instant.now();
    ctx.addEndHandler(ended -> record(ctx, startedAt, System.nanoTime() - startNanos));
    ctx.next();
  }

  private void record(RoutingContext ctx, Instant startedAt, long nanos) {
    int status = ctx.response().getStatusCode();
    String route = routeName(ctx);
    String clientId = ctx.get(RequestKeys.CLIENT_ID);
    String outcome = ctx.get(RequestKeys.OUTCOME, outcomeOf(status));
    // Unknown callers all share one label value, so the client label stays bounded by configuration.
    String clientLabel = clientId == null ? "anonymous" : clientId;
    timers.computeIfAbsent(clientLabel + '|' + route + '|' + outcome, key -> Timer.builder("gateway_requests")
            .description("Requests through the gateway by client, route template and outcome")
            .tag("client", clientLabel).tag("route", route).tag("outcome", outcome)
            .serviceLevelObjectives(SLO_BUCKETS)
            .register(registry))
        .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    TraceContext trace = CorrelationHandler.trace(ctx);
    audit.record(new AuditRecord(startedAt, trace.correlationId(), clientId, route, ctx.request().method().name(),
        ctx.get(RequestKeys.ODOO_MODEL), ctx.get(RequestKeys.ODOO_METHOD), outcome, status,
        (int) Math.min(Integer.MAX_VALUE, nanos / 1_000_000), ctx.get(RequestKeys.REASON)));
  }

  /** Returns the route template (never the concrete path, which would carry ids). */
  static String routeName(RoutingContext ctx) {
    String template = ctx.get(RequestKeys.ROUTE);
    if (template != null) {
      return template;
    }
    if (ctx.currentRoute() != null && ctx.currentRoute().getName() != null) {
      return ctx.currentRoute().getName();
    }
    return "unmatched";
  }

  /** Classifies a status into a small, fixed set of outcomes. */
  public static String outcomeOf(int status) {
    if (status < 400) {
      return "ok";
    }
    switch (status) {
      case 401:
        return "unauthenticated";
      case 403:
        return "denied";
      case 429:
        return "rate_limited";
      default:
        return status < 500 ? "rejected" : "failed";
    }
  }
}
