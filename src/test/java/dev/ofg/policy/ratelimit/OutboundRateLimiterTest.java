package dev.ofg.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.config.RateLimitConfig.OutboundRateConfig;
import dev.ofg.config.RateLimitConfig.PriorityTier;
import dev.ofg.config.RateLimitConfig.Rate;
import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class OutboundRateLimiterTest {
  private final FakeClock clock = new FakeClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<Wake> wakeUps = new ArrayList<>();

  private record Wake(long at, Runnable task) {
  }

  private OutboundRateLimiter limiter(Rate rate, int maxQueued, Duration maxWait) {
    return new OutboundRateLimiter(new OutboundRateConfig(rate, maxQueued, maxWait), new RateLimitMetrics(registry),
        clock, (delayNanos, task) -> wakeUps.add(new Wake(clock.getAsLong() + delayNanos, task)));
  }

  /** Moves the fake clock and runs the wake-ups that have fallen due, as Vert.x timers would. */
  private void advanceMillis(long millis) {
    clock.advanceMillis(millis);
    List<Wake> due = new ArrayList<>();
    wakeUps.removeIf(wake -> wake.at() <= clock.getAsLong() && due.add(wake));
    due.forEach(wake -> wake.task().run());
  }

  private static long succeeded(List<Future<Void>> futures) {
    return futures.stream().filter(Future::succeeded).count();
  }

  @Test
  void grantsTheBurstAtOnceThenPacesQueuedCallersAtTheRate() {
    OutboundRateLimiter limiter = limiter(new Rate(10, 2), 10, Duration.ofSeconds(5));
    List<Future<Void>> calls = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      calls.add(limiter.acquire(PriorityTier.STANDARD));
    }

    assertThat(succeeded(calls)).isEqualTo(2);
    assertThat(limiter.waiting()).isEqualTo(3);
    advanceMillis(99);
    assertThat(succeeded(calls)).isEqualTo(2);
    advanceMillis(1);
    assertThat(succeeded(calls)).isEqualTo(3);
    advanceMillis(200);
    assertThat(succeeded(calls)).isEqualTo(5);
    assertThat(limiter.waiting()).isZero();
  }

  @Test
  void servesCriticalBeforeStandardBeforeBulkAndEachTierInOrder() {
    OutboundRateLimiter limiter = limiter(new Rate(10, 1), 10, Duration.ofSeconds(5));
    limiter.acquire(PriorityTier.BULK);
    List<String> order = new ArrayList<>();
    limiter.acquire(PriorityTier.BULK).onSuccess(v -> order.add("bulk-1"));
    limiter.acquire(PriorityTier.STANDARD).onSuccess(v -> order.add("standard"));
    limiter.acquire(PriorityTier.BULK).onSuccess(v -> order.add("bulk-2"));
    limiter.acquire(PriorityTier.CRITICAL).onSuccess(v -> order.add("critical"));

    assertThat(registry.get("gateway_ratelimit_outbound_waiting").tag("tier", "bulk").gauge().value()).isEqualTo(2);
    for (int i = 0; i < 4; i++) {
      advanceMillis(100);
    }

    assertThat(order).containsExactly("critical", "standard", "bulk-1", "bulk-2");
  }

  @Test
  void failsAtOnceWith503WhenTheQueueIsFull() {
    OutboundRateLimiter limiter = limiter(new Rate(1, 1), 1, Duration.ofSeconds(5));
    limiter.acquire(PriorityTier.STANDARD);
    Future<Void> queued = limiter.acquire(PriorityTier.STANDARD);

    Future<Void> refused = limiter.acquire(PriorityTier.BULK);

    assertThat(queued.isComplete()).isFalse();
    assertThat(refused.failed()).isTrue();
    GatewayException problem = (GatewayException) refused.cause();
    assertThat(problem.code()).isEqualTo(ProblemCode.OVERLOADED);
    assertThat(problem.retryAfterSeconds()).isEqualTo(2);
    assertThat(registry.get("gateway_ratelimit_outbound_rejected").tag("tier", "bulk").tag("reason", "queue_full")
        .counter().count()).isEqualTo(1);
  }

  @Test
  void failsACallerThatWaitedMaxWaitWithoutAToken() {
    OutboundRateLimiter limiter = limiter(new Rate(1, 1), 10, Duration.ofMillis(200));
    limiter.acquire(PriorityTier.STANDARD);
    Future<Void> waiting = limiter.acquire(PriorityTier.BULK);

    advanceMillis(199);
    assertThat(waiting.isComplete()).isFalse();
    advanceMillis(1);

    assertThat(waiting.failed()).isTrue();
    assertThat(((GatewayException) waiting.cause()).code()).isEqualTo(ProblemCode.OVERLOADED);
    assertThat(limiter.waiting()).isZero();
    assertThat(registry.get("gateway_ratelimit_outbound_rejected").tag("reason", "timeout").counter().count())
        .isEqualTo(1);
  }

  @Test
  void runsASubmittedCallOnlyOnceItHasAToken() {
    OutboundRateLimiter limiter = limiter(new Rate(5, 1), 10, Duration.ofSeconds(5));
    AtomicInteger calls = new AtomicInteger();
    limiter.submit(PriorityTier.STANDARD, () -> Future.succeededFuture(calls.incrementAndGet()));

    Future<Integer> second = limiter.submit(PriorityTier.STANDARD, () -> Future.succeededFuture(calls.incrementAndGet()));
    assertThat(calls.get()).isEqualTo(1);
    advanceMillis(200);

    assertThat(second.result()).isEqualTo(2);
  }

  @Test
  void resumesAQueuedCallerOnItsOwnContext(Vertx vertx) throws Exception {
    OutboundRateLimiter limiter = OutboundRateLimiter.create(vertx,
        new OutboundRateConfig(new Rate(20, 1), 10, Duration.ofSeconds(5)), new RateLimitMetrics(registry));
    Context caller = vertx.getOrCreateContext();
    Promise<Boolean> sameContext = Promise.promise();

    caller.runOnContext(v -> {
      limiter.acquire(PriorityTier.STANDARD);
      limiter.acquire(PriorityTier.STANDARD).onComplete(done ->
          sameContext.complete(done.succeeded() && Vertx.currentContext() == caller));
    });

    assertThat(sameContext.future().await(5, TimeUnit.SECONDS)).isTrue();
  }
}
