package dev.ofg.webhook.gocardless;

import static dev.ofg.webhook.TestSignatures.hex;
import static dev.ofg.webhook.TestSignatures.hmacSha256;
import static dev.ofg.webhook.TestSignatures.request;
import static dev.ofg.webhook.TestSignatures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.gocardless.Webhook;
import com.gocardless.resources.Event;
import dev.ofg.webhook.PayloadLimits;
import dev.ofg.webhook.ProviderEvent;
import dev.ofg.webhook.VerifiedWebhook;
import dev.ofg.webhook.WebhookException;
import dev.ofg.webhook.WebhookFailureCode;
import dev.ofg.webhook.WebhookPayloadException;
import dev.ofg.webhook.WebhookRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoCardlessSignatureVerifierTest {

  // Published vector: gocardless/gocardless-pro-java, src/test/java/com/gocardless/WebhookTest.java
  // (shouldParseWebhookWithValidSignature), https://github.com/gocardless/gocardless-pro-java.
  private static final String VECTOR_SECRET = "ED7D658C-D8EB-4941-948B-3973214F2D49";
  private static final String VECTOR_SIGNATURE = "2693754819d3e32d7e8fcb13c729631f316c6de8dc1cf634d6527f1c07276e7e";
  private static final String FIRST_EVENT = "{\"id\":\"EV00BD05S5VM2T\",\"created_at\":\"2018-07-05T09:13:51.404Z\","
      + "\"resource_type\":\"subscriptions\",\"action\":\"created\",\"links\":{\"subscription\":\"SB0003JJQ2MR06\"},"
      + "\"details\":{\"origin\":\"api\",\"cause\":\"subscription_created\",\"description\":\"Subscription created via the API.\"},"
      + "\"metadata\":{}}";
  private static final String SECOND_EVENT = "{\"id\":\"EV00BD05TB8K63\",\"created_at\":\"2018-07-05T09:13:56.893Z\","
      + "\"resource_type\":\"mandates\",\"action\":\"created\",\"links\":{\"mandate\":\"MD000AMA19XGEC\"},"
      + "\"details\":{\"origin\":\"api\",\"cause\":\"mandate_created\",\"description\":\"Mandate created via the API.\"},"
      + "\"metadata\":{}}";
  private static final String VECTOR_BODY = "{\"events\":[" + FIRST_EVENT + "," + SECOND_EVENT + "]}";

  private static final String SECRET = "a-webhook-endpoint-secret";
  private static final String OLD_SECRET = "the-previous-endpoint-secret";

  private final Instant now = Instant.now();

  /** Signs like GoCardless with javax.crypto: hex HMAC-SHA256 of the raw body. */
  static String sign(String secret, String body) {
    return hex(hmacSha256(utf8(secret), utf8(body)));
  }

  private static GoCardlessSignatureVerifier verifier(String... secrets) {
    return new GoCardlessSignatureVerifier(GoCardlessVerifierOptions.of(List.of(secrets)));
  }

  private WebhookRequest signed(String secret, String body) {
    return request(now, body, "Webhook-Signature", sign(secret, body));
  }

  private static WebhookFailureCode failure(GoCardlessSignatureVerifier verifier, WebhookRequest request) {
    try {
      verifier.verify(request);
    } catch (WebhookException e) {
      return e.code();
    }
    throw new AssertionError("verification unexpectedly succeeded");
  }

  @Test
  void verifiesPublishedVectorAndSplitsTheBatch() {
    VerifiedWebhook verified = verifier(VECTOR_SECRET)
        .verify(request(now, VECTOR_BODY, "Webhook-Signature", VECTOR_SIGNATURE));

    assertThat(verified.signedAt()).isEmpty();
    assertThat(verified.events()).extracting(ProviderEvent::id).containsExactly("EV00BD05S5VM2T", "EV00BD05TB8K63");
    assertThat(verified.events()).extracting(ProviderEvent::type)
        .containsExactly("subscriptions.created", "mandates.created");
    assertThat(verified.events()).extracting(ProviderEvent::index).containsExactly(0, 1);
    assertThat(verified.events().get(0).occurredAt()).contains(Instant.parse("2018-07-05T09:13:51.404Z"));
    assertThat(verified.events().get(0).rawJson()).isEqualTo(utf8(FIRST_EVENT));
    assertThat(verified.events().get(1).rawJson()).isEqualTo(utf8(SECOND_EVENT));
  }

  @Test
  void acceptsUpperCaseHexSignature() {
    assertThat(verifier(VECTOR_SECRET).verify(request(now, VECTOR_BODY, "webhook-signature",
        VECTOR_SIGNATURE.toUpperCase())).events()).hasSize(2);
  }

  @Test
  void goCardlessLibraryAcceptsSignatureFromTestSigner() {
    // gocardless-pro has no signing API, so the peer-signed case is the published vector above.
    String body = "{\"events\":[" + SECOND_EVENT + "]}";
    String signature = sign(SECRET, body);

    List<Event> peerEvents = Webhook.parse(body, signature, SECRET);

    assertThat(Webhook.isValidSignature(body, signature, SECRET)).isTrue();
    assertThat(verifier(SECRET).verify(request(now, body, "Webhook-Signature", signature)).events())
        .extracting(ProviderEvent::id).containsExactly(peerEvents.get(0).getId());
  }

  @Test
  void goCardlessLibraryAgreesOnTamperedBody() {
    String tampered = VECTOR_BODY.replace("EV00BD05S5VM2T", "EV00BD05S5VM2U");

    assertThat(Webhook.isValidSignature(tampered, VECTOR_SIGNATURE, VECTOR_SECRET)).isFalse();
    assertThat(failure(verifier(VECTOR_SECRET), request(now, tampered, "Webhook-Signature", VECTOR_SIGNATURE)))
        .isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
  }

  @Test
  void rejectsTamperedSignatureAndWrongSecret() {
    String flipped = (VECTOR_SIGNATURE.charAt(0) == '2' ? "3" : "2") + VECTOR_SIGNATURE.substring(1);

    assertThat(failure(verifier(VECTOR_SECRET), request(now, VECTOR_BODY, "Webhook-Signature", flipped)))
        .isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
    assertThat(failure(verifier(SECRET), request(now, VECTOR_BODY, "Webhook-Signature", VECTOR_SIGNATURE)))
        .isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
  }

  @Test
  void rejectsMissingAndMalformedSignatures() {
    assertThat(failure(verifier(SECRET), request(now, VECTOR_BODY))).isEqualTo(WebhookFailureCode.SIGNATURE_MISSING);
    for (String header : List.of("dummy", "abcd", VECTOR_SIGNATURE + "00", "sha256=" + VECTOR_SIGNATURE)) {
      assertThat(failure(verifier(SECRET), request(now, VECTOR_BODY, "Webhook-Signature", header)))
          .as(header).isEqualTo(WebhookFailureCode.SIGNATURE_MALFORMED);
    }
    assertThat(failure(verifier(VECTOR_SECRET), request(now, VECTOR_BODY,
        "Webhook-Signature", VECTOR_SIGNATURE, "Webhook-Signature", VECTOR_SIGNATURE)))
        .isEqualTo(WebhookFailureCode.SIGNATURE_MALFORMED);
  }

  @Test
  void acceptsEitherSecretDuringRotation() {
    String body = "{\"events\":[" + FIRST_EVENT + "]}";
    GoCardlessSignatureVerifier rotating = verifier(OLD_SECRET, SECRET);

    assertThat(rotating.verify(signed(OLD_SECRET, body)).events()).hasSize(1);
    assertThat(rotating.verify(signed(SECRET, body)).events()).hasSize(1);
  }

  @Test
  void rejectsOldSignatureOnceOnlyTheNewSecretIsConfigured() {
    assertThat(failure(verifier(SECRET), signed(OLD_SECRET, VECTOR_BODY))).isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
  }

  @Test
  void acceptsAnAuthenticEmptyBatch() {
    assertThat(verifier(SECRET).verify(signed(SECRET, "{\"events\":[]}")).events()).isEmpty();
  }

  @Test
  void rejectsAuthenticPayloadsThatAreNotEventBatches() {
    for (String body : List.of("{}", "{\"events\":{}}", "{\"events\":[1]}", "{\"events\":[{\"id\":\"EV1\"}]}",
        "{\"events\":[{\"resource_type\":\"payments\",\"action\":\"paid_out\"}]}", "[]", "{\"events\":[]} x")) {
      assertThatThrownBy(() -> verifier(SECRET).verify(signed(SECRET, body)))
          .as(body).isInstanceOf(WebhookPayloadException.class);
    }
  }

  @Test
  void rejectsMoreEventsThanTheLimit() {
    GoCardlessSignatureVerifier capped = new GoCardlessSignatureVerifier(
        GoCardlessVerifierOptions.of(List.of(VECTOR_SECRET)).withLimits(new PayloadLimits(4096, 1, 16)));

    assertThatThrownBy(() -> capped.verify(request(now, VECTOR_BODY, "Webhook-Signature", VECTOR_SIGNATURE)))
        .isInstanceOf(WebhookPayloadException.class).hasMessageContaining("more than 1 events");
  }
}
