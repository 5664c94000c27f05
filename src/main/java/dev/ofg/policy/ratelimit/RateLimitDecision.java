package dev.ofg.policy.ratelimit;

import java.util.Objects;

/**
 * Tells whether one request may pass and what to advertise about the client's quota.
 *
 * @param limit the bucket's capacity (burst), advertised as {@code RateLimit-Limit}
 * @param remaining whole tokens left after this decision, advertised as {@code RateLimit-Remaining}
 * @param resetSeconds seconds until the bucket is full again, advertised as {@code RateLimit-Reset}
 * @param retryAfterSeconds for a refused request, seconds until a retry can pass; 0 when allowed
 */
public record RateLimitDecision(
    Outcome outcome, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {

  /** Names how a decision came about; the label is a bounded metric value. */
  public enum Outcome {
    ALLOWED("allowed", true),
    REJECTED_CLIENT("rejected_client", false),
    REJECTED_TIER("rejected_tier", false),
    STORE_FAILURE_ALLOWED("store_failure_allowed", true),
    STORE_FAILURE_DENIED("store_failure_denied", false);

    private final String label;
    private final boolean allowed;

    Outcome(String label, boolean allowed) {
      this.label = label;
      this.allowed = allowed;
    }

    public String label() {
      return label;
    }
  }

  public RateLimitDecision {
    Objects.requireNonNull(outcome, "outcome");
    if (limit < 0 || remaining < 0 || resetSeconds < 0 || retryAfterSeconds < 0) {
      throw new IllegalArgumentException("limit, remaining, resetSeconds, retryAfterSeconds: " + limit + ", "
          + remaining + ", " + resetSeconds + ", " + retryAfterSeconds + " (expected: >= 0)");
    }
  }

  /** Builds a decision from a bucket's state, rounding seconds up so that a client never retries too early. */
  static RateLimitDecision of(Outcome outcome, long limit, long remaining, long debtNanos, long waitNanos) {
    long retryAfter = outcome.allowed ? 0 : Math.max(1, ceilSeconds(waitNanos));
    return new RateLimitDecision(outcome, limit, Math.max(0, Math.min(limit, remaining)), ceilSeconds(debtNanos),
        retryAfter);
  }

  /** Builds the decision taken when the bucket store could not answer. */
  static RateLimitDecision storeFailure(boolean allow, long retryAfterSeconds) {
    return allow
        ? new RateLimitDecision(Outcome.STORE_FAILURE_ALLOWED, 0, 0, 0, 0)
        : new RateLimitDecision(Outcome.STORE_FAILURE_DENIED, 0, 0, 0, Math.max(1, retryAfterSeconds));
  }

  public boolean allowed() {
    return outcome.allowed;
  }

  /** Tells whether the quota figures are real; after a store failure nothing is known about the quota. */
  public boolean quotaKnown() {
    return outcome != Outcome.STORE_FAILURE_ALLOWED && outcome != Outcome.STORE_FAILURE_DENIED;
  }

  private static long ceilSeconds(long nanos) {
    return nanos <= 0 ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
  }
}
