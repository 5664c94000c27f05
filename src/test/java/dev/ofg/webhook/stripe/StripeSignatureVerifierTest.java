package dev.ofg.webhook.stripe;

import static dev.ofg.webhook.TestSignatures.hex;
import static dev.ofg.webhook.TestSignatures.hmacSha256;
import static dev.ofg.webhook.TestSignatures.request;
import static dev.ofg.webhook.TestSignatures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.model.Event;
import com.stripe.net.Webhook;
import dev.ofg.webhook.PayloadLimits;
import dev.ofg.webhook.ProviderEvent;
import dev.ofg.webhook.TimestampTolerance;
import dev.ofg.webhook.VerifiedWebhook;
import dev.ofg.webhook.WebhookException;
import dev.ofg.webhook.WebhookFailureCode;
import dev.ofg.webhook.WebhookPayloadException;
import dev.ofg.webhook.WebhookRequest;
import dev.ofg.webhook.WebhookSignatureException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StripeSignatureVerifierTest {

  private static final String SECRET = "whsec_test_secret";
  private static final String OLD_SECRET = "whsec_retired_secret";
  private static final String PAYLOAD = "{\n  \"id\": \"evt_test_webhook\",\n  \"object\": \"event\",\n"
      + "  \"type\": \"invoice.paid\",\n  \"created\": 1700000000\n}";

  private final Instant now = Instant.now();

  /** Signs like Stripe, with javax.crypto: HMAC-SHA256 keyed with the whole secret's UTF-8 bytes. */
  static String sign(String secret, long timestamp, String payload) {
    return hex(hmacSha256(utf8(secret), utf8(timestamp + "."), utf8(payload)));
  }

  private static StripeSignatureVerifier verifier(String... secrets) {
    return new StripeSignatureVerifier(StripeVerifierOptions.of(List.of(secrets)));
  }

  private WebhookRequest signedRequest(String secret, long timestamp, String payload) {
    return request(now, payload, "Stripe-Signature", "t=" + timestamp + ",v1=" + sign(secret, timestamp, payload));
  }

  private static WebhookFailureCode failure(StripeSignatureVerifier verifier, WebhookRequest request) {
    try {
      verifier.verify(request);
    } catch (WebhookException e) {
      return e.code();
    }
    throw new AssertionError("verification unexpectedly succeeded");
  }

  // Published vector: stripe-dotnet, src/StripeTests/Services/Events/EventUtilityTest.cs with the
  // fixture src/StripeTests/Resources/event_test_signature.json (https://github.com/stripe/stripe-dotnet).
  // The test states the signature is `(echo -n "1533204620." && cat event_test_signature.json) |
  // openssl sha256 -hmac "webhook_secret"`; the file ends with a newline.
  private static final String DOTNET_SECRET = "webhook_secret";
  private static final long DOTNET_TIMESTAMP = 1533204620L;
  private static final String DOTNET_HEADER = "t=1533204620,"
      + "v1=2220f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c7,"
      + "v0=63f3a72374a733066c4be69ed7f8e5ac85c22c9f0a6a612ab9a025a9e4ee7eef";
  private static final String DOTNET_JSON = "{\n"
      + "  \"id\": \"evt_123\",\n"
      + "  \"object\": \"event\",\n"
      + "  \"account\": \"acct_123\",\n"
      + "  \"api_version\": \"2017-05-25\",\n"
      + "  \"created\": 1533204620,\n"
      + "  \"data\": {\n"
      + "    \"object\": {\n"
      + "      \"id\": \"cus_123\",\n"
      + "      \"object\": \"customer\",\n"
      + "      \"created\": 123456789,\n"
      + "      \"email\": \"test@stripe.com\",\n"
      + "      \"livemode\": false,\n"
      + "      \"metadata\": {}\n"
      + "    }\n"
      + "  },\n"
      + "  \"livemode\": false,\n"
      + "  \"pending_webhooks\": 1,\n"
      + "  \"request\": {\n"
      + "    \"id\": \"req_123\",\n"
      + "    \"idempotency_key\": \"idempotency-key-123\"\n"
      + "  },\n"
      + "  \"type\": \"customer.created\"\n"
      + "}\n";

  @Test
  void verifiesPublishedStripeDotnetVector() {
    Instant receivedAt = Instant.ofEpochSecond(DOTNET_TIMESTAMP + 100);

    VerifiedWebhook verified = verifier(DOTNET_SECRET)
        .verify(request(receivedAt, DOTNET_JSON, "Stripe-Signature", DOTNET_HEADER));

    assertThat(verified.signedAt()).contains(Instant.ofEpochSecond(DOTNET_TIMESTAMP));
    ProviderEvent event = verified.events().get(0);
    assertThat(event.id()).isEqualTo("evt_123");
    assertThat(event.type()).isEqualTo("customer.created");
    assertThat(event.occurredAt()).contains(Instant.ofEpochSecond(1533204620L));
    assertThat(event.index()).isZero();
    assertThat(event.rawJson()).isEqualTo(utf8(DOTNET_JSON));
  }

  @Test
  void rejectsPublishedVectorOnceOlderThanTolerance() {
    Instant receivedAt = Instant.ofEpochSecond(DOTNET_TIMESTAMP + 300 + 100);

    assertThat(failure(verifier(DOTNET_SECRET), request(receivedAt, DOTNET_JSON, "Stripe-Signature", DOTNET_HEADER)))
        .isEqualTo(WebhookFailureCode.SIGNATURE_EXPIRED);
  }

  @Test
  void rejectsPublishedVectorWithOneBodyByteChanged() {
    Instant receivedAt = Instant.ofEpochSecond(DOTNET_TIMESTAMP + 100);
    String tampered = DOTNET_JSON.replace("cus_123", "cus_124");

    assertThat(failure(verifier(DOTNET_SECRET), request(receivedAt, tampered, "Stripe-Signature", DOTNET_HEADER)))
        .isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
  }

  @Test
  void acceptsSignatureComputedByStripeJava() throws Exception {
    long timestamp = now.getEpochSecond();
    String peerSignature = Webhook.Util.computeHmacSha256(SECRET, timestamp + "." + PAYLOAD);

    VerifiedWebhook verified = verifier(SECRET)
        .verify(request(now, PAYLOAD, "Stripe-Signature", "t=" + timestamp + ",v1=" + peerSignature));

    assertThat(verified.events()).extracting(ProviderEvent::id).containsExactly("evt_test_webhook");
  }

  @Test
  void stripeJavaAcceptsHeaderFromTestSigner() throws Exception {
    long timestamp = now.getEpochSecond();
    String header = "t=" + timestamp + ",v1=" + sign(SECRET, timestamp, PAYLOAD);

    Event event = Webhook.constructEvent(PAYLOAD, header, SECRET);

    assertThat(event.getId()).isEqualTo("evt_test_webhook");
    assertThat(verifier(SECRET).verify(request(now, PAYLOAD, "Stripe-Signature", header)).events())
        .extracting(ProviderEvent::id).containsExactly(event.getId());
  }

  @Test
  void extractsTheEventAndItsExactBytes() {
    long timestamp = now.getEpochSecond();

    VerifiedWebhook verified = verifier(SECRET).verify(signedRequest(SECRET, timestamp, PAYLOAD));

    ProviderEvent event = verified.events().get(0);
    assertThat(event.id()).isEqualTo("evt_test_webhook");
    assertThat(event.type()).isEqualTo("invoice.paid");
    assertThat(event.occurredAt()).contains(Instant.ofEpochSecond(1700000000L));
    assertThat(event.rawJson()).isEqualTo(utf8(PAYLOAD));
    assertThat(event.json().getString("object")).isEqualTo("event");
    assertThat(verified.signedAt()).contains(Instant.ofEpochSecond(timestamp));
  }

  @Test
  void rejectsTamperedBody() {
    long timestamp = now.getEpochSecond();
    String header = "t=" + timestamp + ",v1=" + sign(SECRET, timestamp, PAYLOAD);

    assertThat(failure(verifier(SECRET), request(now, PAYLOAD.replace("paid", "void"), "Stripe-Signature", header)))
        .isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
  }

  @Test
  void rejectsTamperedSignature() {
    long timestamp = now.getEpochSecond();
    String signature = sign(SECRET, timestamp, PAYLOAD);
    String tampered = (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);

    assertThat(failure(verifier(SECRET), request(now, PAYLOAD, "Stripe-Signature", "t=" + timestamp + ",v1=" + tampered)))
        .isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
  }

  @Test
  void rejectsSignatureMadeWithAnotherSecret() {
    assertThat(failure(verifier(SECRET), signedRequest("whsec_someone_else", now.getEpochSecond(), PAYLOAD)))
        .isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
  }

  @Test
  void rejectsSignatureOlderThanTolerance() {
    assertThat(failure(verifier(SECRET), signedRequest(SECRET, now.getEpochSecond() - 301, PAYLOAD)))
        .isEqualTo(WebhookFailureCode.SIGNATURE_EXPIRED);
  }

  @Test
  void rejectsSignatureFurtherInTheFutureThanTolerance() {
    assertThat(failure(verifier(SECRET), signedRequest(SECRET, now.getEpochSecond() + 301, PAYLOAD)))
        .isEqualTo(WebhookFailureCode.SIGNATURE_EXPIRED);
  }

  @Test
  void acceptsSignatureExactlyAtTheToleranceEitherWay() {
    assertThat(verifier(SECRET).verify(signedRequest(SECRET, now.getEpochSecond() - 300, PAYLOAD)).events()).hasSize(1);
    assertThat(verifier(SECRET).verify(signedRequest(SECRET, now.getEpochSecond() + 300, PAYLOAD)).events()).hasSize(1);
  }

  @Test
  void appliesAConfiguredTolerance() {
    StripeSignatureVerifier strict = new StripeSignatureVerifier(StripeVerifierOptions.of(List.of(SECRET))
        .withTolerance(new TimestampTolerance(Duration.ofSeconds(10))));

    assertThat(failure(strict, signedRequest(SECRET, now.getEpochSecond() - 11, PAYLOAD)))
        .isEqualTo(WebhookFailureCode.SIGNATURE_EXPIRED);
    assertThat(strict.verify(signedRequest(SECRET, now.getEpochSecond() - 10, PAYLOAD)).events()).hasSize(1);
  }

  @Test
  void reportsInvalidRatherThanExpiredForAForgedOldSignature() {
    // Signatures are checked before timestamps: EXPIRED is only ever said of authentic requests.
    assertThat(failure(verifier(SECRET), signedRequest("whsec_forger", now.getEpochSecond() - 10_000, PAYLOAD)))
        .isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
  }

  @Test
  void rejectsMissingHeader() {
    assertThat(failure(verifier(SECRET), request(now, PAYLOAD))).isEqualTo(WebhookFailureCode.SIGNATURE_MISSING);
    assertThat(failure(verifier(SECRET), request(now, PAYLOAD, "Stripe-Signature", "  ")))
        .isEqualTo(WebhookFailureCode.SIGNATURE_MISSING);
  }

  @Test
  void rejectsMalformedHeaders() {
    long t = now.getEpochSecond();
    String signature = sign(SECRET, t, PAYLOAD);
    for (String header : List.of("i'm not even a real signature header", "v1=" + signature,
        "t=abc,v1=" + signature, "t=-5,v1=" + signature, "t=" + t + ",t=" + t + ",v1=" + signature,
        "t=" + t + ",v1=zz", "t=" + t + ",v1=abcd", "t=" + t + ",v1=")) {
      assertThat(failure(verifier(SECRET), request(now, PAYLOAD, "Stripe-Signature", header)))
          .as(header).isEqualTo(WebhookFailureCode.SIGNATURE_MALFORMED);
    }
  }

  @Test
  void ignoresV0AndRequiresV1() {
    long t = now.getEpochSecond();
    String signature = sign(SECRET, t, PAYLOAD);

    assertThat(failure(verifier(SECRET), request(now, PAYLOAD, "Stripe-Signature", "t=" + t + ",v0=" + signature)))
        .isEqualTo(WebhookFailureCode.SIGNATURE_MISSING);
    assertThat(verifier(SECRET).verify(request(now, PAYLOAD, "Stripe-Signature",
        "t=" + t + ",v0=" + "00".repeat(32) + ",v1=" + signature)).events()).hasSize(1);
  }

  @Test
  void acceptsWhenAnyOfSeveralV1SignaturesMatches() {
    long t = now.getEpochSecond();
    String header = "t=" + t + ",v1=" + "ab".repeat(32) + ",v1=" + sign(SECRET, t, PAYLOAD) + ",v1=bad";

    assertThat(verifier(SECRET).verify(request(now, PAYLOAD, "Stripe-Signature", header)).events()).hasSize(1);
  }

  @Test
  void rejectsHeaderSentTwice() {
    long t = now.getEpochSecond();
    String header = "t=" + t + ",v1=" + sign(SECRET, t, PAYLOAD);

    assertThat(failure(verifier(SECRET), request(now, PAYLOAD, "Stripe-Signature", header, "stripe-signature", header)))
        .isEqualTo(WebhookFailureCode.SIGNATURE_MALFORMED);
  }

  @Test
  void rejectsHeaderWithMoreEntriesThanTheCap() {
    long t = now.getEpochSecond();
    String header = "t=" + t + ",v1=" + sign(SECRET, t, PAYLOAD) + ",v1=00".repeat(40);

    assertThat(failure(verifier(SECRET), request(now, PAYLOAD, "Stripe-Signature", header)))
        .isEqualTo(WebhookFailureCode.SIGNATURE_MALFORMED);
  }

  @Test
  void acceptsEitherSecretDuringRotation() {
    StripeSignatureVerifier rotating = verifier(OLD_SECRET, SECRET);
    long t = now.getEpochSecond();

    assertThat(rotating.verify(signedRequest(OLD_SECRET, t, PAYLOAD)).events()).hasSize(1);
    assertThat(rotating.verify(signedRequest(SECRET, t, PAYLOAD)).events()).hasSize(1);
    // Stripe signs with both secrets while a rolled secret is still valid.
    String both = "t=" + t + ",v1=" + sign(OLD_SECRET, t, PAYLOAD) + ",v1=" + sign(SECRET, t, PAYLOAD);
    assertThat(verifier(SECRET).verify(request(now, PAYLOAD, "Stripe-Signature", both)).events()).hasSize(1);
  }

  @Test
  void rejectsOldSignatureOnceOnlyTheNewSecretIsConfigured() {
    assertThat(failure(verifier(SECRET), signedRequest(OLD_SECRET, now.getEpochSecond(), PAYLOAD)))
        .isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
  }

  @Test
  void rejectsAuthenticBodyThatIsNotAStripeEvent() {
    long t = now.getEpochSecond();

    assertThatThrownBy(() -> verifier(SECRET).verify(signedRequest(SECRET, t, "{\"type\": \"x\"}")))
        .isInstanceOf(WebhookPayloadException.class).hasMessageContaining("id");
    assertThatThrownBy(() -> verifier(SECRET).verify(signedRequest(SECRET, t, "not json")))
        .isInstanceOf(WebhookPayloadException.class);
  }

  @Test
  void rejectsBodyLargerThanTheLimitBeforeHashing() {
    StripeSignatureVerifier small = new StripeSignatureVerifier(StripeVerifierOptions.of(List.of(SECRET))
        .withLimits(new PayloadLimits(16, 10, 8)));

    assertThatThrownBy(() -> small.verify(signedRequest(SECRET, now.getEpochSecond(), PAYLOAD)))
        .isInstanceOf(WebhookPayloadException.class).hasMessageContaining("exceeds");
  }

  @Test
  void exceptionsAndOptionsNeverShowTheSecret() {
    StripeVerifierOptions options = StripeVerifierOptions.of(List.of(SECRET, OLD_SECRET));
    WebhookSignatureException failure = (WebhookSignatureException) catchFailure(
        () -> new StripeSignatureVerifier(options).verify(signedRequest("whsec_x", now.getEpochSecond(), PAYLOAD)));

    assertThat(options.toString()).doesNotContain(SECRET).doesNotContain("test_secret").contains("2");
    assertThat(failure.getMessage()).doesNotContain(SECRET);
    assertThat(failure.publicDetail()).isEqualTo("The webhook signature could not be verified.");
    assertThat(failure.httpStatus()).isEqualTo(401);
    assertThat(failure.getStackTrace()).isEmpty();
  }

  private static RuntimeException catchFailure(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("expected a failure");
  }
}
