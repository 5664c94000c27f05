package dev.ofg.policy.ratelimit;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds one token bucket as a single "theoretical arrival time" (the GCRA form of a token bucket), so
 * that taking a token is one compare-and-set and every event loop can share the bucket without a lock.
 *
 * <p>The bucket is full when the arrival time is at or before now; each token taken pushes it one
 * emission interval further. Its <em>debt</em>, {@code max(0, tat - now)}, is how long it takes to be
 * full again, so {@code (capacity - debt) / emission} tokens are left. All times are nanoseconds on the
 * caller's monotonic clock.
 */
final class TokenBucket {
  private final AtomicLong theoreticalArrival;
  private final long idleNanos;

  /**
   * Creates a full bucket.
   *
   * @param idleNanos how long an untouched bucket takes to be full again, after which forgetting it loses nothing
   */
  TokenBucket(long now, long idleNanos) {
    this.theoreticalArrival = new AtomicLong(now);
    this.idleNanos = idleNanos;
  }

  /** Tells what one attempt to take a token found: its debt after the attempt, and how long to wait if refused. */
  record Take(boolean allowed, long debtNanos, long waitNanos) {
  }

  /**
   * Takes one token if the bucket's debt stays within {@code allowance}; a refusal changes nothing.
   *
   * @param allowance the debt the caller may run up: the full capacity ({@code burst * emission}), or less
   *     for a caller that must leave a reserve to others
   */
  Take take(long now, long emission, long allowance) {
    while (true) {
      long current = theoreticalArrival.get();
      long debt = Math.max(0, current - now);
      long next = debt + emission;
      if (next > allowance) {
        return new Take(false, debt, next - allowance);
      }
      if (theoreticalArrival.compareAndSet(current, now + next)) {
        return new Take(true, next, 0);
      }
    }
  }

  /** Gives back a token taken by {@link #take} when a later check refused the request. */
  void refund(long emission) {
    theoreticalArrival.addAndGet(-emission);
  }

  /** Returns how long until the bucket is full again. */
  long debt(long now) {
    return Math.max(0, theoreticalArrival.get() - now);
  }

  long idleNanos() {
    return idleNanos;
  }
}
