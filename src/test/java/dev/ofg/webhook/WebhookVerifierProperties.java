package dev.ofg.webhook;

import static dev.ofg.webhook.TestSignatures.base64;
import static dev.ofg.webhook.TestSignatures.hex;
import static dev.ofg.webhook.TestSignatures.hmacSha256;
import static dev.ofg.webhook.TestSignatures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/** Hostile input never escapes a verifier as anything but its documented exceptions. */
class WebhookVerifierProperties {

  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
  private static final String UTF8_SECRET = "whsec_property_secret";
  private static final String STANDARD_SECRET = "whsec_" + base64(utf8("property secret of 32 bytes!!!!"));
  private static final String ADYEN_KEY = "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF";

  private static final Map<String, SignatureVerifier> VERIFIERS = Map.of(
      "stripe", WebhookVerifiers.create("stripe", new JsonObject(), List.of(UTF8_SECRET)),
      "standard-webhooks", WebhookVerifiers.create("standard-webhooks", new JsonObject(), List.of(STANDARD_SECRET)),
      "adyen", WebhookVerifiers.create("adyen", new JsonObject(), List.of(ADYEN_KEY)),
      "gocardless", WebhookVerifiers.create("gocardless", new JsonObject(), List.of(UTF8_SECRET)),
      "hmac", WebhookVerifiers.create("hmac", new JsonObject().put("signatureHeader", "X-Sig")
          .put("timestampHeader", "X-Ts").put("eventId", "json:/id").put("eventType", "header:X-Type")
          .put("occurredAt", "/at"), List.of(UTF8_SECRET)));

  private static final List<String> HEADER_NAMES = List.of("Stripe-Signature", "webhook-id", "webhook-timestamp",
      "webhook-signature", "svix-id", "svix-timestamp", "svix-signature", "Webhook-Signature", "X-Sig", "X-Ts",
      "X-Type");

  private static final List<String> JSON_TOKENS = List.of("{", "}", "[", "]", ",", ":", "\"events\"",
      "\"notificationItems\"", "\"NotificationRequestItem\"", "\"additionalData\"", "\"hmacSignature\"",
      "\"amount\"", "\"value\"", "\"id\"", "\"type\"", "\"created\"", "\"created_at\"", "\"timestamp\"",
      "\"resource_type\"", "\"action\"", "\"pspReference\"", "\"eventCode\"", "\"success\"", "\"at\"", "\"x\"",
      "0", "-1", "1700000000", "99999999999999999999999", "1e999", "-0.5e-99999999", "1.10", "true", "false",
      "null", "\"\\u0000\"", "\"2024-13-45T99:99:99Z\"", "\"€\"", " ");

  @Property(tries = 400)
  void arbitraryRequestsOnlyRaiseWebhookExceptions(@ForAll("verifierTypes") String type,
      @ForAll("bodies") byte[] body, @ForAll("headers") List<Tuple2<String, String>> headers) {
    WebhookRequest.Builder request = WebhookRequest.builder().receivedAt(NOW).body(body);
    headers.forEach(h -> request.header(h.get1(), h.get2()));

    verifyExpectingOnlyWebhookExceptions(VERIFIERS.get(type), request.build());
  }

  @Property(tries = 400)
  void authenticRequestsWithArbitraryBodiesOnlyRaisePayloadExceptions(
      @ForAll("signedVerifierTypes") String type, @ForAll("bodies") byte[] body) {
    WebhookRequest request = signedRequest(type, body);

    try {
      VERIFIERS.get(type).verify(request);
    } catch (WebhookPayloadException expected) {
      assertThat(expected.code()).isEqualTo(WebhookFailureCode.PAYLOAD_INVALID);
    }
  }

  private static void verifyExpectingOnlyWebhookExceptions(SignatureVerifier verifier, WebhookRequest request) {
    try {
      VerifiedWebhook verified = verifier.verify(request);
      assertThat(verified.events()).allSatisfy(e -> assertThat(e.id()).isNotBlank());
    } catch (WebhookException expected) {
      assertThat(expected.getMessage()).isNotBlank();
      assertThat(expected.getStackTrace()).isEmpty();
    }
  }

  private static WebhookRequest signedRequest(String type, byte[] body) {
    long t = NOW.getEpochSecond();
    WebhookRequest.Builder request = WebhookRequest.builder().receivedAt(NOW).body(body);
    switch (type) {
      case "stripe":
        request.header("Stripe-Signature", "t=" + t + ",v1=" + hex(hmacSha256(utf8(UTF8_SECRET), utf8(t + "."), body)));
        break;
      case "standard-webhooks":
        byte[] key = java.util.Base64.getDecoder().decode(STANDARD_SECRET.substring(6));
        request.header("webhook-id", "msg_1").header("webhook-timestamp", Long.toString(t))
            .header("webhook-signature", "v1," + base64(hmacSha256(key, utf8("msg_1." + t + "."), body)));
        break;
      case "gocardless":
        request.header("Webhook-Signature", hex(hmacSha256(utf8(UTF8_SECRET), body)));
        break;
      default:
        request.header("X-Ts", Long.toString(t)).header("X-Type", "t")
            .header("X-Sig", hex(hmacSha256(utf8(UTF8_SECRET), utf8(t + "."), body)));
    }
    return request.build();
  }

  @Provide
  Arbitrary<String> verifierTypes() {
    return Arbitraries.of(VERIFIERS.keySet());
  }

  @Provide
  Arbitrary<String> signedVerifierTypes() {
    return Arbitraries.of("stripe", "standard-webhooks", "gocardless", "hmac");
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    Arbitrary<byte[]> jsonish = Arbitraries.of(JSON_TOKENS).list().ofMaxSize(80)
        .map(tokens -> String.join("", tokens).getBytes(StandardCharsets.UTF_8));
    return Arbitraries.oneOf(raw, jsonish);
  }

  @Provide
  Arbitrary<List<Tuple2<String, String>>> headers() {
    Arbitrary<String> values = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(120),
        Arbitraries.strings().withChars("tv01=,; abcdef").ofMaxLength(160),
        Arbitraries.longs().map(Object::toString),
        Arbitraries.of("t=1700000000,v1=" + "ab".repeat(32), "v1," + base64(new byte[32]), "v1a,x v1,", "msg_1"));
    return Combinators.combine(Arbitraries.of(HEADER_NAMES), values).as(Tuple::of).list().ofMaxSize(8);
  }
}
