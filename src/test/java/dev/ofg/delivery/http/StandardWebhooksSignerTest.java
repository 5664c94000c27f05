package dev.ofg.delivery.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.svix.Webhook;
import com.svix.exceptions.WebhookVerificationException;
import dev.ofg.config.Secret;
import dev.ofg.finance.FinanceEvent;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StandardWebhooksSignerTest {
  // Published vector of the Standard Webhooks specification repository (standard-webhooks/standard-webhooks,
  // libraries/java/src/test/java/com/standardwebhooks/WebhookTest.java), the same in every library there.
  private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String SPEC_MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long SPEC_TIMESTAMP = 1614265330L;
  private static final String SPEC_PAYLOAD = "{\"test\": 2432232314}";
  private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  private static final String SECRET = "whsec_" + Base64.getEncoder()
      .encodeToString("treasury signing key, 32 bytes!!".getBytes(StandardCharsets.UTF_8));

  @Test
  void reproducesThePublishedVector() {
    String signature = StandardWebhooksSigner.of(Secret.of(SPEC_SECRET))
        .sign(SPEC_MSG_ID, SPEC_TIMESTAMP, SPEC_PAYLOAD.getBytes(StandardCharsets.UTF_8));
    assertThat(signature).isEqualTo(SPEC_SIGNATURE);
  }

  @Test
  void svixLibraryVerifiesATreasuryMessage() {
    FinanceEvent event = new FinanceEvent(UUID.randomUUID(), "invoice.posted", 1, "invoice", "SO-1", "api", null,
        "corr-1", Instant.now(), new JsonObject().put("amountTotal", "360.00"), null);
    SignedHttpSender.Message message = EventMessages.json(event);
    long now = Instant.now().getEpochSecond();
    String body = message.body().toString(StandardCharsets.UTF_8);
    String signature = StandardWebhooksSigner.of(Secret.of(SECRET)).sign(message.id(), now, message.body().getBytes());

    assertThat(message.id()).isEqualTo(event.id().toString());
    assertThatCode(() -> new Webhook(SECRET).verify(body, headers(message.id(), now, signature)))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> new Webhook(SECRET).verify(body.replace("360.00", "960.00"),
        headers(message.id(), now, signature))).isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void refusesSecretsThatAreNotBase64WithoutEchoingThem() {
    assertThatThrownBy(() -> StandardWebhooksSigner.of(Secret.of("whsec_not base64 at all!")))
        .hasMessage("secret: not base64 (expected: whsec_ followed by standard base64)");
    assertThatThrownBy(() -> StandardWebhooksSigner.of(Secret.of("whsec_c2hvcnQ=")))
        .hasMessage("secret: 5 bytes (expected: at least 16)");
    assertThat(StandardWebhooksSigner.of(Secret.of(SECRET)).toString()).doesNotContain(SECRET.substring(6, 12));
  }

  private static Map<String, List<String>> headers(String id, long timestamp, String signature) {
    return Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(Long.toString(timestamp)),
        "webhook-signature", List.of(signature));
  }
}
