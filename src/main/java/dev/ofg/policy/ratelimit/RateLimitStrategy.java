package dev.ofg.policy.ratelimit;

import dev.ofg.config.RateLimitConfig;
import dev.ofg.config.RateLimitConfig.PriorityTier;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Decides whether a request may pass its client's bucket and its tier's share of the global budget.
 *
 * <p>Implementations never fail the future: a store that cannot answer becomes a decision according to
 * the route class's {@code onStoreFailure}. A refused request consumes nothing.
 */
public interface RateLimitStrategy {

  Future<RateLimitDecision> decide(RateLimitKey key);

  /** Returns how many tokens of the global budget {@code tier} could take now (NaN when unknown), for gauges. */
  default double tierAvailable(PriorityTier tier) {
    return Double.NaN;
  }

  default Future<Void> close() {
    return Future.succeededFuture();
  }

  /** Creates the strategy the configuration asks for: local buckets, or Redis shared by every node. */
  static RateLimitStrategy create(Vertx vertx, RateLimitConfig config, RateLimitMetrics metrics) {
    RateLimitStrategy strategy = config.store() == RateLimitConfig.StoreKind.REDIS
        ? RedisTokenBucketStrategy.create(vertx, config, metrics)
        : new LocalTokenBucketStrategy(config, System::nanoTime);
    if (config.global() != null) {
      metrics.registerTierBudget(strategy);
    }
    return strategy;
  }
}
