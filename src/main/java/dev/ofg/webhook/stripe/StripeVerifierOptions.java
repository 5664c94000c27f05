package dev.ofg.webhook.stripe;

import dev.ofg.webhook.PayloadLimits;
import dev.ofg.webhook.TimestampTolerance;
import dev.ofg.webhook.WebhookSecret;
import java.util.List;
import java.util.Objects;

/**
 * Configures a {@link StripeSignatureVerifier}.
 *
 * @param secrets the endpoint signing secrets ({@code whsec_...}) valid now; two during a rotation
 * @param tolerance how far the signed timestamp may lie from the receive time
 * @param limits payload limits
 */
public record StripeVerifierOptions(
    List<WebhookSecret> secrets, TimestampTolerance tolerance, PayloadLimits limits) {

  /** Validates the options. */
  public StripeVerifierOptions {
    secrets = WebhookSecret.requireSecrets(secrets);
    Objects.requireNonNull(tolerance, "tolerance");
    Objects.requireNonNull(limits, "limits");
  }

  /**
   * Creates options with default tolerance and limits from secrets as Stripe shows them. Stripe
   * keys its HMAC with the UTF-8 bytes of the whole secret, {@code whsec_} prefix included.
   */
  public static StripeVerifierOptions of(List<String> secrets) {
    return new StripeVerifierOptions(
        Objects.requireNonNull(secrets, "secrets").stream().map(WebhookSecret::utf8).toList(),
        TimestampTolerance.defaults(), PayloadLimits.defaults());
  }

  /** Returns a copy with another tolerance. */
  public StripeVerifierOptions withTolerance(TimestampTolerance tolerance) {
    return new StripeVerifierOptions(secrets, tolerance, limits);
  }

  /** Returns a copy with other limits. */
  public StripeVerifierOptions withLimits(PayloadLimits limits) {
    return new StripeVerifierOptions(secrets, tolerance, limits);
  }

  @Override
  public String toString() {
    return "StripeVerifierOptions[secrets=" + secrets.size() + " (masked), tolerance="
        + tolerance.tolerance() + ", limits=" + limits + "]";
  }
}
