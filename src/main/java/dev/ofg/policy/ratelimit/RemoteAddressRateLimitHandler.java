package dev.ofg.policy.ratelimit;

import dev.ofg.config.RateLimitConfig.PriorityTier;
import dev.ofg.config.RateLimitConfig.Rate;
import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.util.Objects;

/**
 * Limits requests per remote address before authentication, so a flood of bad credentials cannot
 * exhaust the authenticator; allowed requests pass without quota headers (the client's own limit
 * advertises those), refused ones get 429 with Retry-After and the headers.
 *
 * <p>Buckets live in this node's memory: the limit is per node. Behind a proxy, enable the router's
 * forwarded-header support so that the remote address is the caller's.
 */
public final class RemoteAddressRateLimitHandler implements SecurityPolicyHandler {
  /** The route class label this handler's decisions are counted under. */
  public static final String ROUTE_CLASS = "pre-authentication";

  private final LocalTokenBucketStrategy strategy;
  private final RateLimitMetrics metrics;

  private RemoteAddressRateLimitHandler(LocalTokenBucketStrategy strategy, RateLimitMetrics metrics) {
    this.strategy = Objects.requireNonNull(strategy, "strategy");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /** Creates the handler with one bucket of {@code rate} per remote address, at most {@code maxBuckets} of them. */
  public static RemoteAddressRateLimitHandler create(Rate rate, int maxBuckets, RateLimitMetrics metrics) {
    return new RemoteAddressRateLimitHandler(LocalTokenBucketStrategy.perKey(rate, maxBuckets, System::nanoTime),
        metrics);
  }

  static RemoteAddressRateLimitHandler create(LocalTokenBucketStrategy strategy, RateLimitMetrics metrics) {
    return new RemoteAddressRateLimitHandler(strategy, metrics);
  }

  @Override
  public void handle(RoutingContext ctx) {
    SocketAddress remote = ctx.request().remoteAddress();
    String address = remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    RateLimitDecision decision = strategy.decideNow(new RateLimitKey(address, ROUTE_CLASS, PriorityTier.STANDARD));
    metrics.decision(ROUTE_CLASS, PriorityTier.STANDARD, decision.outcome());
    if (decision.allowed()) {
      ctx.next();
      return;
    }
    RateLimitHeaders.write(ctx.response(), decision);
    ctx.fail(GatewayException.withRetryAfter(ProblemCode.RATE_LIMITED,
        "too many requests from this address; retry after " + decision.retryAfterSeconds() + " s",
        decision.retryAfterSeconds()));
  }
}
