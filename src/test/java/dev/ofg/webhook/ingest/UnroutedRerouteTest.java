package dev.ofg.webhook.ingest;

import static dev.ofg.webhook.ingest.WebhookTestKit.ADYEN;
import static dev.ofg.webhook.ingest.WebhookTestKit.STRIPE;
import static dev.ofg.webhook.ingest.WebhookTestKit.adyenItem;
import static dev.ofg.webhook.ingest.WebhookTestKit.adyenNotification;
import static dev.ofg.webhook.ingest.WebhookTestKit.newId;
import static dev.ofg.webhook.ingest.WebhookTestKit.stripeSignature;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.testing.GatewayTestKit;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stores events no rule maps, restarts the gateway on the same database with a rule added (webhook rules are not
 * part of a policy reload), and re-routes them through {@code POST /admin/webhooks/unrouted/reroute}: each becomes
 * exactly one outbox event under the id ingestion would have given it, however often and however concurrently it
 * is re-routed; events the new rules still cannot map stay unrouted with the new reason.
 */
@ExtendWith(VertxExtension.class)
@SuppressWarnings("unchecked")
class UnroutedRerouteTest {
  private static final String REROUTE = "/admin/webhooks/unrouted/reroute";
  private static final long CREATED = Instant.parse("2026-01-02T03:04:05Z").getEpochSecond();
  private static final String INVOICE_RULE = String.join("\n",
      "        - providerType: invoice.paid",
      "          type: invoice.paid",
      "          aggregateType: invoice",
      "          aggregateId: /data/object/id",
      "          amount: /data/object/amount_paid",
      "          currency: /data/object/currency",
      "          reference: /data/object/number");
  private static final String OFFER_CLOSED_RULE = String.join("\n",
      "        - providerType: OFFER_CLOSED",
      "          type: payment.offer_closed",
      "          aggregateType: payment",
      "          aggregateId: /pspReference");

  private static final String PAID = newId("evt_");
  private static final String PAID_TWICE = newId("evt_");
  private static final String PAID_CONCURRENTLY = newId("evt_");
  private static final String PAID_WITHOUT_CURRENCY = newId("evt_");
  private static final String CUSTOMER = newId("evt_");
  private static final String AUTHORISED = newId("psp");
  private static final String CLOSED = newId("psp");

  private static WebhookTestKit kit;

  /** Stores every event of the tests under the rules of the kit, then restarts with the two rules added. */
  @BeforeAll
  static void storeUnroutedEventsThenFixTheMapping(Vertx vertx, VertxTestContext test) {
    WebhookTestKit.start(vertx, "")
        .compose(started -> {
          kit = started;
          return postStripe(invoicePaid(PAID, "eur"))
              .compose(v -> postStripe(invoicePaid(PAID_TWICE, "eur")))
              .compose(v -> postStripe(invoicePaid(PAID_CONCURRENTLY, "eur")))
              .compose(v -> postStripe(invoicePaid(PAID_WITHOUT_CURRENCY, null)))
              .compose(v -> postStripe(event(CUSTOMER, "customer.updated", new JsonObject().put("id", "cus_1"))))
              .compose(v -> kit.post(ADYEN, adyenNotification(kit.adyenKey,
                  adyenItem(AUTHORISED, "AUTHORISATION", true, 2500, "EUR", "O-1"),
                  adyenItem(CLOSED, "OFFER_CLOSED", true, 2500, "EUR", "O-2"))))
              .compose(response -> {
                assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
                return kit.restartWithEvents(Map.of(STRIPE, INVOICE_RULE, ADYEN, OFFER_CLOSED_RULE));
              });
        })
        .onComplete(test.succeedingThenComplete());
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    kit.stop().onComplete(test.succeedingThenComplete());
  }

  private static String event(String id, String type, JsonObject object) {
    return new JsonObject().put("id", id).put("object", "event").put("type", type).put("created", CREATED)
        .put("livemode", false).put("data", new JsonObject().put("object", object)).encode();
  }

  private static String invoicePaid(String id, String currency) {
    JsonObject invoice = new JsonObject().put("id", "in_" + id).put("object", "invoice").put("amount_paid", 4200)
        .put("number", "INV-" + id);
    if (currency != null) {
      invoice.put("currency", currency);
    }
    return event(id, "invoice.paid", invoice);
  }

