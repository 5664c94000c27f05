package dev.ofg.webhook.ingest;

import static dev.ofg.webhook.TestSignatures.base64;
import static dev.ofg.webhook.TestSignatures.hex;
import static dev.ofg.webhook.TestSignatures.hmacSha256;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzes {@code POST /webhooks/<source>} of a real gateway for every verifier type: arbitrary bodies and headers
 * are refused with 4xx, and correctly signed arbitrary payloads (so they reach parsing, normalisation and the
 * store) are answered 2xx or 4xx; never 5xx.
 */
class WebhookRouteProperties {
  private static final List<String> SOURCES = List.of(WebhookTestKit.STRIPE, WebhookTestKit.STANDARD,
      WebhookTestKit.ADYEN, WebhookTestKit.GOCARDLESS, WebhookTestKit.PARTNER);
  private static final List<String> HEADER_NAMES = List.of("Stripe-Signature", "webhook-id", "webhook-timestamp",
      "webhook-signature", "svix-id", "svix-timestamp", "svix-signature", "Webhook-Signature", "X-Partner-Signature",
      "X-Partner-Timestamp", "Content-Type", "X-Correlation-Id", "traceparent");
  private static final List<String> JSON_TOKENS = List.of("{", "}", "[", "]", ",", ":", "\"events\"",
      "\"notificationItems\"", "\"NotificationRequestItem\"", "\"id\"", "\"type\"", "\"data\"", "\"object\"",
      "\"amount\"", "\"currency\"", "\"links\"", "0", "-1", "99999999999999999999999", "1e999", "1.10", "true",
      "null", "\"\\u0000\"", "\"EUR\"", "\"payment_intent.succeeded\"", " ");

  private static Vertx vertx;
  private static WebhookTestKit kit;

  @BeforeContainer
  static void start() throws Exception {
    vertx = Vertx.vertx();
    kit = await(WebhookTestKit.start(vertx, ""));
  }

  @AfterContainer
  static void stop() throws Exception {
    await(kit.stop());
    await(vertx.close());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** Describes one request: where to, the exact body bytes and the headers. */
  record Delivery(String source, byte[] body, List<Tuple2<String, String>> headers) {
    @Override
    public String toString() {
      return source + " " + new String(body, StandardCharsets.UTF_8) + " " + headers;
    }
  }

  private static int send(Delivery delivery) throws Exception {
    List<String> pairs = new ArrayList<>();
    delivery.headers().forEach(header -> {
      pairs.add(header.get1());
      pairs.add(header.get2());
    });
    HttpResponse<Buffer> response = await(kit.post(delivery.source(), Buffer.buffer(delivery.body()),
        pairs.toArray(new String[0])));
    return response.statusCode();
  }

  @Property(tries = 80)
  void arbitraryRequestsAreRefusedWith4xx(@ForAll("sources") String source, @ForAll("bodies") byte[] body,
      @ForAll("headers") List<Tuple2<String, String>> headers) throws Exception {
    assertThat(send(new Delivery(source, body, headers))).isBetween(400, 499);
  }

  @Property(tries = 150)
  void signedArbitraryPayloadsAreAnswered2xxOr4xx(@ForAll("signed") Delivery delivery) throws Exception {
    int status = send(delivery);
    Statistics.collect(delivery.source(), status);
    assertThat(status).as(delivery.toString()).satisfiesAnyOf(
        s -> assertThat(s).isBetween(200, 299), s -> assertThat(s).isBetween(400, 499));
  }

  @Provide
  Arbitrary<String> sources() {
    return Arbitraries.of(SOURCES);
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
        soup().map(text -> text.getBytes(StandardCharsets.UTF_8)));
  }

