package dev.ofg.webhook;

import static dev.ofg.webhook.TestSignatures.hex;
import static dev.ofg.webhook.TestSignatures.hmac;
import static dev.ofg.webhook.TestSignatures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSecretTest {

  @Test
  void computesTheHmacOfRfc4231TestCase2() {
    // RFC 4231, section 4.3 (test case 2): key "Jefe", data "what do ya want for nothing?".
    WebhookSecret secret = WebhookSecret.utf8("Jefe");
    byte[] data = utf8("what do ya want for nothing?");

    assertThat(hex(secret.hmac(HmacAlgorithm.HMAC_SHA256, data)))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    assertThat(hex(secret.hmac(HmacAlgorithm.HMAC_SHA512, data)))
        .isEqualTo("164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737");
  }

  @Test
  void hashesBufferPartsAsOneMessageWithoutConsumingThem() {
    WebhookSecret secret = WebhookSecret.utf8("k");
    ByteBuffer body = ByteBuffer.wrap(utf8("body")).asReadOnlyBuffer();

    byte[] mac = secret.hmac(HmacAlgorithm.HMAC_SHA256, ByteBuffer.wrap(utf8("1.")), body);

    assertThat(mac).isEqualTo(hmac("HmacSHA256", utf8("k"), utf8("1.body")));
    assertThat(body.remaining()).isEqualTo(4);
  }

  @Test
  void decodesEachTextForm() {
    byte[] data = utf8("x");
    byte[] expected = hmac("HmacSHA256", new byte[] {(byte) 0xAB, (byte) 0xCD}, data);

    assertThat(WebhookSecret.hex("ABcd").hmac(HmacAlgorithm.HMAC_SHA256, data)).isEqualTo(expected);
    assertThat(WebhookSecret.base64("q80=").hmac(HmacAlgorithm.HMAC_SHA256, data)).isEqualTo(expected);
    assertThat(WebhookSecret.standardWebhooks("whsec_q80=").hmac(HmacAlgorithm.HMAC_SHA256, data)).isEqualTo(expected);
  }

  @Test
  void rejectsUndecodableOrEmptySecretsWithoutEchoingThem() {
    assertThatThrownBy(() -> WebhookSecret.hex("XYZsecret")).hasMessageNotContaining("XYZsecret");
    assertThatThrownBy(() -> WebhookSecret.base64("***secret")).hasMessageNotContaining("***secret");
    assertThatThrownBy(() -> WebhookSecret.utf8("")).hasMessageContaining("secret: empty");
  }

  @Test
  void masksItself() {
    assertThat(WebhookSecret.utf8("whsec_abc").toString()).isEqualTo("WebhookSecret[****]");
  }

  @Test
  void boundsTheNumberOfSimultaneousSecrets() {
    WebhookSecret one = WebhookSecret.utf8("a");

    assertThatThrownBy(() -> WebhookSecret.requireSecrets(List.of())).hasMessage("secrets: 0 (expected: 1..8)");
    assertThatThrownBy(() -> WebhookSecret.requireSecrets(Collections.nCopies(9, one)))
        .hasMessage("secrets: 9 (expected: 1..8)");
    assertThat(WebhookSecret.requireSecrets(List.of(one, one))).hasSize(2);
  }
}
