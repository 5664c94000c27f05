package dev.ofg.policy.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Stands in for System::nanoTime so that bucket arithmetic is deterministic; starts at an arbitrary origin. */
final class FakeClock implements LongSupplier {
  private final AtomicLong now = new AtomicLong(987_654_321_000L);

  @Override
  public long getAsLong() {
    return now.get();
  }

  void advance(Duration duration) {
    now.addAndGet(duration.toNanos());
  }

  void advanceMillis(long millis) {
    now.addAndGet(millis * 1_000_000L);
  }
}
