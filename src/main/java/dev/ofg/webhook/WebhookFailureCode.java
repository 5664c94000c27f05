package dev.ofg.webhook;

/**
 * Names the stable reason a webhook request was rejected, for problem+json, metrics and audit.
 *
 * <p>The codes are recorded precisely; what the HTTP response reveals is up to the receiver. None of
 * them helps an attacker: the public parts of a request (headers, timestamp, format) are all the
 * codes describe, never which secret or which byte did not match.
 */
public enum WebhookFailureCode {
  /** No signature (or no part the scheme needs, such as its timestamp or message id) was sent. */
  SIGNATURE_MISSING(401),
  /** A signature part was sent but cannot be parsed (bad timestamp, bad encoding, wrong length). */
  SIGNATURE_MALFORMED(401),
  /** The signature is well formed but matches none of the configured secrets. */
  SIGNATURE_INVALID(401),
  /**
   * The signature matches, but its timestamp lies outside the tolerance: a replay or a clock
   * problem. Reported only for authentic requests, because signatures are checked first.
   */
  SIGNATURE_EXPIRED(401),
  /** The payload is not the JSON the provider sends, or exceeds the configured limits. */
  PAYLOAD_INVALID(400);

  private final int httpStatus;

  WebhookFailureCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  /** Returns the HTTP status a receiver should answer with for this code. */
  public int httpStatus() {
    return httpStatus;
  }
}