  @Provide
  Arbitrary<List<Tuple2<String, String>>> headers() {
    Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of(HEADER_NAMES),
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12));
    Arbitrary<String> values = Arbitraries.oneOf(printable(80),
        Arbitraries.of("t=1700000000,v1=00", "v1,AAAA", "1700000000", "msg_1", "sha256=00"));
    return Combinators.combine(names, values).as(Tuple::of).list().ofMaxSize(6);
  }

  private static Arbitrary<String> soup() {
    return Arbitraries.of(JSON_TOKENS).list().ofMaxSize(30).map(tokens -> String.join("", tokens));
  }

  private static Arbitrary<String> printable(int maxLength) {
    return Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(maxLength);
  }

  /** Strings a provider should never send: any character, control characters and unpaired surrogates too. */
  private static Arbitrary<String> hostile() {
    return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(12), printable(300),
        Arbitraries.of("", " ", "\u0000", "evt_1", "EUR", "eur", "jpy", "XXX", "12.5", "-1"));
  }

  private static Arbitrary<Object> amounts() {
    return Arbitraries.oneOf(Arbitraries.longs().map(Object.class::cast), hostile().map(Object.class::cast),
        Arbitraries.bigDecimals().map(Object.class::cast), Arbitraries.just(null));
  }

  private static Arbitrary<String> types(String... known) {
    return Arbitraries.oneOf(Arbitraries.of(known), hostile());
  }

  @Provide
  Arbitrary<Delivery> signed() {
    return Arbitraries.oneOf(stripe(), standardWebhooks(), adyen(), goCardless(), partner(),
        Arbitraries.of(SOURCES).flatMap(source -> soup().map(body -> sign(source, body))));
  }

  private Arbitrary<Delivery> stripe() {
    return Combinators.combine(hostile(), types("payment_intent.succeeded", "charge.refunded", "payout.paid"),
            amounts(), hostile(), hostile())
        .as((id, type, amount, currency, reference) -> new JsonObject().put("id", id).put("type", type)
            .put("data", new JsonObject().put("object", new JsonObject().put("id", reference)
                .put("amount_received", amount).put("amount_refunded", amount).put("amount", amount)
                .put("currency", currency).put("metadata", new JsonObject().put("reference", reference)))))
        .map(json -> sign(WebhookTestKit.STRIPE, json.encode()));
  }

  private Arbitrary<Delivery> standardWebhooks() {
    return Combinators.combine(types("invoice.paid"), amounts(), hostile())
        .as((type, amount, text) -> new JsonObject().put("type", type).put("data", new JsonObject()
            .put("invoiceId", text).put("amount", amount).put("currency", text).put("reference", text)))
        .map(json -> sign(WebhookTestKit.STANDARD, json.encode()));
  }

  private Arbitrary<Delivery> partner() {
    return Combinators.combine(hostile(), types("payment.settled"), amounts(), hostile())
        .as((id, type, amount, text) -> new JsonObject().put("id", id).put("type", type).put("amount", amount)
            .put("currency", text).put("paymentId", text).put("reference", text).put("created", text))
        .map(json -> sign(WebhookTestKit.PARTNER, json.encode()));
  }

  private Arbitrary<Delivery> goCardless() {
    Arbitrary<JsonObject> event = Combinators.combine(hostile(), types("payments", "mandates"),
            types("confirmed", "created"), hostile())
        .as((id, resource, action, link) -> new JsonObject().put("id", id).put("resource_type", resource)
            .put("action", action).put("created_at", link)
            .put("links", new JsonObject().put("payment", link).put("mandate", link)));
    return event.list().ofMaxSize(3).map(events -> sign(WebhookTestKit.GOCARDLESS,
        new JsonObject().put("events", new JsonArray(new ArrayList<>(events))).encode()));
  }

  private Arbitrary<Delivery> adyen() {
    Arbitrary<JsonObject> item = Combinators.combine(hostile(), types("AUTHORISATION", "REFUND"),
            Arbitraries.of("true", "false", ""), Arbitraries.longs(), hostile())
        .as((psp, code, success, value, text) -> new JsonObject().put("pspReference", psp)
            .put("originalReference", text).put("merchantAccountCode", "M").put("merchantReference", text)
            .put("amount", new JsonObject().put("value", value).put("currency", text)).put("eventCode", code)
            .put("success", success));
    return item.list().ofMinSize(1).ofMaxSize(3).map(items -> {
      byte[] key = HexFormat.of().parseHex(kit.adyenKey);
      JsonArray wrapped = new JsonArray();
      for (JsonObject one : items) {
        JsonObject amount = one.getJsonObject("amount");
        // Adyen's signed data: the eight fields joined by ':' (see AdyenSignedData for the published source).
        String data = String.join(":", one.getString("pspReference"), one.getString("originalReference"),
            one.getString("merchantAccountCode"), one.getString("merchantReference"),
            String.valueOf(amount.getLong("value")), amount.getString("currency"), one.getString("eventCode"),
            one.getString("success"));
        one.put("additionalData", new JsonObject().put("hmacSignature",
            base64(hmacSha256(key, data.getBytes(StandardCharsets.UTF_8)))));
        wrapped.add(new JsonObject().put("NotificationRequestItem", one));
      }
      String body = new JsonObject().put("live", "false").put("notificationItems", wrapped).encode();
      return new Delivery(WebhookTestKit.ADYEN, body.getBytes(StandardCharsets.UTF_8), List.of());
    });
  }

  /** Signs a body for a source the way its provider does (Adyen signs inside the body, so it is sent as is). */
  private Delivery sign(String source, String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    String t = Long.toString(Instant.now().getEpochSecond());
    byte[] dot = ".".getBytes(StandardCharsets.UTF_8);
    switch (source) {
      case WebhookTestKit.STRIPE:
        return new Delivery(source, body, List.of(Tuple.of("Stripe-Signature", "t=" + t + ",v1="
            + hex(hmacSha256(kit.stripeSecret.getBytes(StandardCharsets.UTF_8), (t + ".").getBytes(), body)))));
      case WebhookTestKit.STANDARD:
        String id = "msg_" + Integer.toHexString(text.hashCode());
        byte[] key = Base64.getDecoder().decode(kit.standardSecret.substring("whsec_".length()));
        String signature = base64(hmacSha256(key, (id + "." + t + ".").getBytes(StandardCharsets.UTF_8), body));
        return new Delivery(source, body, List.of(Tuple.of("webhook-id", id), Tuple.of("webhook-timestamp", t),
            Tuple.of("webhook-signature", "v1," + signature)));
      case WebhookTestKit.GOCARDLESS:
        return new Delivery(source, body, List.of(Tuple.of("Webhook-Signature",
            hex(hmacSha256(kit.goCardlessSecret.getBytes(StandardCharsets.UTF_8), body)))));
      case WebhookTestKit.PARTNER:
        return new Delivery(source, body, List.of(Tuple.of("X-Partner-Timestamp", t), Tuple.of("X-Partner-Signature",
            "sha256=" + hex(hmacSha256(kit.partnerSecret.getBytes(StandardCharsets.UTF_8), t.getBytes(), dot, body)))));
      default:
        return new Delivery(source, body, List.of());
    }
  }
}
