package dev.ofg.webhook.standardwebhooks;

import static dev.ofg.webhook.TestSignatures.base64;
import static dev.ofg.webhook.TestSignatures.hmacSha256;
import static dev.ofg.webhook.TestSignatures.request;
import static dev.ofg.webhook.TestSignatures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.svix.Webhook;
import dev.ofg.webhook.ProviderEvent;
import dev.ofg.webhook.VerifiedWebhook;
import dev.ofg.webhook.WebhookException;
import dev.ofg.webhook.WebhookFailureCode;
import dev.ofg.webhook.WebhookRequest;
import dev.ofg.webhook.WebhookSecret;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandardWebhooksSignatureVerifierTest {

  // Published vector: standard-webhooks/standard-webhooks, libraries/java/src/test/java/com/
  // standardwebhooks/WebhookTest.java (verifyWebhookSignWorks), the same values in every library of
  // the specification repository (https://github.com/standard-webhooks/standard-webhooks).
  private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String SPEC_MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long SPEC_TIMESTAMP = 1614265330L;
  private static final String SPEC_PAYLOAD = "{\"test\": 2432232314}";
  private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  private static final String SECRET = "whsec_" + base64(utf8("a fresh 32-byte test secret!!!!!"));
  private static final String OLD_SECRET = "whsec_" + base64(utf8("the retired 32-byte secret.....!"));
  private static final String MSG_ID = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
  private static final String PAYLOAD = "{\"type\":\"contact.created\",\"timestamp\":\"2022-11-03T20:26:10.344522Z\","
      + "\"data\":{\"id\":\"1f81eb52-5198-4599-803e-771906343485\"}}";

  private final Instant now = Instant.now();

  /** Signs per the specification with javax.crypto: base64 HMAC-SHA256 of id.timestamp.body. */
  static String sign(String secret, String msgId, long timestamp, String payload) {
    byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    return "v1," + base64(hmacSha256(key, utf8(msgId + "." + timestamp + "."), utf8(payload)));
  }

  private static StandardWebhooksSignatureVerifier verifier(String... secrets) {
    return new StandardWebhooksSignatureVerifier(StandardWebhooksVerifierOptions.of(List.of(secrets)));
  }

  private WebhookRequest signed(String secret, long timestamp, String payload) {
    return request(now, payload, "webhook-id", MSG_ID, "webhook-timestamp", Long.toString(timestamp),
        "webhook-signature", sign(secret, MSG_ID, timestamp, payload));
  }

  private static WebhookFailureCode failure(StandardWebhooksSignatureVerifier verifier, WebhookRequest request) {
    try {
      verifier.verify(request);
    } catch (WebhookException e) {
      return e.code();
    }
    throw new AssertionError("verification unexpectedly succeeded");
  }

  @Test
  void acceptsThePublishedSpecificationVector() {
    // The vector's payload has no "type", which this gateway requires of an event. Its signature and
    // timestamp pass: the request fails only afterwards, on the payload; the same request with a
    // changed signature fails on the signature.
    Instant receivedAt = Instant.ofEpochSecond(SPEC_TIMESTAMP);
    WebhookRequest vector = request(receivedAt, SPEC_PAYLOAD, "webhook-id", SPEC_MSG_ID,
        "webhook-timestamp", Long.toString(SPEC_TIMESTAMP), "webhook-signature", SPEC_SIGNATURE);
    WebhookRequest changed = request(receivedAt, SPEC_PAYLOAD, "webhook-id", SPEC_MSG_ID,
        "webhook-timestamp", Long.toString(SPEC_TIMESTAMP), "webhook-signature", SPEC_SIGNATURE.replace('g', 'h'));

    assertThat(failure(verifier(SPEC_SECRET), vector)).isEqualTo(WebhookFailureCode.PAYLOAD_INVALID);
    assertThat(failure(verifier(SPEC_SECRET), changed)).isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
  }

  @Test
  void acceptsThePublishedVectorUnderSvixHeaderNames() {
    Instant receivedAt = Instant.ofEpochSecond(SPEC_TIMESTAMP + 299);
    WebhookRequest vector = request(receivedAt, SPEC_PAYLOAD, "svix-id", SPEC_MSG_ID,
        "svix-timestamp", Long.toString(SPEC_TIMESTAMP), "svix-signature", SPEC_SIGNATURE);

    assertThat(failure(verifier(SPEC_SECRET), vector)).isEqualTo(WebhookFailureCode.PAYLOAD_INVALID);
  }

  @Test
  void rejectsThePublishedVectorOutsideTheToleranceEitherWay() {
    for (long offset : new long[] {-301, 301}) {
      WebhookRequest vector = request(Instant.ofEpochSecond(SPEC_TIMESTAMP + offset), SPEC_PAYLOAD,
          "webhook-id", SPEC_MSG_ID, "webhook-timestamp", Long.toString(SPEC_TIMESTAMP),
          "webhook-signature", SPEC_SIGNATURE);
      assertThat(failure(verifier(SPEC_SECRET), vector)).as("offset %d", offset)
          .isEqualTo(WebhookFailureCode.SIGNATURE_EXPIRED);
    }
  }

  @Test
  void acceptsSignatureMadeBySvixLibrary() throws Exception {
    long t = now.getEpochSecond();
    String peerSignature = new Webhook(SECRET).sign(MSG_ID, t, PAYLOAD);

    for (String prefix : List.of("webhook-", "svix-")) {
      VerifiedWebhook verified = verifier(SECRET).verify(request(now, PAYLOAD, prefix + "id", MSG_ID,
          prefix + "timestamp", Long.toString(t), prefix + "signature", peerSignature));
      assertThat(verified.events()).extracting(ProviderEvent::id).as(prefix).containsExactly(MSG_ID);
    }
  }

  @Test
  void svixLibraryAcceptsSignatureFromTestSigner() {
    long t = now.getEpochSecond();
    Map<String, List<String>> headers = Map.of("webhook-id", List.of(MSG_ID),
        "webhook-timestamp", List.of(Long.toString(t)), "webhook-signature", List.of(sign(SECRET, MSG_ID, t, PAYLOAD)));

    assertThatCode(() -> new Webhook(SECRET).verify(PAYLOAD, headers)).doesNotThrowAnyException();
    assertThat(verifier(SECRET).verify(WebhookRequest.of(headers, utf8(PAYLOAD), now)).events()).hasSize(1);
  }

  @Test
  void extractsIdFromHeaderAndTypeAndTimeFromBody() {
    long t = now.getEpochSecond();

    VerifiedWebhook verified = verifier(SECRET).verify(signed(SECRET, t, PAYLOAD));

    ProviderEvent event = verified.events().get(0);
    assertThat(event.id()).isEqualTo(MSG_ID);
    assertThat(event.type()).isEqualTo("contact.created");
    assertThat(event.occurredAt()).contains(Instant.parse("2022-11-03T20:26:10.344522Z"));
    assertThat(event.rawJson()).isEqualTo(utf8(PAYLOAD));
    assertThat(verified.signedAt()).contains(Instant.ofEpochSecond(t));
  }

  @Test
  void rejectsTamperedBodyTamperedIdAndTamperedSignature() {
    long t = now.getEpochSecond();
    String signature = sign(SECRET, MSG_ID, t, PAYLOAD);

    assertThat(failure(verifier(SECRET), request(now, PAYLOAD.replace("created", "deleted"), "webhook-id", MSG_ID,
        "webhook-timestamp", Long.toString(t), "webhook-signature", signature)))
        .isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
    assertThat(failure(verifier(SECRET), request(now, PAYLOAD, "webhook-id", MSG_ID + "x",
        "webhook-timestamp", Long.toString(t), "webhook-signature", signature)))
        .isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
    String flipped = "v1," + base64(new byte[32]);
    assertThat(failure(verifier(SECRET), request(now, PAYLOAD, "webhook-id", MSG_ID,
        "webhook-timestamp", Long.toString(t), "webhook-signature", flipped)))
        .isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
  }

  @Test
  void rejectsTimestampChangedAfterSigning() {
    long t = now.getEpochSecond();

    assertThat(failure(verifier(SECRET), request(now, PAYLOAD, "webhook-id", MSG_ID,
        "webhook-timestamp", Long.toString(t + 1), "webhook-signature", sign(SECRET, MSG_ID, t, PAYLOAD))))
        .isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
  }

  @Test
  void rejectsSignatureMadeWithAnotherSecret() {
    assertThat(failure(verifier(SECRET), signed(OLD_SECRET, now.getEpochSecond(), PAYLOAD)))
        .isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
  }

  @Test
  void rejectsTimestampsTooOldAndTooFarInTheFuture() {
    assertThat(failure(verifier(SECRET), signed(SECRET, now.getEpochSecond() - 301, PAYLOAD)))
        .isEqualTo(WebhookFailureCode.SIGNATURE_EXPIRED);
    assertThat(failure(verifier(SECRET), signed(SECRET, now.getEpochSecond() + 301, PAYLOAD)))
        .isEqualTo(WebhookFailureCode.SIGNATURE_EXPIRED);
  }

  @Test
  void rejectsEachMissingHeader() {
    long t = now.getEpochSecond();
    String signature = sign(SECRET, MSG_ID, t, PAYLOAD);

    assertThat(failure(verifier(SECRET), request(now, PAYLOAD, "webhook-timestamp", Long.toString(t),
        "webhook-signature", signature))).isEqualTo(WebhookFailureCode.SIGNATURE_MISSING);
    assertThat(failure(verifier(SECRET), request(now, PAYLOAD, "webhook-id", MSG_ID,
        "webhook-signature", signature))).isEqualTo(WebhookFailureCode.SIGNATURE_MISSING);
    assertThat(failure(verifier(SECRET), request(now, PAYLOAD, "webhook-id", MSG_ID,
        "webhook-timestamp", Long.toString(t)))).isEqualTo(WebhookFailureCode.SIGNATURE_MISSING);
  }

  @Test
  void neverMixesWebhookAndSvixHeaderSets() {
    long t = now.getEpochSecond();

    assertThat(failure(verifier(SECRET), request(now, PAYLOAD, "svix-id", MSG_ID, "webhook-timestamp",
        Long.toString(t), "webhook-signature", sign(SECRET, MSG_ID, t, PAYLOAD))))
        .isEqualTo(WebhookFailureCode.SIGNATURE_MISSING);
  }

  @Test
  void rejectsMalformedTimestampsAndSignatures() {
    long t = now.getEpochSecond();
    String good = sign(SECRET, MSG_ID, t, PAYLOAD);
    List<List<String>> cases = List.of(
        List.of("1614265330.5", good), List.of("soon", good), List.of("+" + t, good),
        List.of(Long.toString(t), "v1,not*base64"), List.of(Long.toString(t), "v1,YWJj"));
    for (List<String> c : cases) {
      assertThat(failure(verifier(SECRET), request(now, PAYLOAD, "webhook-id", MSG_ID,
          "webhook-timestamp", c.get(0), "webhook-signature", c.get(1)))).as(c.toString())
          .isEqualTo(WebhookFailureCode.SIGNATURE_MALFORMED);
    }
  }

  @Test
  void ignoresOtherVersionsAndRequiresAV1Signature() {
    long t = now.getEpochSecond();
    String good = sign(SECRET, MSG_ID, t, PAYLOAD);
    String asymmetric = "v1a," + base64(new byte[64]);

    assertThat(failure(verifier(SECRET), request(now, PAYLOAD, "webhook-id", MSG_ID,
        "webhook-timestamp", Long.toString(t), "webhook-signature", asymmetric)))
        .isEqualTo(WebhookFailureCode.SIGNATURE_MISSING);
    assertThat(verifier(SECRET).verify(request(now, PAYLOAD, "webhook-id", MSG_ID,
        "webhook-timestamp", Long.toString(t), "webhook-signature", asymmetric + " v2,abc " + good)).events()).hasSize(1);
  }

  @Test
  void acceptsEitherSecretDuringRotation() {
    long t = now.getEpochSecond();
    StandardWebhooksSignatureVerifier rotating = verifier(OLD_SECRET, SECRET);

    assertThat(rotating.verify(signed(OLD_SECRET, t, PAYLOAD)).events()).hasSize(1);
    assertThat(rotating.verify(signed(SECRET, t, PAYLOAD)).events()).hasSize(1);
    String both = sign(OLD_SECRET, MSG_ID, t, PAYLOAD) + " " + sign(SECRET, MSG_ID, t, PAYLOAD);
    assertThat(verifier(SECRET).verify(request(now, PAYLOAD, "webhook-id", MSG_ID,
        "webhook-timestamp", Long.toString(t), "webhook-signature", both)).events()).hasSize(1);
  }

  @Test
  void rejectsOldSignatureOnceOnlyTheNewSecretIsConfigured() {
    assertThat(failure(verifier(SECRET), signed(OLD_SECRET, now.getEpochSecond(), PAYLOAD)))
        .isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
  }

  @Test
  void acceptsSecretsWithOrWithoutThePrefix() {
    String bare = SECRET.substring("whsec_".length());

    assertThat(verifier(bare).verify(signed(SECRET, now.getEpochSecond(), PAYLOAD)).events()).hasSize(1);
  }

  @Test
  void rejectsSecretThatIsNotBase64WithoutEchoingIt() {
    assertThatThrownBy(() -> WebhookSecret.standardWebhooks("whsec_s3cr3t!!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("s3cr3t")
        .hasMessageContaining("expected: whsec_<base64>");
  }

  @Test
  void optionsNeverShowTheSecrets() {
    StandardWebhooksVerifierOptions options = StandardWebhooksVerifierOptions.of(List.of(SECRET));

    assertThat(options.toString()).doesNotContain(SECRET.substring(6, 20)).contains("masked");
  }
}
