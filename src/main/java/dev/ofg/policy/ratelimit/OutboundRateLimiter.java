package dev.ofg.policy.ratelimit;

import dev.ofg.config.RateLimitConfig.OutboundRateConfig;
import dev.ofg.config.RateLimitConfig.PriorityTier;
import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Paces calls to Odoo with one token bucket shared by every event loop of this node. A caller that finds
 * no token waits in a bounded queue, served critical first, then standard, then bulk; it fails with 503
 * and Retry-After when the queue is full or when it has waited {@code maxWait}.
 *
 * <p>The state is small and guarded by this object's monitor; promises complete outside it, on the
 * context of the caller that queued.
 */
public final class OutboundRateLimiter {
  private final long emission;
  private final long capacity;
  private final int maxQueued;
  private final long maxWaitNanos;
  private final LongSupplier nanoTime;
  private final WakeUpScheduler scheduler;
  private final RateLimitMetrics metrics;
  private final Map<PriorityTier, ArrayDeque<Waiter>> queues = new EnumMap<>(PriorityTier.class);
  private long theoreticalArrival;
  private int queued;
  private boolean wakeUpPending;

  /** Schedules the limiter's next look at its queue; a Vert.x timer in production, a manual clock in tests. */
  @FunctionalInterface
  public interface WakeUpScheduler {
    void schedule(long delayNanos, Runnable wakeUp);
  }

  private static final class Waiter {
    private final PriorityTier tier;
    private final long deadline;
    private final Context context;
    private final Promise<Void> promise = Promise.promise();

    Waiter(PriorityTier tier, long deadline, Context context) {
      this.tier = tier;
      this.deadline = deadline;
      this.context = context;
    }

    void complete(RuntimeException failure) {
      Runnable outcome = failure == null ? promise::complete : () -> promise.fail(failure);
      if (context != null) {
        context.runOnContext(v -> outcome.run());
      } else {
        outcome.run();
      }
    }
  }

  public OutboundRateLimiter(OutboundRateConfig config, RateLimitMetrics metrics, LongSupplier nanoTime,
      WakeUpScheduler scheduler) {
    this.emission = config.rate().emissionNanos();
    this.capacity = emission * config.rate().burst();
    this.maxQueued = config.maxQueued();
    this.maxWaitNanos = config.maxWait().toNanos();
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.theoreticalArrival = nanoTime.getAsLong();
    for (PriorityTier tier : PriorityTier.values()) {
      queues.put(tier, new ArrayDeque<>());
    }
    metrics.registerOutboundWaiting(this, this::waiting);
  }

  /** Creates a limiter woken by Vert.x timers. */
  public static OutboundRateLimiter create(Vertx vertx, OutboundRateConfig config, RateLimitMetrics metrics) {
    return new OutboundRateLimiter(config, metrics, System::nanoTime,
        (delayNanos, wakeUp) -> vertx.setTimer(Math.max(1, (delayNanos + 999_999) / 1_000_000), id -> wakeUp.run()));
  }

  /** Runs the task once a token is available, or fails without running it when the wait would be too long. */
  public <T> Future<T> submit(PriorityTier tier, Supplier<Future<T>> task) {
    return acquire(tier).compose(granted -> task.get());
  }

  /** Completes when the caller may make one call to Odoo; fails with 503 OVERLOADED when it may not. */
  public Future<Void> acquire(PriorityTier tier) {
    Objects.requireNonNull(tier, "tier");
    long now = nanoTime.getAsLong();
    Waiter waiter;
    synchronized (this) {
      if (queued == 0 && tryTake(now)) {
        return Future.succeededFuture();
      }
      if (queued >= maxQueued) {
        metrics.outboundRejected(tier, "queue_full");
        return Future.failedFuture(overloaded(queued));
      }
      waiter = new Waiter(tier, now + maxWaitNanos, Vertx.currentContext());
      queues.get(tier).add(waiter);
      queued++;
      scheduleLocked(now);
    }
    return waiter.promise.future();
  }

  /** Returns the number of callers waiting in {@code tier}. */
  public synchronized int waiting(PriorityTier tier) {
    return queues.get(tier).size();
  }

  public synchronized int waiting() {
    return queued;
  }

  private void drain() {
    List<Waiter> granted = new ArrayList<>();
    List<Waiter> expired = new ArrayList<>();
    int backlog;
    synchronized (this) {
      wakeUpPending = false;
      long now = nanoTime.getAsLong();
      for (ArrayDeque<Waiter> queue : queues.values()) {
        // Every waiter gets the same maxWait, so deadlines grow along each queue.
        while (!queue.isEmpty() && queue.peekFirst().deadline <= now) {
          expired.add(queue.pollFirst());
          queued--;
        }
      }
      while (queued > 0 && tryTake(now)) {
        granted.add(pollHighestTier());
        queued--;
      }
      backlog = queued;
      if (queued > 0) {
        scheduleLocked(now);
      }
    }
    granted.forEach(waiter -> waiter.complete(null));
    for (Waiter waiter : expired) {
      metrics.outboundRejected(waiter.tier, "timeout");
      waiter.complete(overloaded(backlog));
    }
  }

  private Waiter pollHighestTier() {
    for (ArrayDeque<Waiter> queue : queues.values()) {
      if (!queue.isEmpty()) {
        return queue.pollFirst();
      }
    }
    throw new IllegalStateException("queued > 0 but every queue is empty");
  }

  private boolean tryTake(long now) {
    long next = Math.max(theoreticalArrival, now) + emission;
    if (next - now > capacity) {
      return false;
    }
    theoreticalArrival = next;
    return true;
  }

  private void scheduleLocked(long now) {
    if (wakeUpPending) {
      return;
    }
    wakeUpPending = true;
    long nextToken = Math.max(theoreticalArrival, now) + emission - capacity;
    long wakeAt = Math.min(nextToken, earliestDeadline());
    scheduler.schedule(Math.max(0, wakeAt - now), this::drain);
  }

  private long earliestDeadline() {
    long earliest = Long.MAX_VALUE;
    for (ArrayDeque<Waiter> queue : queues.values()) {
      if (!queue.isEmpty()) {
        earliest = Math.min(earliest, queue.peekFirst().deadline);
      }
    }
    return earliest;
  }

  private GatewayException overloaded(int backlog) {
    long retryAfter = Math.max(1, ((backlog + 1L) * emission + 999_999_999L) / 1_000_000_000L);
    return GatewayException.withRetryAfter(ProblemCode.OVERLOADED,
        "too many calls are waiting for Odoo's rate limit; retry after " + retryAfter + " s", retryAfter);
  }
}
