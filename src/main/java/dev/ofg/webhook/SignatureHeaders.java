package dev.ofg.webhook;

import java.util.List;

/** Reads the headers that carry signature parts, rejecting absent, blank and repeated ones. */
public final class SignatureHeaders {

  /**
   * Most signature entries examined in one header. Senders send one or two (two during a secret
   * rotation); the cap bounds the comparisons an oversized header can cause.
   */
  public static final int MAX_SIGNATURES = 32;

  private SignatureHeaders() {}

  /** Returns true if the header is present, even if blank or repeated. */
  public static boolean isPresent(WebhookRequest request, String name) {
    return !request.headerValues(name).isEmpty();
  }

  /**
   * Returns the header's single value.
   *
   * @throws WebhookSignatureException with {@code SIGNATURE_MISSING} if absent or blank, or with
   *     {@code SIGNATURE_MALFORMED} if sent more than once (an intermediary could pick either)
   */
  public static String requireSingle(WebhookRequest request, String name) {
    List<String> values = request.headerValues(name);
    if (values.size() > 1) {
      throw new WebhookSignatureException(
          WebhookFailureCode.SIGNATURE_MALFORMED, name + " header sent " + values.size() + " times");
    }
    if (values.isEmpty() || values.get(0).isBlank()) {
      throw new WebhookSignatureException(WebhookFailureCode.SIGNATURE_MISSING, name + " header missing");
    }
    return values.get(0).strip();
  }

  /**
   * Rejects more signature entries than {@link #MAX_SIGNATURES}.
   *
   * @throws WebhookSignatureException with {@code SIGNATURE_MALFORMED}
   */
  public static void requireEntryCount(int count, String name) {
    if (count > MAX_SIGNATURES) {
      throw new WebhookSignatureException(WebhookFailureCode.SIGNATURE_MALFORMED,
          name + " header carries " + count + " entries (expected: at most " + MAX_SIGNATURES + ")");
    }
  }
}
