package dev.ofg.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.app.GatewayApplication;
import dev.ofg.finance.PartnerInput;
import dev.ofg.http.TraceContext;
import dev.ofg.sandbox.DeliverySink;
import dev.ofg.sandbox.DeliverySinks;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Follows provider webhooks end to end, through two gateways sharing one database: each provider event, however
 * often and wherever it is re-sent, is stored once, put in the outbox once, delivered once to the treasury sink
 * (after its payment when it is a refund of it) and registered once as a payment in the sandbox Odoo by the bank
 * target; a payment whose partner the merchant did not name still reaches treasury, and the bank target leaves it
 * out of Odoo with the reason instead of dead-lettering it.
 */
@ExtendWith(VertxExtension.class)
class WebhookToDeliveryTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int PAYMENTS = 12;
  private static final int REFUNDS = 4;
  private static final int SENDS_PER_EVENT = 3;
  private static final String PARTNER = "CUST-WEBHOOK";
  private static final String YAML = String.join("\n",
      "webhooks:",
      "  sources:",
      "    stripe:",
      "      type: stripe",
      "      secrets:",
      "        - value: ${STRIPE_SECRET}",
      "delivery:",
      "  relay:",
      "    pollInterval: 50ms",
      "    leaseMargin: 2s",
      "  retry:",
      "    schedule: [100ms, 200ms, 500ms, 1s, 2s]",
      "  timeout: 10s",
      "  routes:",
      "    - events: [payment.succeeded]",
      "      targets: [bank, treasury]",
      "      priority: high",
      "    - events: [payment.*, refund.*]",
      "      targets: [treasury]",
      "  targets:",
      DeliveryTestKit.TREASURY_TARGET,
      "    bank:",
      "      park:",
      "        deadline: 30s",
      "        recheck: 1s");

  private static final SecureRandom RANDOM = new SecureRandom();
  private static DeliveryTestKit kit;
  private static final List<WebClient> gateways = new ArrayList<>();
  private static final List<GatewayApplication> applications = new ArrayList<>();
  private static String secret;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    secret = "whsec_" + HexFormat.of().formatHex(bytes);
    DeliveryTestKit.startWithoutGateway(vertx, YAML)
        .compose(started -> {
          kit = started;
          kit.env().put("STRIPE_SECRET", secret);
          return kit.startGateway(vertx).compose(first -> kit.startGateway(vertx).map(second -> List.of(first,
              second)));
        })
        .onComplete(test.succeeding(started -> {
          applications.addAll(started);
          started.forEach(gateway -> gateways.add(WebClient.create(vertx,
              new io.vertx.ext.web.client.WebClientOptions().setDefaultHost("127.0.0.1")
                  .setDefaultPort(gateway.publicPort()))));
          test.completeNow();
        }));
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    gateways.forEach(WebClient::close);
    kit.stop().onComplete(test.succeedingThenComplete());
  }

  private static String stripeEvent(String eventId, String type, JsonObject object) {
    return new JsonObject().put("id", eventId).put("object", "event").put("type", type)
        .put("created", Instant.now().getEpochSecond()).put("livemode", false)
        .put("data", new JsonObject().put("object", object)).encode();
  }

  private static String succeeded(String eventId, String intent, boolean namesPartner) {
    JsonObject metadata = new JsonObject().put("reference", "SO-" + intent);
    if (namesPartner) {
      metadata.put("partner_ref", PARTNER);
    }
    return stripeEvent(eventId, "payment_intent.succeeded", new JsonObject().put("id", intent)
        .put("object", "payment_intent").put("amount", 12550).put("amount_received", 12550).put("currency", "eur")
        .put("metadata", metadata));
  }

  private static String refunded(String eventId, String intent) {
    return stripeEvent(eventId, "charge.refunded", new JsonObject().put("id", "ch_" + intent).put("object", "charge")
        .put("payment_intent", intent).put("amount_refunded", 2500).put("currency", "eur"));
  }

  /** Posts a Stripe event to one gateway, signed now as Stripe does ({@code t.body}, HMAC-SHA256, hex). */
  private static Future<HttpResponse<Buffer>> post(int gateway, String body) {
    long t = Instant.now().getEpochSecond();
    String signature = "t=" + t + ",v1=" + HexFormat.of().formatHex(dev.ofg.webhook.TestSignatures.hmacSha256(
        secret.getBytes(StandardCharsets.UTF_8), (t + "." + body).getBytes(StandardCharsets.UTF_8)));
    return gateways.get(gateway % gateways.size()).post("/webhooks/stripe")
        .putHeader("Content-Type", "application/json").putHeader("Stripe-Signature", signature)
        .sendBuffer(Buffer.buffer(body));
  }

  /** Sends each body {@link #SENDS_PER_EVENT} times, concurrently, alternating gateways; returns the statuses. */
  private static Future<List<Integer>> storm(List<String> bodies) {
    List<Future<HttpResponse<Buffer>>> sends = new ArrayList<>();
    for (int round = 0; round < SENDS_PER_EVENT; round++) {
      for (int i = 0; i < bodies.size(); i++) {
        sends.add(post(round + i, bodies.get(i)));
      }
    }
    return Future.all(sends).map(all -> sends.stream().map(send -> send.result().statusCode()).toList());
  }

  private static UUID eventId(String providerEventId) {
    return UUID.nameUUIDFromBytes(("webhook:stripe:" + providerEventId).getBytes(StandardCharsets.UTF_8));
  }

  private static long payments(String ref) {
    return kit.sandbox().count("account.payment", new JsonArray().add(new JsonArray().add("payment_reference")
        .add("=").add(ref)));
  }

  private static Future<Boolean> allSettled(Set<UUID> events) {
    return kit.rows("SELECT count(*) AS open FROM deliveries WHERE event_id = ANY($1) "
        + "AND status NOT IN ('delivered', 'dead_lettered')", Tuple.of(events.toArray(UUID[]::new)))
        .map(rows -> rows.get(0).getLong("open") == 0);
  }

  @Test
  void deliversEachProviderEventOnceWhateverTheRedeliveries(Vertx vertx, VertxTestContext test) {
    String run = Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
    List<String> paymentBodies = new ArrayList<>();
    List<String> refundBodies = new ArrayList<>();
    Set<UUID> expected = new java.util.HashSet<>();
    for (int i = 0; i < PAYMENTS; i++) {
      String eventId = "evt_pay_" + run + "_" + i;
      paymentBodies.add(succeeded(eventId, "pi_" + run + "_" + i, true));
      expected.add(eventId(eventId));
    }
    String anonymous = "evt_anon_" + run;
    paymentBodies.add(succeeded(anonymous, "pi_" + run + "_anon", false));
    expected.add(eventId(anonymous));
    for (int i = 0; i < REFUNDS; i++) {
      String eventId = "evt_ref_" + run + "_" + i;
      refundBodies.add(refunded(eventId, "pi_" + run + "_" + i));
      expected.add(eventId(eventId));
    }
    DeliverySink treasury = kit.sink(DeliverySinks.TREASURY);
    Map<String, Object> seen = new HashMap<>();

    kit.finance().upsertPartner(PartnerInput.parse(PARTNER, new JsonObject().put("name", "Webhook customer")),
            TraceContext.generate())
        .compose(v -> storm(paymentBodies))
        .compose(statuses -> {
          seen.put("paymentStatuses", statuses);
          // Refunds after their payments were accepted: the order the gateway must keep per payment intent.
          return storm(refundBodies);
        })
        .compose(statuses -> {
          seen.put("refundStatuses", statuses);
          return DeliveryTestKit.await(vertx, "every delivery settled", WAIT, () -> kit.rows(
                  "SELECT count(*) AS n FROM deliveries WHERE event_id = ANY($1)",
                  Tuple.of(expected.toArray(UUID[]::new)))
              .compose(rows -> rows.get(0).getLong("n") == expected.size() + PAYMENTS + 1L
                  ? allSettled(expected) : Future.succeededFuture(false)));
        })
        .compose(v -> kit.rows("SELECT count(*) AS n FROM outbox WHERE source = 'stripe' AND source_event_id LIKE $1",
            Tuple.of("evt_%_" + run + "%")))
        .compose(outbox -> {
          seen.put("outbox", outbox.get(0).getLong("n"));
          return kit.rows("SELECT count(*) AS n FROM inbox WHERE source = 'stripe' AND provider_event_id LIKE $1",
              Tuple.of("evt_%_" + run + "%"));
        })
        .compose(inbox -> {
          seen.put("inbox", inbox.get(0).getLong("n"));
          return kit.rows("SELECT d.status, d.attempts, a.outcome, a.detail FROM deliveries d "
              + "JOIN delivery_attempts a ON a.delivery_id = d.id WHERE d.event_id = $1 AND d.target = 'bank'",
              Tuple.of(eventId(anonymous)));
        })
        .onComplete(test.succeeding(anonymousBank -> test.verify(() -> {
          assertThat((List<?>) seen.get("paymentStatuses")).hasSize((PAYMENTS + 1) * SENDS_PER_EVENT)
              .allMatch(status -> status.equals(200));
          assertThat((List<?>) seen.get("refundStatuses")).allMatch(status -> status.equals(200));
          assertThat(seen.get("inbox")).as("one inbox row per provider event").isEqualTo((long) expected.size());
          assertThat(seen.get("outbox")).as("one outbox event per provider event").isEqualTo((long) expected.size());

          List<DeliverySink.Received> ours = treasury.received().stream()
              .filter(received -> expected.contains(UUID.fromString(received.id()))).toList();
          assertThat(ours).extracting(DeliverySink.Received::id)
              .containsExactlyInAnyOrderElementsOf(expected.stream().map(UUID::toString).toList());
          assertThat(ours).as("each event received once").allMatch(received -> received.timesReceived() == 1);
          Map<String, Instant> paymentArrivals = ours.stream().filter(r -> r.type().equals("payment.succeeded"))
              .collect(Collectors.toMap(DeliverySink.Received::aggregate, DeliverySink.Received::firstReceivedAt));
          assertThat(ours.stream().filter(r -> r.type().equals("refund.succeeded")).toList()).hasSize(REFUNDS)
              .allSatisfy(refund -> assertThat(refund.firstReceivedAt())
                  .as("refund of %s after its payment", refund.aggregate())
                  .isAfterOrEqualTo(paymentArrivals.get(refund.aggregate())));

          for (int i = 0; i < PAYMENTS; i++) {
            assertThat(payments("stripe:pi_" + run + "_" + i)).as("payment %d registered once in Odoo", i)
                .isEqualTo(1);
          }
          assertThat(anonymousBank).as("one attempt, no retry, no dead letter").hasSize(1);
          Row bank = anonymousBank.get(0);
          assertThat(bank.getString("status")).isEqualTo("delivered");
          assertThat(bank.getString("detail")).startsWith("not applied to Odoo").contains("no partner reference");
          assertThat(payments("stripe:pi_" + run + "_anon")).isZero();
          assertThat(applications.stream().mapToDouble(gateway -> gateway.registry()
              .counter("gateway_delivery_bank_skipped", "reason", "no_payment_data").count()).sum())
              .as("counted once, by the gateway that delivered it").isEqualTo(1.0);
          test.completeNow();
        })));
  }
}
