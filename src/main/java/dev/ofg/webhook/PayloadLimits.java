package dev.ofg.webhook;

/**
 * Bounds the work and memory one webhook payload may cost, before and while it is parsed.
 *
 * @param maxBodyBytes largest body accepted; the HTTP layer should enforce the same or less
 * @param maxEvents most events (batch items) one request may carry
 * @param maxDepth deepest JSON nesting accepted
 */
public record PayloadLimits(int maxBodyBytes, int maxEvents, int maxDepth) {

  public static final int DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
  public static final int DEFAULT_MAX_EVENTS = 1000;
  public static final int DEFAULT_MAX_DEPTH = 64;

  /** Validates the limits. */
  public PayloadLimits {
    requirePositive("maxBodyBytes", maxBodyBytes);
    requirePositive("maxEvents", maxEvents);
    if (maxDepth < 2 || maxDepth > 1000) {
      throw new IllegalArgumentException("maxDepth: " + maxDepth + " (expected: 2..1000)");
    }
  }

  private static void requirePositive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
    }
  }

  /**
   * Rejects a body larger than {@link #maxBodyBytes()}.
   *
   * @throws WebhookPayloadException if the body is too large
   */
  public void requireBodyWithin(WebhookRequest request) {
    if (request.bodyLength() > maxBodyBytes) {
      throw new WebhookPayloadException(
          "body of " + request.bodyLength() + " bytes exceeds the limit of " + maxBodyBytes);
    }
  }

  /** Returns the defaults: 4 MiB, 1000 events, depth 64. */
  public static PayloadLimits defaults() {
    return new PayloadLimits(DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_EVENTS, DEFAULT_MAX_DEPTH);
  }
}
