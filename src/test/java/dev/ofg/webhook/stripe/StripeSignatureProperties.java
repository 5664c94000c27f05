package dev.ofg.webhook.stripe;

import static dev.ofg.webhook.TestSignatures.hex;
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

class StripeSignatureProperties {

  private static final String SECRET = "whsec_property_secret";
  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

  private final StripeSignatureVerifier verifier = new StripeSignatureVerifier(StripeVerifierOptions.of(List.of(SECRET)));

  @Property(tries = 300)
  void flippingAnyByteOfASignedBodyFailsVerification(@ForAll @Size(min = 1, max = 400) byte[] body,
      @ForAll @IntRange(min = 0, max = 100_000) int position, @ForAll @IntRange(min = 1, max = 255) int mask) {
    long t = NOW.getEpochSecond();
    String header = "t=" + t + ",v1=" + hex(hmacSha256(utf8(SECRET), utf8(t + "."), body));
    byte[] tampered = body.clone();
    tampered[position % body.length] ^= (byte) mask;

    WebhookSignatureException failure = catchThrowableOfType(WebhookSignatureException.class,
        () -> verifier.verify(request(NOW, tampered, "Stripe-Signature", header)));

    assertThat(failure).isNotNull();
    assertThat(failure.code()).isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
  }
}
