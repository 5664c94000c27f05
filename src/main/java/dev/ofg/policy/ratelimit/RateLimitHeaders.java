package dev.ofg.policy.ratelimit;

import io.vertx.core.http.HttpServerResponse;

/**
 * Writes the quota fields of draft-ietf-httpapi-ratelimit-headers (the -06 revision's three separate
 * fields) for a token bucket: the burst as the limit, whole tokens left, and seconds until full again.
 */
final class RateLimitHeaders {
  static final String LIMIT = "RateLimit-Limit";
  static final String REMAINING = "RateLimit-Remaining";
  static final String RESET = "RateLimit-Reset";

  private RateLimitHeaders() {
  }

  /** Writes the fields when the quota is known; after a store failure it writes none rather than guess. */
  static void write(HttpServerResponse response, RateLimitDecision decision) {
    if (!decision.quotaKnown() || response.headWritten()) {
      return;
    }
    response.putHeader(LIMIT, Long.toString(decision.limit()))
        .putHeader(REMAINING, Long.toString(decision.remaining()))
        .putHeader(RESET, Long.toString(decision.resetSeconds()));
  }
}
