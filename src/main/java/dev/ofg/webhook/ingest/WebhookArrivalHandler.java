package dev.ofg.webhook.ingest;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.time.Instant;

/**
 * Notes when a webhook request arrived (timestamp tolerances are measured from here) and counts it by source and
 * outcome when it ends, whichever handler answered: the precise rejection code, a duplicate, a body over the
 * limit, a rate limit, an unavailable store.
 */
final class WebhookArrivalHandler implements PlatformHandler {
  /** RoutingContext key of the arrival {@link Instant}. */
  static final String RECEIVED_AT = "ofg.webhook.receivedAt";
  /** RoutingContext key of the outcome label, set by the handler that decided it. */
  static final String OUTCOME = "ofg.webhook.outcome";

  private final String source;
  private final WebhookMetrics metrics;

  WebhookArrivalHandler(String source, WebhookMetrics metrics) {
    this.source = source;
    this.metrics = metrics;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.put(RECEIVED_AT, Instant.now());
    ctx.addEndHandler(ended -> metrics.received(source, ctx.get(OUTCOME, outcomeOf(ctx.response().getStatusCode()))));
    ctx.next();
  }

  static String outcomeOf(int status) {
    switch (status) {
      case 400:
        return "payload_invalid";
      case 401:
        return "unauthenticated";
      case 413:
        return "too_large";
      case 429:
        return "rate_limited";
      case 503:
        return "unavailable";
      default:
        return status < 400 ? WebhookMetrics.ACCEPTED : status < 500 ? "rejected" : "failed";
    }
  }
}
