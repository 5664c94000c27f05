package dev.ofg.policy.ratelimit;

import dev.ofg.config.RateLimitConfig;
import dev.ofg.config.RateLimitConfig.PriorityTier;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

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
    return create(vertx, config, () -> config, metrics);
  }

  /**
   * Creates the strategy for a reloadable configuration. The store, the global budget and the bucket bound come
   * from {@code initial} (changing them needs a restart); each decision reads the per-client rates and route
   * classes from {@code current}. Buckets survive a reload: their state is a debt in time, which keeps draining at
   * the new rate, so a reload neither refills anyone's burst nor takes tokens away.
   */
  static RateLimitStrategy create(Vertx vertx, RateLimitConfig initial, Supplier<RateLimitConfig> current,
      RateLimitMetrics metrics) {
    RateLimitStrategy strategy = initial.store() == RateLimitConfig.StoreKind.REDIS
        ? RedisTokenBucketStrategy.create(vertx, initial, current, metrics)
        : new LocalTokenBucketStrategy(key -> current.get().limitFor(key.clientId(), key.routeClass()),
            initial.global() == null ? null : new TieredCapacity(initial.global(), System.nanoTime()),
            initial.maxBuckets(), System::nanoTime);
    if (initial.global() != null) {
      metrics.registerTierBudget(strategy);
    }
    return strategy;
  }
}
