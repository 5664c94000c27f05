package dev.ofg.policy.ratelimit;

import dev.ofg.config.RateLimitConfig;
import dev.ofg.config.RateLimitConfig.PriorityTier;
import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.http.RequestKeys;
import dev.ofg.policy.GatewayClient;
import dev.ofg.policy.auth.ClientAuthenticationHandler;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.InputTrustHandler;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Applies the rate limit of one route class to authenticated requests: advertises the quota on every
 * response and refuses with 429 and Retry-After when the client's bucket or its tier's budget is empty.
 *
 * <p>Place it after authentication (Vert.x orders it as an input-trust handler: after authentication, before
 * authorization). It records the request's tier under {@link #TIER} for later handlers.
 */
public final class RateLimitHandler implements InputTrustHandler {
  /** RoutingContext key of the request's {@link PriorityTier}. */
  public static final String TIER = "ofg.rateLimitTier";

  private final RateLimitStrategy strategy;
  private final Supplier<RateLimitConfig> config;
  private final String routeClass;
  private final RateLimitMetrics metrics;

  private RateLimitHandler(RateLimitStrategy strategy, Supplier<RateLimitConfig> config, String routeClass,
      RateLimitMetrics metrics) {
    this.strategy = Objects.requireNonNull(strategy, "strategy");
    this.config = Objects.requireNonNull(config, "config");
    this.routeClass = config.get().routeClass(routeClass).name();
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /** Creates the handler for a configured route class; an unknown class fails here, at wiring time. */
  public static RateLimitHandler create(RateLimitStrategy strategy, RateLimitConfig config, String routeClass,
      RateLimitMetrics metrics) {
    Objects.requireNonNull(config, "config");
    return new RateLimitHandler(strategy, () -> config, routeClass, metrics);
  }

  /**
   * Creates the handler for a route class of a reloadable configuration: each decision reads the configuration in
   * force (pinned tiers), so a reload applies at once. A reload must keep the route class (built-in ones always are).
   */
  public static RateLimitHandler create(RateLimitStrategy strategy, Supplier<RateLimitConfig> config,
      String routeClass, RateLimitMetrics metrics) {
    return new RateLimitHandler(strategy, config, routeClass, metrics);
  }

  @Override
  public void handle(RoutingContext ctx) {
    GatewayClient client = ctx.get(ClientAuthenticationHandler.CLIENT);
    String clientId = client != null ? client.id() : ctx.get(RequestKeys.CLIENT_ID);
    if (clientId == null) {
      ctx.fail(new IllegalStateException("route is missing authentication before RateLimitHandler"));
      return;
    }
    check(ctx, clientId, client == null ? null : client.tier()).onComplete(result -> {
      if (result.succeeded()) {
        ctx.next();
      } else {
        ctx.fail(result.cause());
      }
    });
  }

  /**
   * Decides for a client identified inside the request (the Odoo-compatible facade authenticates from the
   * body): writes the quota headers and fails with the refusal when the request is over its limit.
   */
  public Future<Void> check(RoutingContext ctx, String clientId, String clientTier) {
    PriorityTier tier = config.get().tierFor(routeClass, clientTier);
    ctx.put(TIER, tier);
    return strategy.decide(new RateLimitKey(clientId, routeClass, tier)).compose(decision -> {
      metrics.decision(routeClass, tier, decision.outcome());
      RateLimitHeaders.write(ctx.response(), decision);
      return decision.allowed() ? Future.<Void>succeededFuture() : Future.failedFuture(refusal(decision, tier));
    });
  }

  private GatewayException refusal(RateLimitDecision decision, PriorityTier tier) {
    switch (decision.outcome()) {
      case REJECTED_TIER:
        return GatewayException.withRetryAfter(ProblemCode.RATE_LIMITED,
            "the gateway is at capacity for " + tier.label() + " traffic; retry after "
                + decision.retryAfterSeconds() + " s",
            decision.retryAfterSeconds());
      case STORE_FAILURE_DENIED:
        return GatewayException.withRetryAfter(ProblemCode.STORE_UNAVAILABLE,
            "the rate-limit store is unavailable; retry after " + decision.retryAfterSeconds() + " s",
            decision.retryAfterSeconds());
      default:
        return GatewayException.withRetryAfter(ProblemCode.RATE_LIMITED,
            "rate limit of route class '" + routeClass + "' exceeded; retry after " + decision.retryAfterSeconds()
                + " s", decision.retryAfterSeconds());
    }
  }
}
