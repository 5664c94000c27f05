package dev.ofg.config;

import java.time.Duration;

/** Configures how audit rows are batched off the request path into PostgreSQL. */
public record AuditConfig(int batchSize, Duration flushInterval, int queueCapacity) {
  public static final AuditConfig DEFAULT = new AuditConfig(500, Duration.ofMillis(200), 100_000);

  public AuditConfig {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize: " + batchSize + " (expected: >= 1)");
    }
    if (flushInterval.isZero() || flushInterval.isNegative()) {
      throw new IllegalArgumentException("flushInterval: " + flushInterval + " (expected: > 0)");
    }
    if (queueCapacity < batchSize) {
      throw new IllegalArgumentException(
          "queueCapacity: " + queueCapacity + " (expected: >= batchSize " + batchSize + ")");
    }
  }

  static AuditConfig read(ConfigReader in) {
    int batchSize = in.integer("batchSize", DEFAULT.batchSize(), 1, 100_000);
    Duration flush = in.duration("flushInterval", DEFAULT.flushInterval());
    int capacity = in.integer("queueCapacity", DEFAULT.queueCapacity(), 1, 10_000_000);
    in.rejectUnknownKeys();
    return in.build(() -> new AuditConfig(batchSize, flush, capacity));
  }
}