  private static Future<Void> postStripe(String body) {
    String id = new JsonObject(body).getString("id");
    return kit.post(STRIPE, body, "Stripe-Signature", stripeSignature(kit.stripeSecret, Instant.now().getEpochSecond(),
        body), "X-Correlation-Id", "corr-" + id).map(response -> {
          JsonObject answer = response.bodyAsJsonObject().getJsonArray("events").getJsonObject(0);
          assertThat(answer.getString("routing")).as("stored before the fix").isEqualTo("unrouted");
          return null;
        });
  }

  private static Future<HttpResponse<Buffer>> reroute(Object body) {
    return kit.gateway().management().post(REROUTE).putHeader("Authorization", "Bearer " + kit.gateway().adminToken())
        .sendBuffer(Buffer.buffer(body.toString()));
  }

  private static Future<JsonObject> rerouteIds(String source, long... inboxIds) {
    JsonArray ids = new JsonArray();
    for (long id : inboxIds) {
      ids.add(id);
    }
    return reroute(new JsonObject().put("source", source).put("inboxIds", ids)).map(response -> {
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
      return response.bodyAsJsonObject();
    });
  }

  private static Future<Long> inboxId(String source, String providerEventId) {
    return kit.inbox(source, providerEventId).map(row -> row.getLong("id"));
  }

