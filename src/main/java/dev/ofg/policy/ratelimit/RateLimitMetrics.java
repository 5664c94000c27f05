package dev.ofg.policy.ratelimit;

import dev.ofg.config.RateLimitConfig.PriorityTier;
import dev.ofg.config.RateLimitConfig.StoreFailureMode;
import dev.ofg.policy.ratelimit.RateLimitDecision.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * Counts rate-limit decisions, store failures and outbound waits, and exposes the tiers' budgets as
 * gauges; every label is bounded by configuration (route class, tier, outcome).
 */
public final class RateLimitMetrics {
  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public RateLimitMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** Returns metrics recorded into a private registry, for callers that do not export them. */
  public static RateLimitMetrics unexported() {
    return new RateLimitMetrics(new SimpleMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  void decision(String routeClass, PriorityTier tier, Outcome outcome) {
    counter("gateway_ratelimit_decisions", "Rate-limit decisions by route class, tier and outcome",
        "route_class", routeClass, "tier", tier.label(), "outcome", outcome.label()).increment();
  }

  /**
   * Counts a decision the store could not take.
   *
   * @param cause {@code timeout}, {@code error}, or {@code backoff} (Redis skipped after a recent failure)
   */
  void storeFailure(String routeClass, StoreFailureMode mode, String cause) {
    counter("gateway_ratelimit_store_failures", "Rate-limit decisions the store could not take",
        "route_class", routeClass, "mode", mode.name().toLowerCase(java.util.Locale.ROOT), "cause", cause).increment();
  }

  void outboundRejected(PriorityTier tier, String reason) {
    counter("gateway_ratelimit_outbound_rejected", "Calls to Odoo refused by the outbound rate limit",
        "tier", tier.label(), "reason", reason).increment();
  }

  /** Registers one gauge per tier with the tokens of the global budget that tier could take now. */
  public void registerTierBudget(RateLimitStrategy strategy) {
    for (PriorityTier tier : PriorityTier.values()) {
      Gauge.builder("gateway_ratelimit_tier_available_tokens", strategy, s -> s.tierAvailable(tier))
          .description("Tokens of the global budget a tier could take now (NaN when not known)")
          .tag("tier", tier.label()).strongReference(true).register(registry);
    }
  }

  /** Registers one gauge per tier with the calls waiting for an outbound token. */
  void registerOutboundWaiting(OutboundRateLimiter limiter, ToIntFunction<PriorityTier> waiting) {
    for (PriorityTier tier : PriorityTier.values()) {
      Gauge.builder("gateway_ratelimit_outbound_waiting", limiter, l -> waiting.applyAsInt(tier))
          .description("Calls to Odoo waiting for an outbound rate-limit token")
          .tag("tier", tier.label()).strongReference(true).register(registry);
    }
  }

  private Counter counter(String name, String description, String... tags) {
    String key = name + '|' + String.join("|", tags);
    return counters.computeIfAbsent(key, k -> Counter.builder(name).description(description).tags(tags)
        .register(registry));
  }
}
