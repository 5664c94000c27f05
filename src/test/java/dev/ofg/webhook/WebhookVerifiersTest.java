package dev.ofg.webhook;

import static dev.ofg.webhook.TestSignatures.hex;
import static dev.ofg.webhook.TestSignatures.hmacSha256;
import static dev.ofg.webhook.TestSignatures.request;
import static dev.ofg.webhook.TestSignatures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookVerifiersTest {

  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

  @Test
  void buildsEachTypeByName() {
    JsonObject generic = new JsonObject().put("signatureHeader", "X-Sig")
        .put("eventId", "header:X-Id").put("eventType", "json:/type");

    assertThat(WebhookVerifiers.create("stripe", new JsonObject(), List.of("whsec_x")).type()).isEqualTo("stripe");
    assertThat(WebhookVerifiers.create("standard-webhooks", new JsonObject(), List.of("whsec_q80=")).type())
        .isEqualTo("standard-webhooks");
    assertThat(WebhookVerifiers.create("svix", new JsonObject(), List.of("whsec_q80=")).type())
        .isEqualTo("standard-webhooks");
    assertThat(WebhookVerifiers.create("adyen", new JsonObject(), List.of("ABCD")).type()).isEqualTo("adyen");
    assertThat(WebhookVerifiers.create("gocardless", new JsonObject(), List.of("s")).type()).isEqualTo("gocardless");
    assertThat(WebhookVerifiers.create("hmac", generic, List.of("s")).type()).isEqualTo("hmac");
  }

  @Test
  void appliesConfiguredToleranceAndLimits() {
    SignatureVerifier verifier = WebhookVerifiers.create("stripe",
        new JsonObject().put("toleranceSeconds", 10).put("maxBodyBytes", 64), List.of("whsec_x"));
    String body = "{\"id\":\"evt_1\",\"type\":\"a.b\"}";
    long t = NOW.getEpochSecond() - 11;
    String header = "t=" + t + ",v1=" + hex(hmacSha256(utf8("whsec_x"), utf8(t + "." + body)));

    assertThatThrownBy(() -> verifier.verify(request(NOW, body, "Stripe-Signature", header)))
        .extracting(e -> ((WebhookException) e).code()).isEqualTo(WebhookFailureCode.SIGNATURE_EXPIRED);
    assertThatThrownBy(() -> verifier.verify(request(NOW, " ".repeat(65), "Stripe-Signature", header)))
        .isInstanceOf(WebhookPayloadException.class);
  }

  @Test
  void buildsAGenericVerifierFromSettings() {
    JsonObject settings = new JsonObject().put("signatureHeader", "X-Signature").put("algorithm", "sha512")
        .put("encoding", "base64").put("signaturePrefix", "v1=").put("timestampHeader", "X-Timestamp")
        .put("signedPayload", "{timestamp}:{body}").put("eventId", "/id").put("eventType", "header:X-Event")
        .put("occurredAt", "/at").put("secretEncoding", "hex").put("toleranceSeconds", 60);
    SignatureVerifier verifier = WebhookVerifiers.create("hmac", settings, List.of("0a0b0c"));
    String body = "{\"id\":\"42\",\"at\":1700000000}";
    String signature = TestSignatures.base64(TestSignatures.hmac("HmacSHA512", new byte[] {10, 11, 12},
        utf8(NOW.getEpochSecond() + ":" + body)));

    VerifiedWebhook verified = verifier.verify(request(NOW, body, "X-Signature", "v1=" + signature,
        "X-Timestamp", Long.toString(NOW.getEpochSecond()), "X-Event", "payout.sent"));

    assertThat(verified.events().get(0).id()).isEqualTo("42");
    assertThat(verified.events().get(0).type()).isEqualTo("payout.sent");
    assertThat(verified.events().get(0).occurredAt()).contains(NOW);
  }

  @Test
  void rejectsUnknownTypesSettingsAndBadValues() {
    assertThatThrownBy(() -> WebhookVerifiers.create("paypal", new JsonObject(), List.of("s")))
        .hasMessageContaining("type: paypal (expected: one of");
    assertThatThrownBy(() -> WebhookVerifiers.create("stripe", new JsonObject().put("tolerance", 5), List.of("s")))
        .hasMessageContaining("setting: tolerance (expected: one of");
    assertThatThrownBy(() -> WebhookVerifiers.create("adyen", new JsonObject().put("toleranceSeconds", 5), List.of("AB")))
        .hasMessageContaining("setting: toleranceSeconds");
    assertThatThrownBy(() -> WebhookVerifiers.create("stripe", new JsonObject().put("maxEvents", "many"), List.of("s")))
        .hasMessage("maxEvents: many (expected: an integer)");
    assertThatThrownBy(() -> WebhookVerifiers.create("hmac", new JsonObject().put("signatureHeader", "X"), List.of("s")))
        .hasMessageContaining("eventId: missing");
    assertThatThrownBy(() -> WebhookVerifiers.create("stripe", new JsonObject(), List.of()))
        .hasMessage("secrets: 0 (expected: 1..8)");
  }
}
