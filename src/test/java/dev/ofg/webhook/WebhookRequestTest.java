package dev.ofg.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookRequestTest {

  private static final Instant NOW = Instant.parse("2024-03-01T10:00:00Z");

  @Test
  void looksUpHeadersIgnoringCaseAndKeepsEveryValue() {
    WebhookRequest request = WebhookRequest.builder().receivedAt(NOW)
        .header("Stripe-Signature", "a").header("STRIPE-SIGNATURE", "b").build();

    assertThat(request.headerValues("stripe-signature")).containsExactly("a", "b");
    assertThat(request.header("Stripe-signature")).contains("a");
    assertThat(request.header("X-Absent")).isEmpty();
    assertThat(request.headerValues("X-Absent")).isEmpty();
  }

  @Test
  void buildsFromAHeaderMap() {
    WebhookRequest request = WebhookRequest.of(Map.of("Webhook-Id", List.of("msg_1")), new byte[] {1}, NOW);

    assertThat(request.header("webhook-id")).contains("msg_1");
    assertThat(request.receivedAt()).isEqualTo(NOW);
  }

  @Test
  void isImmutable() {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    WebhookRequest request = WebhookRequest.builder().receivedAt(NOW).body(body).header("a", "1").build();
    body[0] = 'x';
    request.body()[1] = 'x';

    assertThat(request.body()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
    assertThat(request.bodyView().isReadOnly()).isTrue();
    assertThatThrownBy(() -> request.headerValues("a").add("2")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> request.headers().put("b", List.of())).isInstanceOf(UnsupportedOperationException.class);
    ByteBuffer view = request.bodyView();
    view.get();
    assertThat(request.bodyView().remaining()).isEqualTo(2);
  }

  @Test
  void requiresTheReceiveTime() {
    assertThatThrownBy(() -> WebhookRequest.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("receivedAt");
  }

  @Test
  void printsHeaderNamesButNoValuesOrBody() {
    WebhookRequest request = WebhookRequest.builder().receivedAt(NOW)
        .header("Authorization", "Bearer s3cr3t").body("{\"iban\":\"NL91ABNA0417164300\"}".getBytes(StandardCharsets.UTF_8))
        .build();

    assertThat(request.toString()).contains("authorization").doesNotContain("s3cr3t").doesNotContain("NL91");
  }
}
