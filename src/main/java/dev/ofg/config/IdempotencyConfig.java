package dev.ofg.config;

import java.time.Duration;

/**
 * Configures Idempotency-Key handling: how long keys and responses are kept (published to clients), how
 * long a request may hold its key while in flight, and the in-process cache in front of PostgreSQL.
 */
public record IdempotencyConfig(Duration retention, Duration inFlightLease, long cacheMaxBytes,
    boolean requiredOnCanonicalWrites, Duration reapInterval) {
  public static final IdempotencyConfig DEFAULT =
      new IdempotencyConfig(Duration.ofHours(24), Duration.ofMinutes(2), 64L * 1024 * 1024, true, Duration.ofMinutes(1));

  public IdempotencyConfig {
    if (retention.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("idempotency.retention: " + retention + " (expected: >= 1m)");
    }
    if (inFlightLease.isZero() || inFlightLease.isNegative() || inFlightLease.compareTo(retention) >= 0) {
      throw new IllegalArgumentException("idempotency.inFlightLease: " + inFlightLease
          + " (expected: > 0 and shorter than retention " + retention + ")");
    }
    if (cacheMaxBytes < 0) {
      throw new IllegalArgumentException("idempotency.cacheMaxBytes: " + cacheMaxBytes + " (expected: >= 0)");
    }
  }

  static IdempotencyConfig read(ConfigReader in) {
    Duration retention = in.duration("retention", DEFAULT.retention());
    Duration lease = in.duration("inFlightLease", DEFAULT.inFlightLease());
    long cache = in.longValue("cacheMaxBytes", DEFAULT.cacheMaxBytes(), 0, Long.MAX_VALUE);
    boolean required = in.bool("requiredOnCanonicalWrites", DEFAULT.requiredOnCanonicalWrites());
    Duration reap = in.duration("reapInterval", DEFAULT.reapInterval());
    in.rejectUnknownKeys();
    return in.build(() -> new IdempotencyConfig(retention, lease, cache, required, reap));
  }
}
