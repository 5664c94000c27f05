package dev.ofg.policy.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.ofg.config.RateLimitConfig;
import dev.ofg.config.RateLimitConfig.PriorityTier;
import dev.ofg.config.RateLimitConfig.Rate;
import dev.ofg.policy.ratelimit.RateLimitDecision.Outcome;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Decides with token buckets held in this node's memory and shared by all its event loops.
 *
 * <p>Buckets are keyed by (client, route class) in a bounded Caffeine cache. A bucket untouched for as
 * long as it takes to refill completely is full, so it expires then without changing any decision.
 * When the global budget is configured, a request must pass both its client bucket and its tier's share
 * of the budget; see {@link #decideNow} for the order and the race it accepts.
 */
public final class LocalTokenBucketStrategy implements RateLimitStrategy {
  private final Function<RateLimitKey, Rate> limits;
  private final TieredCapacity capacity;
  private final LongSupplier nanoTime;
  private final Cache<BucketKey, TokenBucket> buckets;

  private record BucketKey(String clientId, String routeClass) {
  }

  /** Creates a strategy for the configured route classes, client overrides and global budget. */
  public LocalTokenBucketStrategy(RateLimitConfig config, LongSupplier nanoTime) {
    this(key -> config.limitFor(key.clientId(), key.routeClass()),
        config.global() == null ? null : new TieredCapacity(config.global(), nanoTime.getAsLong()),
        config.maxBuckets(), nanoTime);
  }

  /**
   * Creates a strategy with its own rate lookup and, optionally, a global budget.
   *
   * @param capacity the tiers' shared budget, or null for none
   * @param nanoTime a monotonic clock (tests pass a fake one)
   */
  public LocalTokenBucketStrategy(Function<RateLimitKey, Rate> limits, TieredCapacity capacity, int maxBuckets,
      LongSupplier nanoTime) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.capacity = capacity;
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.buckets = Caffeine.newBuilder()
        .maximumSize(maxBuckets)
        .expireAfter(Expiry.accessing((BucketKey key, TokenBucket bucket) -> Duration.ofNanos(bucket.idleNanos())))
        .ticker(nanoTime::getAsLong)
        .executor(Runnable::run)
        .build();
  }

  /** Creates a strategy with one rate for every key and no global budget (e.g. per remote address). */
  public static LocalTokenBucketStrategy perKey(Rate rate, int maxBuckets, LongSupplier nanoTime) {
    return new LocalTokenBucketStrategy(key -> rate, null, maxBuckets, nanoTime);
  }

  @Override
  public Future<RateLimitDecision> decide(RateLimitKey key) {
    return Future.succeededFuture(decideNow(key));
  }

  /**
   * Decides at once. The client bucket is tried first (a flooding client is refused there, cheaply and
   * without touching the shared budget), then the tier budget; if the budget refuses, the client's token
   * is given back. The race accepted: between taking and returning that token, a concurrent request of
   * the same client and route class sees one token less and may be refused. The global budget is never
   * over-drawn, and a refused request ends with nothing consumed.
   */
  public RateLimitDecision decideNow(RateLimitKey key) {
    long now = nanoTime.getAsLong();
    Rate rate = limits.apply(key);
    long emission = rate.emissionNanos();
    long full = emission * rate.burst();
    TokenBucket bucket = buckets.get(new BucketKey(key.clientId(), key.routeClass()), k -> new TokenBucket(now, full));
    TokenBucket.Take client = bucket.take(now, emission, full);
    if (!client.allowed()) {
      return RateLimitDecision.of(Outcome.REJECTED_CLIENT, rate.burst(), 0, client.debtNanos(), client.waitNanos());
    }
    if (capacity != null) {
      TokenBucket.Take tier = capacity.take(key.tier(), now);
      if (!tier.allowed()) {
        bucket.refund(emission);
        long debt = client.debtNanos() - emission;
        return RateLimitDecision.of(Outcome.REJECTED_TIER, rate.burst(), (full - debt) / emission, debt,
            tier.waitNanos());
      }
    }
    return RateLimitDecision.of(Outcome.ALLOWED, rate.burst(), (full - client.debtNanos()) / emission,
        client.debtNanos(), 0);
  }

  @Override
  public double tierAvailable(PriorityTier tier) {
    return capacity == null ? Double.NaN : capacity.available(tier, nanoTime.getAsLong());
  }

  /** Returns the number of buckets held, after evicting expired ones. */
  public long bucketCount() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }
}
