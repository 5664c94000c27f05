package dev.ofg.policy.ratelimit;

import dev.ofg.config.RateLimitConfig.GlobalCapacity;
import dev.ofg.config.RateLimitConfig.PriorityTier;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Shares one gateway-wide token bucket between priority tiers, each tier stopping where the
 * reservations of the tiers above it begin.
 *
 * <p>With a burst B and critical reserving 30%, standard and bulk may take a token only while more than
 * 0.3·B tokens would be left; critical may take the last one. In tokens-bucket terms each tier sees the
 * same bucket with a smaller allowance: {@code (1 - reservedAbove) · B} tokens of debt. Under a flood the
 * lower tiers keep the bucket at the reserve line, and every token that refills below it goes to the tiers
 * above, so critical traffic up to the full refill rate gets through and keeps a standing burst of 0.3·B.
 */
public final class TieredCapacity {
  private final TokenBucket bucket;
  private final long emission;
  private final long capacity;
  private final Map<PriorityTier, Long> allowance = new EnumMap<>(PriorityTier.class);

  public TieredCapacity(GlobalCapacity global, long now) {
    Objects.requireNonNull(global, "global");
    this.emission = global.rate().emissionNanos();
    this.capacity = emission * global.rate().burst();
    this.bucket = new TokenBucket(now, capacity);
    for (PriorityTier tier : PriorityTier.values()) {
      long reserve = Math.round(global.reservedAbove(tier) * capacity);
      allowance.put(tier, capacity - reserve);
    }
  }

  /** Takes one token for a request of {@code tier}, or refuses without taking anything. */
  TokenBucket.Take take(PriorityTier tier, long now) {
    return bucket.take(now, emission, allowance.get(tier));
  }

  /** Returns how many tokens a request of {@code tier} could take right now (for gauges). */
  public double available(PriorityTier tier, long now) {
    return Math.max(0, (allowance.get(tier) - bucket.debt(now)) / (double) emission);
  }

  /** Returns how many tokens {@code tier} could take given the bucket's debt (for a budget kept elsewhere). */
  double availableAtDebt(PriorityTier tier, long debtNanos) {
    return Math.max(0, (allowance.get(tier) - debtNanos) / (double) emission);
  }

  long emissionNanos() {
    return emission;
  }

  long capacityNanos() {
    return capacity;
  }

  long allowanceNanos(PriorityTier tier) {
    return allowance.get(tier);
  }
}
