package dev.ofg.webhook.hmac;

import static dev.ofg.webhook.TestSignatures.base64;
import static dev.ofg.webhook.TestSignatures.hex;
import static dev.ofg.webhook.TestSignatures.hmac;
import static dev.ofg.webhook.TestSignatures.hmacSha256;
import static dev.ofg.webhook.TestSignatures.request;
import static dev.ofg.webhook.TestSignatures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofg.webhook.HmacAlgorithm;
import dev.ofg.webhook.ProviderEvent;
import dev.ofg.webhook.SignatureEncoding;
import dev.ofg.webhook.VerifiedWebhook;
import dev.ofg.webhook.WebhookException;
import dev.ofg.webhook.WebhookFailureCode;
import dev.ofg.webhook.WebhookPayloadException;
import dev.ofg.webhook.WebhookRequest;
import dev.ofg.webhook.WebhookSecret;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class GenericHmacVerifierTest {

  // Published vector: GitHub, "Validating webhook deliveries", section "Testing the webhook payload
  // validation" (https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries).
  private static final String GITHUB_SECRET = "It's a Secret to Everybody";
  private static final String GITHUB_PAYLOAD = "Hello, World!";
  private static final String GITHUB_SIGNATURE =
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  private static final String SECRET = "bank-shared-secret";
  private static final String OLD_SECRET = "bank-retired-secret";
  private static final String PUSH = "{\"ref\":\"refs/heads/main\",\"head_commit\":{\"id\":\"abc\"}}";
  private static final String BANK_EVENT = "{\"event\":{\"id\":\"stmt-2024-0042\",\"kind\":\"statement.booked\","
      + "\"bookedAt\":\"2024-03-01T08:00:00Z\"},\"amount\":\"1250.10\"}";

  private final Instant now = Instant.now();

  private static GenericHmacVerifier gitHubStyle(String... secrets) {
    return new GenericHmacVerifier(GenericHmacVerifierOptions.builder()
        .signatureHeader("X-Hub-Signature-256").signaturePrefix("sha256=")
        .eventId(FieldSource.header("X-GitHub-Delivery")).eventType(FieldSource.header("X-GitHub-Event"))
        .secrets(List.of(secrets).stream().map(WebhookSecret::utf8).toList())
        .build());
  }

  private static GenericHmacVerifier timestamped(String... secrets) {
    return new GenericHmacVerifier(GenericHmacVerifierOptions.builder()
        .signatureHeader("X-Bank-Signature").algorithm(HmacAlgorithm.HMAC_SHA512).encoding(SignatureEncoding.BASE64)
        .timestampHeader("X-Bank-Timestamp")
        .eventId(FieldSource.jsonPointer("/event/id")).eventType(FieldSource.parse("json:/event/kind"))
        .occurredAt(FieldSource.parse("/event/bookedAt"))
        .secrets(List.of(secrets).stream().map(WebhookSecret::utf8).toList())
        .build());
  }

  private WebhookRequest gitHubRequest(String secret, String body) {
    return request(now, body, "X-Hub-Signature-256", "sha256=" + hex(hmacSha256(utf8(secret), utf8(body))),
        "X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958", "X-GitHub-Event", "push");
  }

  /** Signs "{timestamp}.{body}" with HMAC-SHA512, base64, using javax.crypto. */
  private WebhookRequest bankRequest(String secret, long timestamp, String body) {
    String signature = base64(hmac("HmacSHA512", utf8(secret), utf8(timestamp + "."), utf8(body)));
    return request(now, body, "X-Bank-Signature", signature, "X-Bank-Timestamp", Long.toString(timestamp));
  }

  private static WebhookFailureCode failure(GenericHmacVerifier verifier, WebhookRequest request) {
    try {
      verifier.verify(request);
    } catch (WebhookException e) {
      return e.code();
    }
    throw new AssertionError("verification unexpectedly succeeded");
  }

  @Test
  void acceptsTheSignatureOfGitHubsPublishedVector() {
    // The vector's payload is not JSON, which this gateway requires; the signature passes and the
    // request fails only afterwards, on the payload. A changed payload fails on the signature.
    WebhookRequest vector = request(now, GITHUB_PAYLOAD, "X-Hub-Signature-256", GITHUB_SIGNATURE,
        "X-GitHub-Delivery", "1", "X-GitHub-Event", "ping");
    WebhookRequest changed = request(now, "Hello, World?", "X-Hub-Signature-256", GITHUB_SIGNATURE,
        "X-GitHub-Delivery", "1", "X-GitHub-Event", "ping");

    assertThat(failure(gitHubStyle(GITHUB_SECRET), vector)).isEqualTo(WebhookFailureCode.PAYLOAD_INVALID);
    assertThat(failure(gitHubStyle(GITHUB_SECRET), changed)).isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
  }

  @Test
  void extractsIdAndTypeFromHeaders() {
    VerifiedWebhook verified = gitHubStyle(SECRET).verify(gitHubRequest(SECRET, PUSH));

    ProviderEvent event = verified.events().get(0);
    assertThat(event.id()).isEqualTo("72d3162e-cc78-11e3-81ab-4c9367dc0958");
    assertThat(event.type()).isEqualTo("push");
    assertThat(event.rawJson()).isEqualTo(utf8(PUSH));
    assertThat(verified.signedAt()).isEmpty();
  }

  @Test
  void verifiesTimestampedSha512Base64SignaturesAndReadsJsonPointers() {
    long t = now.getEpochSecond();

    VerifiedWebhook verified = timestamped(SECRET).verify(bankRequest(SECRET, t, BANK_EVENT));

    ProviderEvent event = verified.events().get(0);
    assertThat(event.id()).isEqualTo("stmt-2024-0042");
    assertThat(event.type()).isEqualTo("statement.booked");
    assertThat(event.occurredAt()).contains(Instant.parse("2024-03-01T08:00:00Z"));
    assertThat(event.json().getValue("amount")).isEqualTo("1250.10");
    assertThat(verified.signedAt()).contains(Instant.ofEpochSecond(t));
  }

  @Test
  void rejectsTimestampsOutsideTheToleranceEitherWay() {
    assertThat(failure(timestamped(SECRET), bankRequest(SECRET, now.getEpochSecond() - 301, BANK_EVENT)))
        .isEqualTo(WebhookFailureCode.SIGNATURE_EXPIRED);
    assertThat(failure(timestamped(SECRET), bankRequest(SECRET, now.getEpochSecond() + 301, BANK_EVENT)))
        .isEqualTo(WebhookFailureCode.SIGNATURE_EXPIRED);
  }

  @Test
  void rejectsTimestampChangedAfterSigning() {
    long t = now.getEpochSecond();
    WebhookRequest signed = bankRequest(SECRET, t, BANK_EVENT);
    WebhookRequest moved = request(now, BANK_EVENT, "X-Bank-Signature", signed.header("X-Bank-Signature").orElseThrow(),
        "X-Bank-Timestamp", Long.toString(t - 1));

    assertThat(failure(timestamped(SECRET), moved)).isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
  }

  @Test
  void rejectsTamperedBodyAndWrongSecret() {
    assertThat(failure(gitHubStyle(SECRET), request(now, PUSH.replace("main", "evil"), "X-Hub-Signature-256",
        gitHubRequest(SECRET, PUSH).header("X-Hub-Signature-256").orElseThrow(),
        "X-GitHub-Delivery", "1", "X-GitHub-Event", "push"))).isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
    assertThat(failure(gitHubStyle(SECRET), gitHubRequest("another", PUSH))).isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
  }

  @Test
  void rejectsMissingAndMalformedSignatureParts() {
    String good = "sha256=" + hex(hmacSha256(utf8(SECRET), utf8(PUSH)));
    assertThat(failure(gitHubStyle(SECRET), request(now, PUSH))).isEqualTo(WebhookFailureCode.SIGNATURE_MISSING);
    for (String header : List.of(good.substring(7), "sha1=" + good.substring(7), "sha256=xyz", "sha256=abcd")) {
      assertThat(failure(gitHubStyle(SECRET), request(now, PUSH, "X-Hub-Signature-256", header)))
          .as(header).isEqualTo(WebhookFailureCode.SIGNATURE_MALFORMED);
    }
    WebhookRequest noTimestamp = request(now, BANK_EVENT, "X-Bank-Signature", base64(new byte[64]));
    assertThat(failure(timestamped(SECRET), noTimestamp)).isEqualTo(WebhookFailureCode.SIGNATURE_MISSING);
    WebhookRequest badTimestamp = request(now, BANK_EVENT, "X-Bank-Signature", base64(new byte[64]),
        "X-Bank-Timestamp", "yesterday");
    assertThat(failure(timestamped(SECRET), badTimestamp)).isEqualTo(WebhookFailureCode.SIGNATURE_MALFORMED);
  }

  @Test
  void acceptsEitherSecretDuringRotation() {
    long t = now.getEpochSecond();

    assertThat(timestamped(OLD_SECRET, SECRET).verify(bankRequest(OLD_SECRET, t, BANK_EVENT)).events()).hasSize(1);
    assertThat(timestamped(OLD_SECRET, SECRET).verify(bankRequest(SECRET, t, BANK_EVENT)).events()).hasSize(1);
  }

  @Test
  void rejectsOldSignatureOnceOnlyTheNewSecretIsConfigured() {
    assertThat(failure(timestamped(SECRET), bankRequest(OLD_SECRET, now.getEpochSecond(), BANK_EVENT)))
        .isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
  }

  @Test
  void rejectsAuthenticEventsWithoutIdOrType() {
    assertThatThrownBy(() -> timestamped(SECRET).verify(bankRequest(SECRET, now.getEpochSecond(), "{\"event\":{}}")))
        .isInstanceOf(WebhookPayloadException.class).hasMessageContaining("event id");
    WebhookRequest noDelivery = request(now, PUSH, "X-Hub-Signature-256",
        "sha256=" + hex(hmacSha256(utf8(SECRET), utf8(PUSH))), "X-GitHub-Event", "push");
    assertThatThrownBy(() -> gitHubStyle(SECRET).verify(noDelivery)).isInstanceOf(WebhookPayloadException.class);
  }

  @Test
  void validatesOptionsWithMessagesNamingTheValue() {
    Supplier<GenericHmacVerifierOptions.Builder> base = () -> GenericHmacVerifierOptions.builder()
        .signatureHeader("X-Sig").eventId(FieldSource.header("X-Id")).eventType(FieldSource.header("X-Type"))
        .secrets(List.of(WebhookSecret.utf8(SECRET)));

    assertThatThrownBy(() -> base.get().timestampHeader("X-Ts").signedPayload(SignedPayloadTemplate.BODY_ONLY).build())
        .hasMessageContaining("signedPayload: {body} (expected: {timestamp} if and only if timestampHeader is set)");
    assertThatThrownBy(() -> new SignedPayloadTemplate("{timestamp}.{body}.{body}"))
        .hasMessageContaining("expected: {body} exactly once");
    assertThatThrownBy(() -> FieldSource.parse("id")).hasMessageContaining("expected: header:<name>");
    assertThatThrownBy(() -> FieldSource.jsonPointer("data/id")).hasMessageContaining("starting with /");
    assertThatThrownBy(() -> GenericHmacVerifierOptions.builder().signatureHeader(" ").build())
        .hasMessageContaining("signatureHeader:");
    assertThatThrownBy(() -> base.get().secrets(List.of()).build()).hasMessageContaining("secrets: 0 (expected: 1..8)");
  }

  @Test
  void supportsTemplatesWithTextAroundTheBody() {
    GenericHmacVerifier verifier = new GenericHmacVerifier(GenericHmacVerifierOptions.builder()
        .signatureHeader("X-Sig").timestampHeader("X-Ts").signedPayload(new SignedPayloadTemplate("v0:{timestamp}:{body}"))
        .eventId(FieldSource.header("X-Id")).eventType(FieldSource.header("X-Type"))
        .secrets(List.of(WebhookSecret.utf8(SECRET))).build());
    long t = now.getEpochSecond();
    String signature = hex(hmacSha256(utf8(SECRET), utf8("v0:" + t + ":" + PUSH)));

    assertThat(verifier.verify(request(now, PUSH, "X-Sig", signature, "X-Ts", Long.toString(t),
        "X-Id", "e-1", "X-Type", "push")).events()).extracting(ProviderEvent::id).containsExactly("e-1");
  }

  @Test
  void identifiesANonJsonFileByTheDigestOfItsBody() {
    GenericHmacVerifier verifier = new GenericHmacVerifier(GenericHmacVerifierOptions.builder()
        .signatureHeader("X-Statement-Signature")
        .eventId(FieldSource.parse("body:sha256")).eventType(FieldSource.parse("const:bank.statement"))
        .secrets(List.of(WebhookSecret.utf8(SECRET)))
        .build());
    String mt940 = ":20:STARTUMSE\n:25:NL91ABNA0417164300\n:28C:1/1\n:60F:C260101EUR0,00\n:62F:C260101EUR0,00\n-";

    ProviderEvent event = verifier.verify(request(now, mt940, "X-Statement-Signature",
        hex(hmacSha256(utf8(SECRET), utf8(mt940))))).events().get(0);
    ProviderEvent again = verifier.verify(request(now, mt940, "X-Statement-Signature",
        hex(hmacSha256(utf8(SECRET), utf8(mt940))))).events().get(0);

    assertThat(event.type()).isEqualTo("bank.statement");
    assertThat(event.id()).matches("[0-9a-f]{64}").isEqualTo(again.id());
    assertThat(failure(verifier, request(now, mt940 + " ", "X-Statement-Signature",
        hex(hmacSha256(utf8(SECRET), utf8(mt940)))))).isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
  }

  @Test
  void parsesEveryFieldSourceForm() {
    assertThat(FieldSource.parse("body:sha256").kind()).isEqualTo(FieldSource.Kind.BODY_SHA256);
    assertThat(FieldSource.parse("const:bank.statement")).isEqualTo(FieldSource.constant("bank.statement"));
    assertThat(FieldSource.parse("header:X-Id").needsJson()).isFalse();
    assertThat(FieldSource.parse("/id").needsJson()).isTrue();
    assertThatThrownBy(() -> FieldSource.parse("body:md5")).hasMessageContaining("body:sha256 or const:<value>");
  }
}
