package dev.ofg.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Checks a signed timestamp against the receive time, rejecting both stale and future ones.
 *
 * @param tolerance the largest accepted distance between the signed timestamp and the receive time
 */
public record TimestampTolerance(Duration tolerance) {

  /** The tolerance Stripe and Standard Webhooks recommend. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  /** Longest accepted tolerance: beyond a day a captured request stays replayable too long. */
  public static final Duration MAX_TOLERANCE = Duration.ofDays(1);

  private static final int MAX_EPOCH_DIGITS = 12;

  /** Validates the tolerance. */
  public TimestampTolerance {
    Objects.requireNonNull(tolerance, "tolerance");
    if (tolerance.isNegative() || tolerance.isZero() || tolerance.compareTo(MAX_TOLERANCE) > 0) {
      throw new IllegalArgumentException(
          "tolerance: " + tolerance + " (expected: > 0 and <= " + MAX_TOLERANCE + ")");
    }
  }

  /** Returns the default tolerance of five minutes. */
  public static TimestampTolerance defaults() {
    return new TimestampTolerance(DEFAULT_TOLERANCE);
  }

  /**
   * Parses a Unix timestamp in seconds as senders write it: ASCII digits only, no sign.
   *
   * @throws WebhookSignatureException with {@code SIGNATURE_MALFORMED} otherwise
   */
  public static long parseEpochSeconds(String text, String what) {
    if (!isEpochSeconds(text)) {
      throw new WebhookSignatureException(
          WebhookFailureCode.SIGNATURE_MALFORMED, what + " is not a Unix timestamp in seconds");
    }
    return Long.parseLong(text);
  }

  /** Returns true if the text is 1 to 12 ASCII digits, which {@link Long#parseLong} cannot reject. */
  public static boolean isEpochSeconds(String text) {
    return !text.isEmpty() && text.length() <= MAX_EPOCH_DIGITS
        && text.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /**
   * Returns the signed instant if it lies within the tolerance of the receive time.
   *
   * @throws WebhookSignatureException with {@code SIGNATURE_EXPIRED} otherwise
   */
  public Instant requireWithin(long signedEpochSeconds, Instant receivedAt) {
    long now = receivedAt.getEpochSecond();
    long window = tolerance.toSeconds();
    // Parsed timestamps have at most 12 digits, so these sums cannot overflow.
    if (signedEpochSeconds < now - window) {
      throw new WebhookSignatureException(WebhookFailureCode.SIGNATURE_EXPIRED,
          "signature timestamp older than the tolerance of " + tolerance);
    }
    if (signedEpochSeconds > now + window) {
      throw new WebhookSignatureException(WebhookFailureCode.SIGNATURE_EXPIRED,
          "signature timestamp further in the future than the tolerance of " + tolerance);
    }
    return Instant.ofEpochSecond(signedEpochSeconds);
  }
}
