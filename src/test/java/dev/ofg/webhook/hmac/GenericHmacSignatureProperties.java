package dev.ofg.webhook.hmac;

import static dev.ofg.webhook.TestSignatures.hex;
import static dev.ofg.webhook.TestSignatures.hmacSha256;
import static dev.ofg.webhook.TestSignatures.request;
import static dev.ofg.webhook.TestSignatures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ofg.webhook.WebhookFailureCode;
import dev.ofg.webhook.WebhookSecret;
import dev.ofg.webhook.WebhookSignatureException;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class GenericHmacSignatureProperties {

  private static final String SECRET = "property-shared-secret";
  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

  private final GenericHmacVerifier verifier = new GenericHmacVerifier(GenericHmacVerifierOptions.builder()
      .signatureHeader("X-Signature").signaturePrefix("sha256=").timestampHeader("X-Timestamp")
      .eventId(FieldSource.header("X-Id")).eventType(FieldSource.header("X-Type"))
      .secrets(List.of(WebhookSecret.utf8(SECRET))).build());

  @Property(tries = 300)
  void flippingAnyByteOfASignedBodyFailsVerification(@ForAll @Size(min = 1, max = 400) byte[] body,
      @ForAll @IntRange(min = 0, max = 100_000) int position, @ForAll @IntRange(min = 1, max = 255) int mask) {
    long t = NOW.getEpochSecond();
    String signature = "sha256=" + hex(hmacSha256(utf8(SECRET), utf8(t + "."), body));
    byte[] tampered = body.clone();
    tampered[position % body.length] ^= (byte) mask;

    WebhookSignatureException failure = catchThrowableOfType(WebhookSignatureException.class,
        () -> verifier.verify(request(NOW, tampered, "X-Signature", signature, "X-Timestamp", Long.toString(t),
            "X-Id", "1", "X-Type", "t")));

    assertThat(failure).isNotNull();
    assertThat(failure.code()).isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
  }
}
