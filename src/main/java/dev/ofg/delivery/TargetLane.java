package dev.ofg.delivery;

import dev.ofg.config.DeliveryConfig;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one target's delivery machinery inside a relay: its policy, its circuit breaker (named after the target,
 * counting technical failures only) and its bounded window of attempts in flight. Used on the relay's event loop.
 */
final class TargetLane {
  private static final Logger LOG = LoggerFactory.getLogger(TargetLane.class);
  /** Added to the attempt timeout for the event-bus round trip to the delivery verticle. */
  private static final Duration REPLY_MARGIN = Duration.ofSeconds(1);

  private final String target;
  private final DeliveryPolicy policy;
  private final CircuitBreaker breaker;
  private final Duration lease;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile int highWater;

  TargetLane(Vertx vertx, String target, DeliveryConfig.Policy config, Duration leaseMargin) {
    this.target = target;
    this.policy = new DeliveryPolicy(config, bound -> ThreadLocalRandom.current().nextLong(bound + 1));
    this.lease = config.timeout().plus(REPLY_MARGIN).plus(leaseMargin);
    this.breaker = CircuitBreaker.create(target, vertx, new CircuitBreakerOptions()
            .setMaxFailures(config.breaker().failureThreshold())
            .setFailuresRollingWindow(config.breaker().failureWindow().toMillis())
            .setResetTimeout(config.breaker().resetTimeout().toMillis())
            .setTimeout(-1) // the attempt enforces its own deadline and reports it as a technical failure
            .setMaxRetries(0)
            .setNotificationAddress(null))
        .openHandler(v -> LOG.warn("circuit breaker '{}' opened: the target keeps failing; claims paused", target))
        .halfOpenHandler(v -> LOG.info("circuit breaker '{}' half-open: probing with one attempt", target))
        .closeHandler(v -> LOG.info("circuit breaker '{}' closed", target));
  }

  String target() {
    return target;
  }

  DeliveryPolicy policy() {
    return policy;
  }

  CircuitBreaker breaker() {
    return breaker;
  }

  /** How long a claim is held: the attempt's timeout, the reply's margin, and the configured lease margin. */
  Duration lease() {
    return lease;
  }

  /** How long the relay waits for the delivery verticle's answer. */
  Duration replyTimeout() {
    return policy.config().timeout().plus(REPLY_MARGIN);
  }

  /**
   * Returns how many attempts may be claimed now: none while the breaker is open, one probe (when nothing is in
   * flight) while it is half-open, else the free part of the window.
   */
  int freeSlots() {
    CircuitBreakerState state = breaker.state();
    if (state == CircuitBreakerState.OPEN) {
      return 0;
    }
    if (state == CircuitBreakerState.HALF_OPEN) {
      return inFlight.get() == 0 ? 1 : 0;
    }
    return Math.max(0, policy.config().window() - inFlight.get());
  }

  void started() {
    int now = inFlight.incrementAndGet();
    if (now > highWater) {
      highWater = now;
    }
  }

  void finished() {
    inFlight.decrementAndGet();
  }

  int inFlight() {
    return inFlight.get();
  }

  /** The most attempts ever in flight at once for this target in this relay (never above the window). */
  int highWater() {
    return highWater;
  }
}
