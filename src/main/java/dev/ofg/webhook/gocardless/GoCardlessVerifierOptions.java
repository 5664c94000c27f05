package dev.ofg.webhook.gocardless;

import dev.ofg.webhook.PayloadLimits;
import dev.ofg.webhook.WebhookSecret;
import java.util.List;
import java.util.Objects;

/**
 * Configures a {@link GoCardlessSignatureVerifier}. GoCardless signs no timestamp, so there is no
 * tolerance; replays are absorbed by deduplicating on the event ids.
 *
 * @param secrets the webhook endpoint secrets valid now; two while a new one is rolled out
 * @param limits payload limits; {@link PayloadLimits#maxEvents()} caps the batch size
 */
public record GoCardlessVerifierOptions(List<WebhookSecret> secrets, PayloadLimits limits) {

  /** Validates the options. */
  public GoCardlessVerifierOptions {
    secrets = WebhookSecret.requireSecrets(secrets);
    Objects.requireNonNull(limits, "limits");
  }

  /** Creates options with default limits; GoCardless keys its HMAC with the secret's UTF-8 bytes. */
  public static GoCardlessVerifierOptions of(List<String> secrets) {
    return new GoCardlessVerifierOptions(
        Objects.requireNonNull(secrets, "secrets").stream().map(WebhookSecret::utf8).toList(),
        PayloadLimits.defaults());
  }

  /** Returns a copy with other limits. */
  public GoCardlessVerifierOptions withLimits(PayloadLimits limits) {
    return new GoCardlessVerifierOptions(secrets, limits);
  }

  @Override
  public String toString() {
    return "GoCardlessVerifierOptions[secrets=" + secrets.size() + " (masked), limits=" + limits + "]";
  }
}
