/**
 * Verifies signed webhooks from banks and payment providers and extracts their events.
 *
 * <p>A receiver builds a {@link dev.ofg.webhook.WebhookRequest} from the raw request (headers, body
 * bytes as received, receive time), hands it to the {@link dev.ofg.webhook.SignatureVerifier}
 * configured for the source ({@link dev.ofg.webhook.WebhookVerifiers#create}), and stores the
 * returned {@link dev.ofg.webhook.ProviderEvent}s, deduplicating on (source, event id). A
 * {@link dev.ofg.webhook.WebhookException} carries the HTTP status and a stable code.
 *
 * <h2>Decisions</h2>
 *
 * <ul>
 *   <li>Order: header format, then the signature (every secret, every received signature, constant
 *       time, no short-circuit), then the timestamp tolerance, then the payload. So an unsigned
 *       request never costs a JSON parse, and {@code SIGNATURE_EXPIRED} is only reported for
 *       authentic requests (replays, clock skew). Adyen is the exception: its signatures sit inside
 *       the payload, which is therefore parsed first, under the same limits.
 *   <li>Tolerance applies both ways (stale and future), for every scheme with a timestamp.
 *   <li>A repeated signature header is malformed: intermediaries could disagree on which one counts.
 *   <li>Duplicate JSON keys are rejected, so that no downstream parser can read a value the verifier
 *       did not see.
 *   <li>Event ids: Stripe {@code id}; Standard Webhooks the {@code webhook-id} header; GoCardless each
 *       event's {@code id}; Adyen {@code pspReference:eventCode:success}; generic a configured
 *       header or JSON pointer.
 *   <li>Adyen batches are all or nothing: one unverifiable item rejects the request.
 * </ul>
 */
package dev.ofg.webhook;
