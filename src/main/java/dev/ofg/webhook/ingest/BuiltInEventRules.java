package dev.ofg.webhook.ingest;

import static dev.ofg.config.WebhookConfig.AmountUnit.MINOR;

import dev.ofg.config.WebhookConfig.EventRule;
import dev.ofg.webhook.adyen.AdyenHmacVerifier;
import dev.ofg.webhook.gocardless.GoCardlessSignatureVerifier;
import dev.ofg.webhook.stripe.StripeSignatureVerifier;
import java.util.List;

/**
 * Supplies the mapping rules each provider gets without configuration; a source's own {@code events} rules
 * are tried first, and {@code builtInEvents: false} turns these off.
 *
 * <p>Field locations follow the providers' published event shapes: Stripe's event object with the resource
 * under {@code /data/object} (amounts in minor units, lower-case currency); Adyen's NotificationRequestItem
 * ({@code amount.value} in minor units, {@code success} as the text "true"/"false", {@code originalReference}
 * naming the payment a modification belongs to); GoCardless events, which carry no amount, only
 * {@code links} to the resource. Generic and Standard Webhooks senders have no built-in rules.
 *
 * <p>A succeeded Stripe or Adyen payment is also a canonical payment for the bank target: the partner's and the
 * invoice's external references come from the metadata the merchant attached ({@code metadata.partner_ref} and
 * {@code metadata.invoice_ref}; Adyen's {@code shopperReference} as the partner when no metadata names one).
 * GoCardless events carry no amount, so they cannot be payments without a call back to GoCardless.
 */
final class BuiltInEventRules {
  private static final String STRIPE_OBJECT = "/data/object";
  private static final String STRIPE_REFERENCE = STRIPE_OBJECT + "/metadata/reference";
  private static final List<String> STRIPE_PARTNER = List.of(STRIPE_OBJECT + "/metadata/partner_ref");
  private static final List<String> STRIPE_INVOICE = List.of(STRIPE_OBJECT + "/metadata/invoice_ref");
  private static final List<String> ADYEN_PARTNER = List.of("/additionalData/metadata.partner_ref",
      "/additionalData/shopperReference");
  private static final List<String> ADYEN_INVOICE = List.of("/additionalData/metadata.invoice_ref");

  private BuiltInEventRules() {
  }

  /** Returns the built-in rules of a verifier type; empty for types without any. */
  static List<EventRule> forType(String verifierType) {
    switch (verifierType) {
      case StripeSignatureVerifier.TYPE:
        return stripe();
      case AdyenHmacVerifier.TYPE:
        return adyen();
      case GoCardlessSignatureVerifier.TYPE:
        return goCardless();
      default:
        return List.of();
    }
  }

  private static List<EventRule> stripe() {
    String id = STRIPE_OBJECT + "/id";
    String currency = STRIPE_OBJECT + "/currency";
    String paymentIntent = STRIPE_OBJECT + "/payment_intent";
    return List.of(
        EventRule.of("payment_intent.succeeded", "payment.succeeded", "payment").aggregateId(id)
            .amount(MINOR, STRIPE_OBJECT + "/amount_received", currency).reference(STRIPE_REFERENCE)
            .payment("inbound", STRIPE_PARTNER, STRIPE_INVOICE),
        EventRule.of("payment_intent.payment_failed", "payment.failed", "payment").aggregateId(id)
            .amount(MINOR, STRIPE_OBJECT + "/amount", currency).reference(STRIPE_REFERENCE),
        EventRule.of("payment_intent.canceled", "payment.cancelled", "payment").aggregateId(id)
            .amount(MINOR, STRIPE_OBJECT + "/amount", currency).reference(STRIPE_REFERENCE),
        // A refund belongs to its payment, so it is ordered after it; charges without an intent use their own id.
        EventRule.of("charge.refunded", "refund.succeeded", "payment").aggregateId(paymentIntent, id)
            .amount(MINOR, STRIPE_OBJECT + "/amount_refunded", currency).reference(STRIPE_REFERENCE),
        EventRule.of("charge.dispute.created", "dispute.opened", "payment")
            .aggregateId(paymentIntent, STRIPE_OBJECT + "/charge").amount(MINOR, STRIPE_OBJECT + "/amount", currency),
        EventRule.of("payout.paid", "payout.paid", "payout").aggregateId(id)
            .amount(MINOR, STRIPE_OBJECT + "/amount", currency),
        EventRule.of("payout.failed", "payout.failed", "payout").aggregateId(id)
            .amount(MINOR, STRIPE_OBJECT + "/amount", currency));
  }

  private static List<EventRule> adyen() {
    return List.of(
        adyen("AUTHORISATION", "true", "payment.succeeded", "/pspReference")
            .payment("inbound", ADYEN_PARTNER, ADYEN_INVOICE),
        adyen("AUTHORISATION", "false", "payment.failed", "/pspReference"),
        adyen("CAPTURE", "true", "payment.captured", "/originalReference", "/pspReference"),
        adyen("CAPTURE_FAILED", "true", "payment.capture_failed", "/originalReference", "/pspReference"),
        adyen("CANCELLATION", "true", "payment.cancelled", "/originalReference", "/pspReference"),
        adyen("REFUND", "true", "refund.succeeded", "/originalReference", "/pspReference"),
        adyen("REFUND", "false", "refund.failed", "/originalReference", "/pspReference"),
        adyen("REFUND_FAILED", "true", "refund.failed", "/originalReference", "/pspReference"),
        adyen("CHARGEBACK", "true", "payment.charged_back", "/originalReference", "/pspReference"));
  }

  private static EventRule adyen(String eventCode, String success, String type, String... aggregateId) {
    return EventRule.of(eventCode, type, "payment").when("/success", success).aggregateId(aggregateId)
        .amount(MINOR, "/amount/value", "/amount/currency").reference("/merchantReference");
  }

  private static List<EventRule> goCardless() {
    return List.of(
        EventRule.of("payments.confirmed", "payment.succeeded", "payment").aggregateId("/links/payment"),
        EventRule.of("payments.paid_out", "payment.paid_out", "payment").aggregateId("/links/payment"),
        EventRule.of("payments.failed", "payment.failed", "payment").aggregateId("/links/payment"),
        EventRule.of("payments.cancelled", "payment.cancelled", "payment").aggregateId("/links/payment"),
        EventRule.of("payments.charged_back", "payment.charged_back", "payment").aggregateId("/links/payment"),
        EventRule.of("refunds.paid", "refund.succeeded", "refund").aggregateId("/links/refund"),
        EventRule.of("refunds.failed", "refund.failed", "refund").aggregateId("/links/refund"),
        EventRule.of("mandates.created", "mandate.created", "mandate").aggregateId("/links/mandate"),
        EventRule.of("mandates.active", "mandate.activated", "mandate").aggregateId("/links/mandate"),
        EventRule.of("mandates.cancelled", "mandate.cancelled", "mandate").aggregateId("/links/mandate"),
        EventRule.of("mandates.failed", "mandate.failed", "mandate").aggregateId("/links/mandate"),
        EventRule.of("payouts.paid", "payout.paid", "payout").aggregateId("/links/payout"));
  }
}
