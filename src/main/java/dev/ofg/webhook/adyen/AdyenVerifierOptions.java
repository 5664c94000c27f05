package dev.ofg.webhook.adyen;

import dev.ofg.webhook.PayloadLimits;
import dev.ofg.webhook.WebhookSecret;
import java.util.List;
import java.util.Objects;

/**
 * Configures an {@link AdyenHmacVerifier}. Adyen signs no timestamp, so there is no tolerance;
 * replays are absorbed by deduplicating on the event ids.
 *
 * @param secrets the HMAC keys valid now; Adyen advises accepting the previous key for a while
 *     after generating a new one, because already queued notifications keep the old signature
 * @param limits payload limits; {@link PayloadLimits#maxEvents()} caps the notification items
 */
public record AdyenVerifierOptions(List<WebhookSecret> secrets, PayloadLimits limits) {

  /** Validates the options. */
  public AdyenVerifierOptions {
    secrets = WebhookSecret.requireSecrets(secrets);
    Objects.requireNonNull(limits, "limits");
  }

  /** Creates options with default limits from HMAC keys as the Customer Area shows them (hex). */
  public static AdyenVerifierOptions of(List<String> hexKeys) {
    return new AdyenVerifierOptions(
        Objects.requireNonNull(hexKeys, "hexKeys").stream().map(WebhookSecret::hex).toList(),
        PayloadLimits.defaults());
  }

  /** Returns a copy with other limits. */
  public AdyenVerifierOptions withLimits(PayloadLimits limits) {
    return new AdyenVerifierOptions(secrets, limits);
  }

  @Override
  public String toString() {
    return "AdyenVerifierOptions[secrets=" + secrets.size() + " (masked), limits=" + limits + "]";
  }
}
