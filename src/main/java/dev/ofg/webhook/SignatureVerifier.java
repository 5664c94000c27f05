package dev.ofg.webhook;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * Verifies a webhook request's signature against the configured secrets and extracts its events.
 *
 * <p>Implementations are immutable and thread-safe, do no I/O and never block, so they may run on
 * an event loop. They check signatures on the raw body bytes, compare in constant time, accept a
 * match with any configured secret (rotation), and only then parse the payload, except where the
 * scheme signs fields inside the payload (Adyen).
 */
public interface SignatureVerifier {

  /** Returns the verifier type name used in configuration, such as {@code stripe}. */
  String type();

  /**
   * Verifies the request and extracts its events.
   *
   * @throws WebhookSignatureException if the signature is missing, malformed, invalid or expired
   * @throws WebhookPayloadException if the payload is malformed or exceeds the limits
   */
  VerifiedWebhook verify(WebhookRequest request);

  /**
   * Reads again when an event this verifier accepted earlier happened, from the event's own JSON and the request
   * headers kept with it, checking no signature: for re-routing a stored event. Empty when they do not say.
   */
  Optional<Instant> occurredAt(JsonObject event, WebhookRequest request);
}
