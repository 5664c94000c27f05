package dev.ofg.webhook.standardwebhooks;

import dev.ofg.webhook.PayloadLimits;
import dev.ofg.webhook.TimestampTolerance;
import dev.ofg.webhook.WebhookSecret;
import java.util.List;
import java.util.Objects;

/**
 * Configures a {@link StandardWebhooksSignatureVerifier}.
 *
 * @param secrets the signing secrets valid now; two during a rotation
 * @param tolerance how far {@code webhook-timestamp} may lie from the receive time, either way
 * @param limits payload limits
 */
public record StandardWebhooksVerifierOptions(
    List<WebhookSecret> secrets, TimestampTolerance tolerance, PayloadLimits limits) {

  /** Validates the options. */
  public StandardWebhooksVerifierOptions {
    secrets = WebhookSecret.requireSecrets(secrets);
    Objects.requireNonNull(tolerance, "tolerance");
    Objects.requireNonNull(limits, "limits");
  }

  /**
   * Creates options with default tolerance and limits from secrets in the specification's form,
   * {@code whsec_<base64>} (the prefix is optional, as in the reference libraries).
   */
  public static StandardWebhooksVerifierOptions of(List<String> secrets) {
    return new StandardWebhooksVerifierOptions(
        Objects.requireNonNull(secrets, "secrets").stream().map(WebhookSecret::standardWebhooks).toList(),
        TimestampTolerance.defaults(), PayloadLimits.defaults());
  }

  /** Returns a copy with another tolerance. */
  public StandardWebhooksVerifierOptions withTolerance(TimestampTolerance tolerance) {
    return new StandardWebhooksVerifierOptions(secrets, tolerance, limits);
  }

  /** Returns a copy with other limits. */
  public StandardWebhooksVerifierOptions withLimits(PayloadLimits limits) {
    return new StandardWebhooksVerifierOptions(secrets, tolerance, limits);
  }

  @Override
  public String toString() {
    return "StandardWebhooksVerifierOptions[secrets=" + secrets.size() + " (masked), tolerance="
        + tolerance.tolerance() + ", limits=" + limits + "]";
  }
}
