package dev.ofg.webhook.standardwebhooks;

import static dev.ofg.webhook.TestSignatures.base64;
import static dev.ofg.webhook.TestSignatures.hmacSha256;
import static dev.ofg.webhook.TestSignatures.request;
import static dev.ofg.webhook.TestSignatures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ofg.webhook.WebhookFailureCode;
import dev.ofg.webhook.WebhookSignatureException;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class StandardWebhooksSignatureProperties {

  private static final byte[] KEY = utf8("property secret of 32 bytes!!!!!");
  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

  private final StandardWebhooksSignatureVerifier verifier = new StandardWebhooksSignatureVerifier(
      StandardWebhooksVerifierOptions.of(List.of("whsec_" + base64(KEY))));

  @Property(tries = 300)
  void flippingAnyByteOfASignedBodyFailsVerification(@ForAll @Size(min = 1, max = 400) byte[] body,
      @ForAll @IntRange(min = 0, max = 100_000) int position, @ForAll @IntRange(min = 1, max = 255) int mask) {
    long t = NOW.getEpochSecond();
    String signature = "v1," + base64(hmacSha256(KEY, utf8("msg_1." + t + "."), body));
    byte[] tampered = body.clone();
    tampered[position % body.length] ^= (byte) mask;

    WebhookSignatureException failure = catchThrowableOfType(WebhookSignatureException.class,
        () -> verifier.verify(request(NOW, tampered, "webhook-id", "msg_1", "webhook-timestamp", Long.toString(t),
            "webhook-signature", signature)));

    assertThat(failure).isNotNull();
    assertThat(failure.code()).isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
  }
}
