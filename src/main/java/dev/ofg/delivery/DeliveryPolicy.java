package dev.ofg.delivery;

import dev.ofg.config.DeliveryConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.LongUnaryOperator;

/**
 * Decides what follows an attempt for one target: technical failures are retried on the configured schedule
 * with jitter (never sooner than the target's Retry-After) until the last attempt, then dead-lettered; business
 * failures are dead-lettered at once; a parked event is re-checked until its deadline; 410 disables the target.
 * Pure: no I/O, the clock and the random source are passed in.
 */
public final class DeliveryPolicy {
  /** Longest Retry-After honoured: a target cannot hold an event back for longer than a day per attempt. */
  public static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

  private final DeliveryConfig.Policy config;
  private final LongUnaryOperator random;

  /**
   * Creates a policy.
   *
   * @param random given a bound {@code n > 0}, returns a value in {@code [0, n]}: the jitter source
   */
  public DeliveryPolicy(DeliveryConfig.Policy config, LongUnaryOperator random) {
    this.config = Objects.requireNonNull(config, "config");
    this.random = Objects.requireNonNull(random, "random");
  }

  public DeliveryConfig.Policy config() {
    return config;
  }

  /**
   * Decides the next step after attempt number {@code attempt}.
   *
   * @param parkedSince when the delivery was first parked, or null if it never was
   */
  public Decision decide(AttemptOutcome outcome, int attempt, Instant parkedSince, Instant now) {
    switch (outcome.kind()) {
      case DELIVERED:
        return Decision.delivered();
      case BUSINESS:
        return Decision.deadLetter("business", "business failure: " + outcome.detail(),
            List.of("business_failure", "dead_lettered"));
      case GONE:
        return Decision.gone(now, "target gone: " + outcome.detail());
      case PARKED:
        return park((AttemptOutcome.Parked) outcome, parkedSince, now);
      case DEFERRED:
        return Decision.defer(now.plus(config.breaker().resetTimeout()), outcome.detail());
      default:
        return technical((AttemptOutcome.Technical) outcome, attempt, now);
    }
  }

  private Decision technical(AttemptOutcome.Technical failure, int attempt, Instant now) {
    int maxAttempts = config.retry().maxAttempts();
    if (attempt >= maxAttempts) {
      return Decision.deadLetter("technical", "technical failure on the last attempt (" + attempt + " of "
          + maxAttempts + "): " + failure.detail(), List.of("technical_failure", "dead_lettered"));
    }
    return Decision.retry(now.plus(retryDelay(attempt, failure.retryAfter())), failure.detail());
  }

  private Decision park(AttemptOutcome.Parked parked, Instant parkedSince, Instant now) {
    Instant since = parkedSince == null ? now : parkedSince;
    Instant deadline = since.plus(config.park().deadline());
    if (!now.isBefore(deadline)) {
      return Decision.deadLetter("prerequisite", "prerequisite " + parked.waitingFor() + " still missing after "
          + config.park().deadline() + ": " + parked.detail(), List.of("dead_lettered"));
    }
    Instant recheck = now.plus(config.park().recheck());
    return Decision.park(recheck.isAfter(deadline) ? deadline : recheck, parked.waitingFor(), parked.detail());
  }

  /**
   * Returns the wait before the attempt after {@code attempt}: the schedule's delay for it, jittered, but never
   * less than the target's Retry-After (capped at {@link #MAX_RETRY_AFTER}).
   */
  public Duration retryDelay(int attempt, Duration retryAfter) {
    List<Duration> schedule = config.retry().schedule();
    Duration base = schedule.get(Math.min(Math.max(attempt, 1), schedule.size()) - 1);
    Duration delay = config.retry().jitter() == DeliveryConfig.Jitter.FULL
        ? Duration.ofMillis(random.applyAsLong(base.toMillis()))
        : base;
    if (retryAfter != null) {
      Duration asked = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
      if (asked.compareTo(delay) > 0) {
        return asked;
      }
    }
    return delay;
  }
}
