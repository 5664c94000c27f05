package dev.ofg.webhook.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.config.Secret;
import dev.ofg.config.WebhookConfig;
import dev.ofg.config.WebhookConfig.AmountUnit;
import dev.ofg.config.WebhookConfig.EventRule;
import dev.ofg.finance.FinanceEvent;
import dev.ofg.finance.PaymentInput;
import dev.ofg.webhook.ProviderEvent;
import dev.ofg.webhook.ingest.EventNormaliser.Normalised;
import dev.ofg.webhook.ingest.EventNormaliser.Routed;
import dev.ofg.webhook.ingest.EventNormaliser.Unrouted;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventNormaliserTest {
  private static final Instant RECEIVED = Instant.parse("2026-03-01T12:00:00Z");
  private static final String ADYEN_KEY = "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF";

  private static WebhookConfig.Source source(String name, String type, String secret, List<EventRule> rules,
      boolean builtIn, Map<String, Integer> digits) {
    JsonObject settings = !type.equals("hmac") ? new JsonObject() : new JsonObject()
        .put("signatureHeader", "X-Signature").put("eventId", "json:/id").put("eventType", "json:/type");
    return new WebhookConfig.Source(name, type, settings, List.of(Secret.of(secret)), 1 << 20, rules, builtIn,
        digits, null);
  }

  private static EventNormaliser stripe() {
    return EventNormaliser.create(source("stripe", "stripe", "whsec_x", List.of(), true, Map.of()));
  }

  private static EventNormaliser adyen() {
    return EventNormaliser.create(source("adyen", "adyen", ADYEN_KEY, List.of(), true, Map.of()));
  }

  private static ProviderEvent event(String id, String type, JsonObject json) {
    return new ProviderEvent(id, type, null, 0, json.encode().getBytes(StandardCharsets.UTF_8));
  }

  private static ProviderEvent stripeEvent(String type, Object amount, String currency) {
    JsonObject object = new JsonObject().put("id", "pi_1").put("amount", amount).put("amount_received", amount)
        .put("amount_refunded", amount).put("currency", currency).put("payment_intent", "pi_0");
    return event("evt_1", type, new JsonObject().put("id", "evt_1").put("type", type)
        .put("data", new JsonObject().put("object", object)));
  }

  private static ProviderEvent adyenItem(String code, String success, long value, String currency) {
    JsonObject item = new JsonObject().put("pspReference", "PSP2").put("originalReference", "PSP1")
        .put("merchantReference", "ORDER-9").put("eventCode", code).put("success", success)
        .put("amount", new JsonObject().put("value", value).put("currency", currency));
    return event("PSP2:" + code + ":" + success, code, item);
  }

  private static FinanceEvent routed(Normalised normalised) {
    assertThat(normalised).isInstanceOf(Routed.class);
    return ((Routed) normalised).event();
  }

  private static String unrouted(Normalised normalised) {
    assertThat(normalised).isInstanceOf(Unrouted.class);
    return ((Unrouted) normalised).reason();
  }

  private static String amount(Normalised normalised) {
    return routed(normalised).data().getString("amount");
  }

  @Test
  void convertsStripeMinorUnitsWithStripesDigitsPerCurrency() {
    EventNormaliser stripe = stripe();
    assertThat(amount(stripe.normalise(stripeEvent("payment_intent.succeeded", 1999, "eur"), "c", RECEIVED)))
        .isEqualTo("19.99");
    assertThat(amount(stripe.normalise(stripeEvent("payment_intent.succeeded", 500, "jpy"), "c", RECEIVED)))
        .isEqualTo("500");
    assertThat(amount(stripe.normalise(stripeEvent("payment_intent.succeeded", 12340, "kwd"), "c", RECEIVED)))
        .isEqualTo("12.340");
    // ISO 4217 gives ISK no minor unit and MGA two; Stripe documents the opposite for its API.
    assertThat(amount(stripe.normalise(stripeEvent("payment_intent.succeeded", 100, "isk"), "c", RECEIVED)))
        .isEqualTo("1.00");
    assertThat(amount(stripe.normalise(stripeEvent("payment_intent.succeeded", 500, "mga"), "c", RECEIVED)))
        .isEqualTo("500");
    assertThat(amount(stripe.normalise(stripeEvent("payment_intent.succeeded", 1, "usd"), "c", RECEIVED)))
        .isEqualTo("0.01");
  }

  @Test
  void mapsStripeBuiltInTypesWithTheirAggregates() {
    FinanceEvent refund = routed(stripe().normalise(stripeEvent("charge.refunded", 250, "eur"), "corr", RECEIVED));
    assertThat(refund.type()).isEqualTo("refund.succeeded");
    assertThat(refund.aggregateType()).isEqualTo("payment");
    assertThat(refund.aggregateId()).as("the refund is ordered after its payment intent").isEqualTo("pi_0");
    assertThat(refund.data().getString("currency")).isEqualTo("EUR");
    FinanceEvent payout = routed(stripe().normalise(stripeEvent("payout.paid", 100000, "eur"), "corr", RECEIVED));
    assertThat(payout.type()).isEqualTo("payout.paid");
    assertThat(payout.data().getString("amount")).isEqualTo("1000.00");
  }

  @Test
  void keepsSourceProviderIdCorrelationAndAStableEventId() {
    EventNormaliser stripe = stripe();
    FinanceEvent first = routed(stripe.normalise(stripeEvent("payment_intent.succeeded", 1, "eur"), "corr-1", RECEIVED));
    FinanceEvent again = routed(stripe.normalise(stripeEvent("payment_intent.succeeded", 1, "eur"), "corr-2", RECEIVED));
    EventNormaliser other = EventNormaliser.create(source("stripe-eu", "stripe", "whsec_x", List.of(), true, Map.of()));
    FinanceEvent elsewhere = routed(other.normalise(stripeEvent("payment_intent.succeeded", 1, "eur"), "c", RECEIVED));

    assertThat(first.source()).isEqualTo("stripe");
    assertThat(first.sourceEventId()).isEqualTo("evt_1");
    assertThat(first.correlationId()).isEqualTo("corr-1");
    assertThat(first.version()).isEqualTo(1);
    assertThat(first.occurredAt()).as("no occurrence time in the event").isEqualTo(RECEIVED);
    assertThat(first.payloadRef()).as("set once the inbox row exists").isNull();
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(elsewhere.id()).isNotEqualTo(first.id());
  }

  @Test
  void makesASucceededStripePaymentACanonicalPaymentFromTheMerchantsMetadata() {
    JsonObject intent = new JsonObject().put("id", "pi_7").put("amount_received", 36000).put("currency", "eur")
        .put("metadata", new JsonObject().put("reference", "SO-1001").put("partner_ref", "AZURE")
            .put("invoice_ref", "INV/2026/0007"));
    ProviderEvent event = new ProviderEvent("evt_7", "payment_intent.succeeded", Instant.parse("2026-02-28T23:30:00Z"),
        0, new JsonObject().put("id", "evt_7").put("data", new JsonObject().put("object", intent)).encode()
        .getBytes(StandardCharsets.UTF_8));

    FinanceEvent paid = routed(stripe().normalise(event, "c", RECEIVED));
    JsonObject canonical = paid.data().copy();
    List.of("provider", "providerEventType", "reference").forEach(canonical::remove);
    PaymentInput payment = PaymentInput.parse(canonical);

    assertThat(payment.externalRef()).as("source and payment intent").isEqualTo("stripe:pi_7");
    assertThat(payment.direction()).isEqualTo(PaymentInput.Direction.INBOUND);
    assertThat(payment.partnerRef()).isEqualTo("AZURE");
    assertThat(payment.invoiceRef()).isEqualTo("INV/2026/0007");
    assertThat(payment.amount()).isEqualByComparingTo("360.00");
    assertThat(payment.currency().getCurrencyCode()).isEqualTo("EUR");
    assertThat(payment.date()).as("the UTC day it occurred").isEqualTo(LocalDate.parse("2026-02-28"));
    assertThat(payment.memo()).isEqualTo("SO-1001");
  }

  @Test
  void routesAPaymentWithoutPartnerAsAFactButNotAsACanonicalPayment() {
    FinanceEvent paid = routed(stripe().normalise(stripeEvent("payment_intent.succeeded", 100, "eur"), "c",
        RECEIVED));
    FinanceEvent failed = routed(stripe().normalise(stripeEvent("payment_intent.payment_failed", 100, "eur"), "c",
        RECEIVED));

    assertThat(paid.data().getString("amount")).isEqualTo("1.00");
    assertThat(paid.data().fieldNames()).doesNotContain("externalRef", "partner", "invoice", "direction", "date");
    assertThat(failed.data().containsKey("externalRef")).as("only succeeded payments are payments").isFalse();
  }

  @Test
  void takesAdyensShopperReferenceAsThePartnerWhenNoMetadataNamesOne() {
    JsonObject item = new JsonObject().put("pspReference", "PSP3").put("merchantReference", "ORDER-10")
        .put("eventCode", "AUTHORISATION").put("success", "true")
        .put("amount", new JsonObject().put("value", 2500).put("currency", "EUR"))
        .put("additionalData", new JsonObject().put("shopperReference", "GEMINI"));

    FinanceEvent paid = routed(adyen().normalise(event("PSP3:AUTHORISATION:true", "AUTHORISATION", item), "c",
        RECEIVED));

    assertThat(paid.data().getJsonObject("partner").getString("externalRef")).isEqualTo("GEMINI");
    assertThat(paid.data().getString("externalRef")).isEqualTo("adyen:PSP3");
    assertThat(paid.data().getString("date")).isEqualTo("2026-03-01");
  }

  @Test
  void mapsAdyenOutcomesBySuccessFlagWithAdyensDigits() {
    EventNormaliser adyen = adyen();
    FinanceEvent succeeded = routed(adyen.normalise(adyenItem("AUTHORISATION", "true", 1130, "EUR"), "c", RECEIVED));
    FinanceEvent failed = routed(adyen.normalise(adyenItem("AUTHORISATION", "false", 1130, "EUR"), "c", RECEIVED));
    FinanceEvent refund = routed(adyen.normalise(adyenItem("REFUND", "true", 1000, "CLP"), "c", RECEIVED));
    FinanceEvent escudo = routed(adyen.normalise(adyenItem("CAPTURE", "true", 500, "CVE"), "c", RECEIVED));

    assertThat(succeeded.type()).isEqualTo("payment.succeeded");
    assertThat(succeeded.aggregateId()).isEqualTo("PSP2");
    assertThat(succeeded.data().getString("amount")).isEqualTo("11.30");
    assertThat(succeeded.data().getString("reference")).isEqualTo("ORDER-9");
    assertThat(failed.type()).isEqualTo("payment.failed");
    assertThat(refund.type()).isEqualTo("refund.succeeded");
    assertThat(refund.aggregateId()).as("the payment it refunds").isEqualTo("PSP1");
    assertThat(refund.data().getString("amount")).as("Adyen gives CLP two digits").isEqualTo("10.00");
    assertThat(escudo.data().getString("amount")).as("Adyen gives CVE none").isEqualTo("500");
  }

  @Test
  void configuredRulesComeFirstAndCurrencyDigitsOverrideTheProvider() {
    EventRule custom = EventRule.of("payment_intent.succeeded", "order.paid", "order").aggregateId("/data/object/id")
        .amount(AmountUnit.MINOR, "/data/object/amount", "/data/object/currency");
    EventNormaliser normaliser = EventNormaliser.create(source("stripe", "stripe", "whsec_x", List.of(custom), true,
        Map.of("HUF", 0)));

    FinanceEvent paid = routed(normaliser.normalise(stripeEvent("payment_intent.succeeded", 5000, "huf"), "c",
        RECEIVED));
    assertThat(paid.type()).isEqualTo("order.paid");
    assertThat(paid.data().getString("amount")).isEqualTo("5000");
    assertThat(routed(normaliser.normalise(stripeEvent("payout.paid", 5, "eur"), "c", RECEIVED)).type())
        .as("built-in rules still apply after the configured ones").isEqualTo("payout.paid");
  }

  @Test
  void flagsUnknownTypesAndTurnedOffBuiltInsAsUnrouted() {
    assertThat(unrouted(stripe().normalise(stripeEvent("customer.created", 1, "eur"), "c", RECEIVED)))
        .isEqualTo("no mapping for event type customer.created");
    EventNormaliser bare = EventNormaliser.create(source("stripe", "stripe", "whsec_x", List.of(), false, Map.of()));
    assertThat(unrouted(bare.normalise(stripeEvent("payment_intent.succeeded", 1, "eur"), "c", RECEIVED)))
        .startsWith("no mapping");
  }

  @Test
  void flagsMappedEventsWithUnusableFieldsWithoutEchoingValues() {
    EventNormaliser stripe = stripe();
    assertThat(unrouted(stripe.normalise(stripeEvent("payment_intent.succeeded", 100, "xyz"), "c", RECEIVED)))
        .contains("currency XYZ is unknown");
    assertThat(unrouted(stripe.normalise(stripeEvent("payment_intent.succeeded", 19.99, "eur"), "c", RECEIVED)))
        .contains("amount is not an integer in minor units").doesNotContain("19.99");
    assertThat(unrouted(stripe.normalise(stripeEvent("payment_intent.succeeded", null, "eur"), "c", RECEIVED)))
        .contains("amount missing at /data/object/amount_received");
    ProviderEvent badReference = event("evt_2", "payment_intent.succeeded", new JsonObject()
        .put("data", new JsonObject().put("object", new JsonObject().put("id", "pi_2").put("amount_received", 1)
            .put("currency", "eur").put("metadata", new JsonObject().put("reference", "NL91\u0000secret")))));
    assertThat(unrouted(stripe.normalise(badReference, "c", RECEIVED)))
        .contains("reference is not a printable string").doesNotContain("secret");
  }

  @Test
  void readsMajorUnitAmountsExactlyAndRefusesExtraDecimals() {
    EventRule settled = EventRule.of("payment.settled", "payment.succeeded", "payment")
        .amount(AmountUnit.MAJOR, "/amount", "/currency");
    EventNormaliser partner = EventNormaliser.create(source("partner", "hmac", "s3cret", List.of(settled), true,
        Map.of()));
    java.util.function.Function<String, Normalised> withAmount = json -> partner.normalise(
        event("p1", "payment.settled", new JsonObject("{\"currency\":\"EUR\",\"amount\":" + json + "}")), "c",
        RECEIVED);

    assertThat(amount(withAmount.apply("12.5"))).isEqualTo("12.50");
    assertThat(amount(withAmount.apply("\"123456789012345678901.10\""))).isEqualTo("123456789012345678901.10");
    assertThat(amount(withAmount.apply("0.100000"))).as("trailing zeros are not extra decimals").isEqualTo("0.10");
    assertThat(amount(withAmount.apply("7"))).isEqualTo("7.00");
    assertThat(unrouted(withAmount.apply("12.345"))).contains("more decimals than EUR allows (2)");
    assertThat(unrouted(withAmount.apply("\"12,50\""))).contains("amount is not a decimal number");
  }

  @Test
  void usesTheProviderEventIdWhenTheRuleNamesNoAggregate() {
    EventRule rule = EventRule.of("thing.happened", "thing.happened", "thing");
    EventNormaliser normaliser = EventNormaliser.create(source("partner", "hmac", "s3cret", List.of(rule), false,
        Map.of()));
    FinanceEvent event = routed(normaliser.normalise(new ProviderEvent("T-1", "thing.happened",
        Instant.parse("2026-01-01T00:00:00Z"), 0, "{}".getBytes(StandardCharsets.UTF_8)), "c", RECEIVED));
    assertThat(event.aggregateId()).isEqualTo("T-1");
    assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(event.data().containsKey("amount")).isFalse();
  }
}