  private static UUID financeEventId(String source, String providerEventId) {
    return UUID.nameUUIDFromBytes(("webhook:" + source + ":" + providerEventId).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void reroutesAnEventWhoseTypeGainedARuleIntoOneOutboxEventUnderItsStableId(VertxTestContext test) {
    double before = kit.counter("gateway_webhook_rerouted", "source", STRIPE, "outcome", "rerouted");
    inboxId(STRIPE, PAID)
        .compose(id -> rerouteIds(STRIPE, id).compose(answer -> kit.outbox(STRIPE, PAID)
            .compose(outbox -> kit.inbox(STRIPE, PAID).map(inbox -> List.of(id, answer, outbox, inbox)))))
        .onComplete(test.succeeding(results -> test.verify(() -> {
          long id = (Long) results.get(0);
          JsonObject answer = (JsonObject) results.get(1);
          assertThat(answer.getInteger("rerouted")).isEqualTo(1);
          assertThat(answer.getInteger("stillUnrouted")).isZero();
          assertThat(answer.getInteger("skipped")).isZero();
          assertThat(answer.getValue("next")).isNull();
          JsonObject outcome = answer.getJsonArray("events").getJsonObject(0);
          assertThat(outcome.getLong("inboxId")).isEqualTo(id);
          assertThat(outcome.getString("outcome")).isEqualTo("rerouted");
          assertThat(outcome.getString("financeEventType")).isEqualTo("invoice.paid");
          assertThat(outcome.getString("financeEventId")).isEqualTo(financeEventId(STRIPE, PAID).toString());
          List<JsonObject> outbox = (List<JsonObject>) results.get(2);
          assertThat(outbox).hasSize(1);
          JsonObject event = outbox.get(0);
          assertThat(event.getString("event_id")).isEqualTo(financeEventId(STRIPE, PAID).toString());
          assertThat(event.getString("event_type")).isEqualTo("invoice.paid");
          assertThat(event.getString("aggregate_type")).isEqualTo("invoice");
          assertThat(event.getString("aggregate_id")).isEqualTo("in_" + PAID);
          assertThat(event.getString("payload_ref")).isEqualTo("inbox:" + id);
          assertThat(event.getString("correlation_id")).as("the original request's").isEqualTo("corr-" + PAID);
          assertThat(OffsetDateTime.parse(event.getString("occurred_at")).toInstant())
              .as("Stripe's created, read again").isEqualTo(Instant.ofEpochSecond(CREATED));
          assertThat(event.getJsonObject("payload").getString("amount")).isEqualTo("42.00");
          assertThat(event.getJsonObject("payload").getString("currency")).isEqualTo("EUR");
          assertThat(event.getJsonObject("payload").getString("reference")).isEqualTo("INV-" + PAID);
          JsonObject inbox = (JsonObject) results.get(3);
          assertThat(inbox.getString("routing")).isEqualTo("routed");
          assertThat(inbox.getString("finance_event_type")).isEqualTo("invoice.paid");
          assertThat(inbox.getValue("routing_reason")).isNull();
          assertThat(kit.counter("gateway_webhook_rerouted", "source", STRIPE, "outcome", "rerouted"))
              .isEqualTo(before + 1);
          test.completeNow();
        })));
  }

  @Test
  void aSecondRerouteSkipsTheRoutedEventAndEmitsNothingMore(VertxTestContext test) {
    inboxId(STRIPE, PAID_TWICE)
        .compose(id -> rerouteIds(STRIPE, id).compose(first -> rerouteIds(STRIPE, id, id + 1_000_000))
            .compose(second -> kit.outboxRows(STRIPE, PAID_TWICE).map(rows -> List.of(second, rows))))
        .onComplete(test.succeeding(results -> test.verify(() -> {
          JsonObject second = (JsonObject) results.get(0);
          assertThat(second.getInteger("rerouted")).isZero();
          assertThat(second.getInteger("skipped")).isEqualTo(2);
          JsonArray events = second.getJsonArray("events");
          assertThat(events.getJsonObject(0).getString("reason")).isEqualTo("routed already");
          assertThat(events.getJsonObject(1).getString("reason")).isEqualTo("no event of this source");
          assertThat(results.get(1)).isEqualTo(1);
          test.completeNow();
        })));
  }

  @Test
  void twoConcurrentReroutesEmitOneEvent(VertxTestContext test) {
    inboxId(STRIPE, PAID_CONCURRENTLY)
        .compose(id -> Future.all(rerouteIds(STRIPE, id), rerouteIds(STRIPE, id), rerouteIds(STRIPE, id)))
        .compose(all -> kit.outboxRows(STRIPE, PAID_CONCURRENTLY).map(rows -> List.of(all.list(), rows)))
        .onComplete(test.succeeding(results -> test.verify(() -> {
          List<JsonObject> answers = (List<JsonObject>) results.get(0);
          assertThat(answers.stream().mapToInt(answer -> answer.getInteger("rerouted")).sum()).isEqualTo(1);
          assertThat(answers.stream().mapToInt(answer -> answer.getInteger("skipped")).sum()).isEqualTo(2);
          assertThat(results.get(1)).isEqualTo(1);
          test.completeNow();
        })));
  }

  @Test
  void eventsTheRulesStillCannotMapStayUnroutedWithTheNewReason(VertxTestContext test) {
    Future.all(inboxId(STRIPE, PAID_WITHOUT_CURRENCY), inboxId(STRIPE, CUSTOMER))
        .compose(ids -> rerouteIds(STRIPE, ids.<Long>resultAt(0), ids.<Long>resultAt(1)))
        .compose(answer -> Future.all(kit.inbox(STRIPE, PAID_WITHOUT_CURRENCY), kit.inbox(STRIPE, CUSTOMER),
                kit.outboxRows(STRIPE, PAID_WITHOUT_CURRENCY))
            .map(rows -> List.<Object>of(answer, rows.resultAt(0), rows.resultAt(1), rows.resultAt(2))))
        .onComplete(test.succeeding(results -> test.verify(() -> {
          JsonObject answer = (JsonObject) results.get(0);
          assertThat(answer.getInteger("stillUnrouted")).isEqualTo(2);
          assertThat(answer.getInteger("rerouted")).isZero();
          String reason = "invoice.paid (from invoice.paid): currency missing at /data/object/currency";
          assertThat(answer.getJsonArray("events").getJsonObject(0).getString("reason")).isEqualTo(reason);
          assertThat(answer.encode()).doesNotContain("in_" + PAID_WITHOUT_CURRENCY).doesNotContain("4200");
          JsonObject withoutCurrency = (JsonObject) results.get(1);
          assertThat(withoutCurrency.getString("routing")).isEqualTo("unrouted");
          assertThat(withoutCurrency.getString("routing_reason")).as("was: no mapping").isEqualTo(reason);
          JsonObject customer = (JsonObject) results.get(2);
          assertThat(customer.getString("routing_reason")).isEqualTo("no mapping for event type customer.updated");
          assertThat(results.get(3)).isEqualTo(0);
          test.completeNow();
        })));
  }

  @Test
  void reroutesAnAdyenBatchItemFromItsOwnJsonPageByPage(VertxTestContext test) {
    String closed = CLOSED + ":OFFER_CLOSED:true";
    JsonObject firstPage = new JsonObject().put("source", ADYEN).put("limit", 1);
    reroute(firstPage)
        .compose(first -> reroute(firstPage.copy().put("after", first.bodyAsJsonObject().getLong("next")))
            .map(second -> List.of(first.bodyAsJsonObject(), second.bodyAsJsonObject())))
        .compose(answers -> Future.all(kit.inbox(ADYEN, closed), kit.outbox(ADYEN, closed),
                kit.outboxRows(ADYEN, AUTHORISED + ":AUTHORISATION:true"))
            .map(rows -> List.<Object>of(answers, rows.resultAt(0), rows.resultAt(1), rows.resultAt(2))))
        .onComplete(test.succeeding(results -> test.verify(() -> {
          List<JsonObject> answers = (List<JsonObject>) results.get(0);
          JsonObject inbox = (JsonObject) results.get(1);
          assertThat(inbox.getValue("payload")).as("a batch item keeps its own JSON").isNotNull();
          assertThat(answers.get(0).getInteger("rerouted")).isEqualTo(1);
          assertThat(answers.get(0).getLong("next")).isEqualTo(inbox.getLong("id"));
          assertThat(answers.get(1).getJsonArray("events")).isEmpty();
          assertThat(answers.get(1).getValue("next")).isNull();
          assertThat(inbox.getString("routing")).isEqualTo("routed");
          List<JsonObject> outbox = (List<JsonObject>) results.get(2);
          assertThat(outbox).hasSize(1);
          assertThat(outbox.get(0).getString("event_id")).isEqualTo(financeEventId(ADYEN, closed).toString());
          assertThat(outbox.get(0).getString("event_type")).isEqualTo("payment.offer_closed");
          assertThat(outbox.get(0).getString("aggregate_id")).as("the item's, not the body's").isEqualTo(CLOSED);
          assertThat(outbox.get(0).getString("payload_ref")).isEqualTo("inbox:" + inbox.getLong("id"));
          assertThat(OffsetDateTime.parse(outbox.get(0).getString("occurred_at")).toInstant())
              .as("the item's eventDate").isEqualTo(Instant.parse("2026-03-01T09:15:30Z"));
          assertThat(results.get(3)).as("the routed item of the batch is untouched").isEqualTo(1);
          test.completeNow();
        })));
  }

  @Test
  void refusesBadBodiesAndUnknownSourcesWith400ProblemJson(VertxTestContext test) {
    Future.all(List.of(reroute("not json"), reroute("[1]"), reroute(new JsonObject().put("inboxIds", new JsonArray())),
            reroute(new JsonObject().put("source", STRIPE).put("inboxIds", new JsonArray().add("x"))),
            reroute(new JsonObject().put("source", STRIPE).put("limit", 501)),
            reroute(new JsonObject().put("source", "nowhere"))))
        .onComplete(test.succeeding(all -> test.verify(() -> {
          List<HttpResponse<Buffer>> answers = all.list();
          List<String> codes = List.of("MALFORMED_JSON", "MALFORMED_JSON", "VALIDATION_FAILED", "VALIDATION_FAILED",
              "VALIDATION_FAILED", "VALIDATION_FAILED");
          for (int i = 0; i < answers.size(); i++) {
            HttpResponse<Buffer> answer = answers.get(i);
            assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(400);
            assertThat(answer.getHeader("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.bodyAsJsonObject().getString("code")).isEqualTo(codes.get(i));
          }
          assertThat(answers.get(5).bodyAsJsonObject().getString("detail")).doesNotContain("nowhere")
              .contains(STRIPE);
          test.completeNow();
        })));
  }

  @Test
  void refusesAnonymousCallersAndClients(VertxTestContext test) {
    Buffer body = new JsonObject().put("source", STRIPE).toBuffer();
    kit.gateway().management().post(REROUTE).sendBuffer(body)
        .compose(anonymous -> kit.gateway().management().post(REROUTE)
            .putHeader("Authorization", "Bearer " + kit.gateway().key(GatewayTestKit.ERP)).sendBuffer(body)
            .map(client -> List.of(anonymous, client)))
        .onComplete(test.succeeding(answers -> test.verify(() -> {
          assertThat(answers.get(0).statusCode()).isEqualTo(401);
          assertThat(answers.get(1).statusCode()).isEqualTo(403);
          test.completeNow();
        })));
  }
}
