package dev.ofg.webhook.adyen;

import static dev.ofg.webhook.TestSignatures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ofg.webhook.WebhookException;
import dev.ofg.webhook.WebhookFailureCode;
import dev.ofg.webhook.WebhookSignatureException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class AdyenSignatureProperties {

  private static final String KEY = "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF";
  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
  private static final JsonObject SIGNED =
      AdyenHmacVerifierTest.signCapture(AdyenHmacVerifierTest.captureItem("8823842560770099", "order-99"), KEY);

  private final AdyenHmacVerifier verifier = new AdyenHmacVerifier(AdyenVerifierOptions.of(List.of(KEY)));

  @Property(tries = 300)
  void changingAnyCharacterOfASignedFieldFailsVerification(@ForAll("signedFields") String field,
      @ForAll @IntRange(min = 0, max = 1000) int position, @ForAll("replacements") char replacement) {
    JsonObject item = SIGNED.copy();
    String value = item.getString(field);
    int at = position % value.length();
    if (value.charAt(at) == replacement) {
      return;
    }
    item.put(field, value.substring(0, at) + replacement + value.substring(at + 1));

    WebhookSignatureException failure = catchThrowableOfType(WebhookSignatureException.class,
        () -> verifier.verify(request(NOW, AdyenHmacVerifierTest.notification(item.encode()))));

    assertThat(failure).isNotNull();
    assertThat(failure.code()).isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
  }

  @Property(tries = 400)
  void mutatedNotificationsOnlyRaiseWebhookExceptions(@ForAll @IntRange(min = 0, max = 100_000) int position,
      @ForAll byte replacement, @ForAll @IntRange(min = 0, max = 2) int operation) {
    byte[] body = AdyenHmacVerifierTest.notification(SIGNED.encode()).getBytes(StandardCharsets.UTF_8);
    byte[] mutated = mutate(body, position % body.length, replacement, operation);

    try {
      assertThat(verifier.verify(request(NOW, mutated)).events()).hasSize(1);
    } catch (WebhookException expected) {
      assertThat(expected.getStackTrace()).isEmpty();
    }
  }

  private static byte[] mutate(byte[] body, int at, byte replacement, int operation) {
    if (operation == 0) {
      byte[] copy = body.clone();
      copy[at] = replacement;
      return copy;
    }
    byte[] copy = new byte[body.length + (operation == 1 ? 1 : -1)];
    System.arraycopy(body, 0, copy, 0, at);
    if (operation == 1) {
      copy[at] = replacement;
      System.arraycopy(body, at, copy, at + 1, body.length - at);
    } else {
      System.arraycopy(body, at + 1, copy, at, body.length - at - 1);
    }
    return copy;
  }

  @Provide
  Arbitrary<String> signedFields() {
    return Arbitraries.of("pspReference", "originalReference", "merchantAccountCode", "merchantReference",
        "eventCode", "success");
  }

  @Provide
  Arbitrary<Character> replacements() {
    return Arbitraries.chars().with(":\\ ").alpha().numeric();
  }
}
