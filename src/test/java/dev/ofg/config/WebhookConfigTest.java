package dev.ofg.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofg.config.WebhookConfig.AmountUnit;
import dev.ofg.config.WebhookConfig.EventRule;
import dev.ofg.config.WebhookConfig.GroupCommit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookConfigTest {
  private static final String STRIPE_SECRET = "whsec_current";
  private static final String ADYEN_KEY = "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056";

  private final List<String> problems = new ArrayList<>();

  /** Reads a {@code webhooks:} section the way the loader does: placeholders resolved from a fake environment. */
  private WebhookConfig read(JsonObject raw) {
    JsonObject resolved = new Placeholders(Map.of("STRIPE_SECRET", STRIPE_SECRET, "ADYEN_KEY", ADYEN_KEY))
        .resolve(raw, "webhooks", problems);
    return WebhookConfig.read(new ConfigReader(resolved, raw, "webhooks", problems));
  }

  private static JsonObject withSource(String name, JsonObject source) {
    return new JsonObject().put("sources", new JsonObject().put(name, source));
  }

  private static JsonObject stripe() {
    return new JsonObject().put("type", "stripe")
        .put("secrets", new JsonArray().add(new JsonObject().put("value", "${STRIPE_SECRET}")));
  }

  @Test
  void readsASourceWithDefaults() {
    WebhookConfig config = read(withSource("stripe", stripe()));

    assertThat(problems).isEmpty();
    assertThat(config.groupCommit()).isEqualTo(GroupCommit.DEFAULTS);
    assertThat(config.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    WebhookConfig.Source source = config.sources().get("stripe");
    assertThat(source.maxBodyBytes()).isEqualTo(1024 * 1024);
    assertThat(source.builtInEvents()).isTrue();
    assertThat(source.events()).isEmpty();
    assertThat(source.revealedSecrets()).containsExactly(STRIPE_SECRET);
    assertThat(source.settings().getInteger("maxBodyBytes")).as("the verifier gets the same limit").isEqualTo(1 << 20);
    assertThat(source.toString()).doesNotContain(STRIPE_SECRET);
  }

  @Test
  void readsEveryKey(@TempDir Path dir) throws Exception {
    Path previous = Files.writeString(dir.resolve("previous"), "whsec_previous\n");
    JsonObject raw = withSource("stripe-eu", stripe()
            .put("secrets", new JsonArray().add(new JsonObject().put("value", "${STRIPE_SECRET}"))
                .add(new JsonObject().put("valueFile", previous.toString())))
            .put("maxBodyBytes", 65536)
            .put("settings", new JsonObject().put("toleranceSeconds", 120))
            .put("builtInEvents", false)
            .put("currencyDigits", new JsonObject().put("HUF", 0))
            .put("events", new JsonArray().add(new JsonObject()
                .put("providerType", "checkout.session.completed")
                .put("when", new JsonObject().put("/data/object/payment_status", "paid"))
                .put("type", "order.paid").put("version", 2).put("aggregateType", "order")
                .put("aggregateId", new JsonArray().add("/data/object/client_reference_id").add("/data/object/id"))
                .put("amount", "/data/object/amount_total").put("amountUnit", "major")
                .put("currency", "/data/object/currency").put("reference", "/data/object/metadata/ref")
                .put("payment", new JsonObject().put("direction", "outbound")
                    .put("partner", new JsonArray().add("/data/object/metadata/vendor").add("/data/object/customer"))
                    .put("invoice", "/data/object/metadata/bill")))))
        .put("groupCommit", new JsonObject().put("maxBatch", 32).put("maxDelay", "10ms").put("maxQueued", 100)
            .put("maxQueuedBytes", 1048576).put("maxConcurrentBatches", 3))
        .put("retryAfter", "5s");

    WebhookConfig config = read(raw);

    assertThat(problems).isEmpty();
    assertThat(config.groupCommit()).isEqualTo(new GroupCommit(32, Duration.ofMillis(10), 100, 1048576, 3));
    assertThat(config.retryAfter()).isEqualTo(Duration.ofSeconds(5));
    WebhookConfig.Source source = config.sources().get("stripe-eu");
    assertThat(source.revealedSecrets()).containsExactly(STRIPE_SECRET, "whsec_previous");
    assertThat(source.maxBodyBytes()).isEqualTo(65536);
    assertThat(source.settings().getInteger("toleranceSeconds")).isEqualTo(120);
    assertThat(source.builtInEvents()).isFalse();
    assertThat(source.currencyDigits()).containsExactly(Map.entry("HUF", 0));
    EventRule rule = source.events().get(0);
    assertThat(rule.providerType()).isEqualTo("checkout.session.completed");
    assertThat(rule.when()).containsExactly(Map.entry("/data/object/payment_status", "paid"));
    assertThat(rule.type()).isEqualTo("order.paid");
    assertThat(rule.version()).isEqualTo(2);
    assertThat(rule.aggregateType()).isEqualTo("order");
    assertThat(rule.aggregateId()).containsExactly("/data/object/client_reference_id", "/data/object/id");
    assertThat(rule.amount()).containsExactly("/data/object/amount_total");
    assertThat(rule.amountUnit()).isEqualTo(AmountUnit.MAJOR);
    assertThat(rule.currency()).containsExactly("/data/object/currency");
    assertThat(rule.reference()).containsExactly("/data/object/metadata/ref");
    assertThat(rule.payment()).isEqualTo(new WebhookConfig.PaymentFields("outbound",
        List.of("/data/object/metadata/vendor", "/data/object/customer"), List.of("/data/object/metadata/bill")));
  }

  @Test
  void refusesALiteralSecret() {
    read(withSource("stripe", stripe().put("secrets",
        new JsonArray().add(new JsonObject().put("value", "whsec_in_the_repo")))));

    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("webhooks.sources.stripe.secrets[0].value: "
        + "a literal secret"));
    assertThat(problems).noneSatisfy(p -> assertThat(p).contains("whsec_in_the_repo"));
  }

  @Test
  void refusesASourceWithoutSecrets() {
    read(withSource("stripe", new JsonObject().put("type", "stripe")));

    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("webhooks.sources.stripe.secrets: none"));
  }

  @Test
  void refusesUnknownVerifierTypeSettingAndMalformedSecret() {
    read(new JsonObject().put("sources", new JsonObject()
        .put("a", stripe().put("type", "paypal"))
        .put("b", stripe().put("settings", new JsonObject().put("tolerance", 30)))
        .put("c", new JsonObject().put("type", "adyen").put("secrets",
            new JsonArray().add(new JsonObject().put("value", "${STRIPE_SECRET}"))))));

    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("webhooks.sources.a: type: paypal (expected: "));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("webhooks.sources.b: setting: tolerance"));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("webhooks.sources.c: secret: not hexadecimal"));
  }

  @Test
  void refusesBodyLimitInTheVerifierSettings() {
    read(withSource("stripe", stripe().put("settings", new JsonObject().put("maxBodyBytes", 10))));

    assertThat(problems).containsExactly("webhooks.sources.stripe: settings.maxBodyBytes: set (expected: "
        + "maxBodyBytes on the source)");
  }

  @Test
  void refusesASourceNameThatIsNotAPathSegment() {
    read(withSource("Stripe EU", stripe()));

    assertThat(problems).anySatisfy(p -> assertThat(p).contains("name: \"Stripe EU\" (expected: lower-case"));
  }

  @Test
  void refusesBadRules() {
    read(withSource("stripe", stripe().put("events", new JsonArray()
        .add(new JsonObject().put("providerType", "a").put("type", "Payment").put("aggregateType", "payment"))
        .add(new JsonObject().put("providerType", "b").put("type", "payment.ok").put("aggregateType", "payment")
            .put("aggregateId", "data/id"))
        .add(new JsonObject().put("providerType", "c").put("type", "payment.ok").put("aggregateType", "payment")
            .put("amount", "/amount"))
        .add(new JsonObject().put("providerType", "d").put("type", "payment.ok").put("aggregateType", "payment")
            .put("on", "d"))
        .add(new JsonObject().put("providerType", "e").put("type", "payment.ok").put("aggregateType", "payment")
            .put("payment", new JsonObject().put("partner", "/p")))
        .add(new JsonObject().put("providerType", "f").put("type", "payment.ok").put("aggregateType", "payment")
            .put("amount", "/amount").put("currency", "/currency")
            .put("payment", new JsonObject().put("direction", "sideways").put("partner", "/p"))))));

    assertThat(problems).anySatisfy(p -> assertThat(p).isEqualTo("webhooks.sources.stripe.events[0]: type: Payment "
        + "(expected: dotted lower-case, e.g. payment.succeeded)"));
    assertThat(problems).anySatisfy(p -> assertThat(p).isEqualTo("webhooks.sources.stripe.events[1]: aggregateId: "
        + "\"data/id\" (expected: a JSON pointer such as /data/id)"));
    assertThat(problems).anySatisfy(p -> assertThat(p).isEqualTo("webhooks.sources.stripe.events[2]: currency: "
        + "missing (expected: a JSON pointer when amount is set)"));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("webhooks.sources.stripe.events[3].on: unknown key"));
    assertThat(problems).anySatisfy(p -> assertThat(p).isEqualTo("webhooks.sources.stripe.events[4]: payment: set "
        + "without amount (expected: amount and currency pointers)"));
    assertThat(problems).anySatisfy(p -> assertThat(p).isEqualTo("webhooks.sources.stripe.events[5].payment: "
        + "payment.direction: sideways (expected: inbound or outbound)"));
  }

  private static JsonObject statementSource(String eventId, String eventType) {
    return new JsonObject().put("type", "hmac")
        .put("secrets", new JsonArray().add(new JsonObject().put("value", "${STRIPE_SECRET}")))
        .put("settings", new JsonObject().put("signatureHeader", "X-Statement-Signature").put("eventId", eventId)
            .put("eventType", eventType))
        .put("statementImport", new JsonObject().put("journal", "BNK1"));
  }

  @Test
  void readsAStatementSource() {
    WebhookConfig config = read(withSource("bank-statements", statementSource("body:sha256", "const:bank.statement")));

    assertThat(problems).isEmpty();
    assertThat(config.sources().get("bank-statements").statementImport())
        .isEqualTo(new WebhookConfig.StatementImport("BNK1"));
  }

  @Test
  void refusesAStatementSourceWhoseVerifierWouldReadTheFileAsJson() {
    read(new JsonObject().put("sources", new JsonObject()
        .put("a", stripe().put("statementImport", new JsonObject()))
        .put("b", statementSource("header:X-File-Id", "const:bank.statement"))
        .put("c", statementSource("body:sha256", "json:/type"))
        .put("d", statementSource("body:sha256", "const:x").put("statementImport",
            new JsonObject().put("jornal", "BNK1")))));

    assertThat(problems).contains(
        "webhooks.sources.a: statementImport: set on a source of type stripe (expected: type hmac with "
            + "settings.eventId body:sha256; a statement file is not JSON)",
        "webhooks.sources.b: statementImport: settings.eventId header:X-File-Id (expected: body:sha256, so that a "
            + "re-sent file is the same event and the body is not read as JSON)",
        "webhooks.sources.c: statementImport: settings.eventType json:/type (expected: header:<name> or "
            + "const:<value>; a statement file is not JSON)");
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(
        "webhooks.sources.d.statementImport.jornal: unknown key"));
  }

  @Test
  void validatesGroupCommitBounds() {
    assertThatThrownBy(() -> new GroupCommit(0, Duration.ZERO, 1, 1024, 1))
        .hasMessage("maxBatch: 0 (expected: 1..1000)");
    assertThatThrownBy(() -> new GroupCommit(1, Duration.ofSeconds(2), 1, 1024, 1))
        .hasMessage("maxDelay: PT2S (expected: 0ms..1s)");
    assertThatThrownBy(() -> new GroupCommit(1, Duration.ZERO, 0, 1024, 1))
        .hasMessage("maxQueued: 0 (expected: >= 1)");
    assertThatThrownBy(() -> new GroupCommit(1, Duration.ZERO, 1, 10, 1))
        .hasMessage("maxQueuedBytes: 10 (expected: >= 1024)");
    assertThatThrownBy(() -> new GroupCommit(1, Duration.ZERO, 1, 1024, 0))
        .hasMessage("maxConcurrentBatches: 0 (expected: 1..64)");
  }

  @Test
  void loadsTheSectionThroughTheWholeConfiguration() {
    String yaml = String.join("\n", "odoo: {url: 'http://127.0.0.1:8069', database: d, login: l, password: '${P}'}",
        "webhooks:", "  sources:", "    stripe:", "      type: stripe", "      secrets:",
        "        - value: ${STRIPE_SECRET}", "");
    GatewayConfig config = new GatewayConfigLoader(Map.of("P", "x", "STRIPE_SECRET", STRIPE_SECRET))
        .parse(yaml, "test.yaml");
    GatewayConfig without = new GatewayConfigLoader(Map.of("P", "x"))
        .parse("odoo: {url: 'http://127.0.0.1:8069', database: d, login: l, password: '${P}'}\n", "test.yaml");

    assertThat(config.webhooks().sources()).containsOnlyKeys("stripe");
    assertThat(without.webhooks()).isEqualTo(WebhookConfig.NONE);
  }
}
