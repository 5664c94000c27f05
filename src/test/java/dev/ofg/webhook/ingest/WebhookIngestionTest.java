package dev.ofg.webhook.ingest;

import static dev.ofg.webhook.ingest.WebhookTestKit.ADYEN;
import static dev.ofg.webhook.ingest.WebhookTestKit.ADYEN_PUBLISHED_KEY;
import static dev.ofg.webhook.ingest.WebhookTestKit.GOCARDLESS;
import static dev.ofg.webhook.ingest.WebhookTestKit.GOCARDLESS_PUBLISHED_SECRET;
import static dev.ofg.webhook.ingest.WebhookTestKit.PARTNER;
import static dev.ofg.webhook.ingest.WebhookTestKit.STANDARD;
import static dev.ofg.webhook.ingest.WebhookTestKit.STRIPE;
import static dev.ofg.webhook.ingest.WebhookTestKit.adyenItem;
import static dev.ofg.webhook.ingest.WebhookTestKit.adyenNotification;
import static dev.ofg.webhook.ingest.WebhookTestKit.goCardlessSignature;
import static dev.ofg.webhook.ingest.WebhookTestKit.newId;
import static dev.ofg.webhook.ingest.WebhookTestKit.partnerHeaders;
import static dev.ofg.webhook.ingest.WebhookTestKit.standardHeaders;
import static dev.ofg.webhook.ingest.WebhookTestKit.stripeEvent;
import static dev.ofg.webhook.ingest.WebhookTestKit.stripeSignature;
import static org.assertj.core.api.Assertions.assertThat;

import com.gocardless.Webhook;
import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sends webhooks signed by each provider's own library (or published vector) to a real gateway over HTTP and
 * checks what the store holds afterwards: inbox rows, the raw delivery, and the outbox events.
 */
@ExtendWith(VertxExtension.class)
@SuppressWarnings("unchecked")
class WebhookIngestionTest {
  private static WebhookTestKit kit;

  // Published vector: gocardless/gocardless-pro-java, src/test/java/com/gocardless/WebhookTest.java.
  private static final String GC_VECTOR_SIGNATURE = "2693754819d3e32d7e8fcb13c729631f316c6de8dc1cf634d6527f1c07276e7e";
  private static final String GC_VECTOR_BODY = "{\"events\":[{\"id\":\"EV00BD05S5VM2T\",\"created_at\":"
      + "\"2018-07-05T09:13:51.404Z\",\"resource_type\":\"subscriptions\",\"action\":\"created\",\"links\":"
      + "{\"subscription\":\"SB0003JJQ2MR06\"},\"details\":{\"origin\":\"api\",\"cause\":\"subscription_created\","
      + "\"description\":\"Subscription created via the API.\"},\"metadata\":{}},{\"id\":\"EV00BD05TB8K63\","
      + "\"created_at\":\"2018-07-05T09:13:56.893Z\",\"resource_type\":\"mandates\",\"action\":\"created\","
      + "\"links\":{\"mandate\":\"MD000AMA19XGEC\"},\"details\":{\"origin\":\"api\",\"cause\":\"mandate_created\","
      + "\"description\":\"Mandate created via the API.\"},\"metadata\":{}}]}";

  // Published vector: Adyen/adyen-ruby-api-library, spec/utils/hmac_validator_spec.rb (signed with ADYEN_PUBLISHED_KEY).
  private static final String ADYEN_VECTOR_ITEM = "{\"additionalData\":{\"hmacSignature\":"
      + "\"coqCmt/IZ4E3CzPvMY8zTjQVL5hYJUiBRg8UU+iCWo0=\"},\"amount\":{\"value\":1130,\"currency\":\"EUR\"},"
      + "\"pspReference\":\"7914073381342284\",\"eventCode\":\"AUTHORISATION\",\"merchantAccountCode\":"
      + "\"TestMerchant\",\"merchantReference\":\"TestPayment-1407325143704\",\"paymentMethod\":\"visa\","
      + "\"success\":\"true\"}";

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) {
    WebhookTestKit.start(vertx, "").onComplete(test.succeeding(started -> {
      kit = started;
      test.completeNow();
    }));
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    kit.stop().onComplete(test.succeedingThenComplete());
  }

  private static long now() {
    return Instant.now().getEpochSecond();
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status, String code) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo(code);
  }

  @Test
  void storesStripeEventWithItsRawBodyAndOneOutboxEvent(VertxTestContext test) {
    String id = newId("evt_");
    String body = stripeEvent(id, "payment_intent.succeeded", 1999, "eur", "SO-1001");
    kit.post(STRIPE, body, "Stripe-Signature", stripeSignature(kit.stripeSecret, now(), body),
            "X-Correlation-Id", "corr-" + id)
        .compose(response -> kit.inbox(STRIPE, id).compose(inbox -> kit.outbox(STRIPE, id)
            .map(outbox -> List.of(response.bodyAsJsonObject(), inbox, outbox.get(0), new JsonObject()
                .put("outboxRows", outbox.size())))))
        .onComplete(test.succeeding(results -> test.verify(() -> {
          JsonObject answer = results.get(0).getJsonArray("events").getJsonObject(0);
          JsonObject inbox = results.get(1);
          JsonObject outbox = results.get(2);
          assertThat(answer.getString("status")).isEqualTo("stored");
          assertThat(answer.getString("routing")).isEqualTo("routed");
          assertThat(answer.getString("payloadRef")).isEqualTo("inbox:" + inbox.getLong("id"));
          assertThat(Buffer.buffer(inbox.getBinary("body")).toString()).isEqualTo(body);
          assertThat(inbox.getJsonObject("headers").getString("stripe-signature")).startsWith("t=");
          assertThat(inbox.getString("verifier")).isEqualTo("stripe");
          assertThat(inbox.getString("signed_at")).isNotNull();
          assertThat(inbox.getValue("payload")).as("the event is the whole body").isNull();
          assertThat(results.get(3).getInteger("outboxRows")).isEqualTo(1);
          assertThat(outbox.getString("event_type")).isEqualTo("payment.succeeded");
          assertThat(outbox.getString("aggregate_type")).isEqualTo("payment");
          assertThat(outbox.getString("aggregate_id")).isEqualTo("pi_" + id);
          assertThat(outbox.getString("correlation_id")).isEqualTo("corr-" + id);
          assertThat(outbox.getString("payload_ref")).isEqualTo("inbox:" + inbox.getLong("id"));
          assertThat(outbox.getString("event_id")).isEqualTo(answer.getString("financeEventId"));
          JsonObject data = outbox.getJsonObject("payload");
          assertThat(data.getString("amount")).isEqualTo("19.99");
          assertThat(data.getString("currency")).isEqualTo("EUR");
          assertThat(data.getString("reference")).isEqualTo("SO-1001");
          test.completeNow();
        })));
  }

  @Test
  void rejectsTamperedStripeBodyWith401AndStoresNothing(VertxTestContext test) {
    String id = newId("evt_");
    String body = stripeEvent(id, "payment_intent.succeeded", 1999, "eur", "SO-1");
    String tampered = body.replace("1999", "9999");
    double before = kit.counter("gateway_webhook_received", "source", STRIPE, "outcome", "signature_invalid");
    kit.post(STRIPE, tampered, "Stripe-Signature", stripeSignature(kit.stripeSecret, now(), body))
        .compose(response -> kit.inboxRows(STRIPE, id).map(rows -> List.of(response, rows)))
        .onComplete(test.succeeding(results -> test.verify(() -> {
          assertProblem((HttpResponse<Buffer>) results.get(0), 401, "SIGNATURE_INVALID");
          assertThat(((HttpResponse<?>) results.get(0)).bodyAsJsonObject().getString("detail"))
              .isEqualTo("The webhook signature could not be verified.");
          assertThat(results.get(1)).isEqualTo(0);
          assertThat(kit.counter("gateway_webhook_received", "source", STRIPE, "outcome", "signature_invalid"))
              .isEqualTo(before + 1);
          test.completeNow();
        })));
  }

  @Test
  void rejectsExpiredSignaturesOfStripeStandardWebhooksAndPartner(VertxTestContext test) {
    long stale = now() - 600;
    String stripeId = newId("evt_");
    String stripe = stripeEvent(stripeId, "payment_intent.succeeded", 100, "eur", "R");
    String messageId = newId("msg_");
    String standard = new JsonObject().put("type", "invoice.paid").put("data", new JsonObject()).encode();
    String partnerId = newId("p_");
    String partner = new JsonObject().put("id", partnerId).put("type", "payment.settled").encode();
    Future.all(
            kit.post(STRIPE, stripe, "Stripe-Signature", stripeSignature(kit.stripeSecret, stale, stripe)),
            kit.post(STANDARD, standard, standardHeaders(kit.standardSecret, messageId, stale, standard)),
            kit.post(PARTNER, partner, partnerHeaders(kit.partnerSecret, stale, partner)))
        .compose(all -> Future.all(kit.inboxRows(STRIPE, stripeId), kit.inboxRows(STANDARD, messageId),
            kit.inboxRows(PARTNER, partnerId)).map(rows -> List.of(all, rows)))
        .onComplete(test.succeeding(results -> test.verify(() -> {
          for (int i = 0; i < 3; i++) {
            assertProblem(results.get(0).resultAt(i), 401, "SIGNATURE_INVALID");
            assertThat((Integer) results.get(1).resultAt(i)).isZero();
          }
          assertThat(kit.counter("gateway_webhook_received", "source", STRIPE, "outcome", "signature_expired"))
              .isGreaterThanOrEqualTo(1);
          test.completeNow();
        })));
  }

  @Test
  void acceptsEverySourceSignedWithTheCurrentOrThePreviousSecret(VertxTestContext test) {
    String stripeOld = newId("evt_");
    String stripeBody = stripeEvent(stripeOld, "payout.paid", 50000, "eur", "R");
    String standardOld = newId("msg_");
    String standardBody = new JsonObject().put("type", "invoice.paid").put("data", new JsonObject()
        .put("invoiceId", "INV-7").put("amount", "120.5").put("currency", "EUR").put("orderId", "SO-7")).encode();
    String partnerOld = newId("p_");
    String partnerBody = new JsonObject().put("id", partnerOld).put("type", "payment.settled")
        .put("paymentId", "PAY-9").put("amount", 10).put("currency", "JPY").encode();
    String gcBody = "{\"events\":[{\"id\":\"" + newId("EV") + "\",\"created_at\":\"2026-01-05T09:13:56.893Z\","
        + "\"resource_type\":\"payments\",\"action\":\"confirmed\",\"links\":{\"payment\":\"PM123\"}}]}";
    String gcSignature = goCardlessSignature(kit.goCardlessSecret, gcBody);
    String adyenPsp = newId("psp");
    Future.all(List.of(
            kit.post(STRIPE, stripeBody, "Stripe-Signature", stripeSignature(kit.stripeOldSecret, now(), stripeBody)),
            kit.post(STANDARD, standardBody, standardHeaders(kit.standardOldSecret, standardOld, now(), standardBody)),
            kit.post(PARTNER, partnerBody, partnerHeaders(kit.partnerOldSecret, now(), partnerBody)),
            kit.post(GOCARDLESS, gcBody, "Webhook-Signature", gcSignature),
            kit.post(ADYEN, adyenNotification(ADYEN_PUBLISHED_KEY,
                adyenItem(adyenPsp, "AUTHORISATION", true, 1, "EUR", "R")))))
        .compose(all -> Future.all(kit.outbox(STRIPE, stripeOld), kit.outbox(STANDARD, standardOld),
            kit.outbox(PARTNER, partnerOld)).map(outbox -> List.of(all, outbox)))
        .onComplete(test.succeeding(results -> test.verify(() -> {
          for (int i = 0; i < 5; i++) {
            HttpResponse<Buffer> response = results.get(0).resultAt(i);
            assertThat(response.statusCode()).as(i + ": " + response.bodyAsString()).isEqualTo(200);
          }
          assertThat(Webhook.isValidSignature(gcBody, gcSignature, kit.goCardlessSecret)).isTrue();
          JsonObject payout = ((List<JsonObject>) results.get(1).resultAt(0)).get(0);
          assertThat(payout.getString("event_type")).isEqualTo("payout.paid");
          assertThat(payout.getJsonObject("payload").getString("amount")).isEqualTo("500.00");
          JsonObject invoice = ((List<JsonObject>) results.get(1).resultAt(1)).get(0);
          assertThat(invoice.getString("aggregate_id")).isEqualTo("INV-7");
          assertThat(invoice.getJsonObject("payload").getString("amount")).isEqualTo("120.50");
          assertThat(invoice.getJsonObject("payload").getString("reference")).isEqualTo("SO-7");
          JsonObject settled = ((List<JsonObject>) results.get(1).resultAt(2)).get(0);
          assertThat(settled.getJsonObject("payload").getString("amount")).isEqualTo("10");
          test.completeNow();
        })));
  }

  @Test
  void storesAdyenPublishedVectorItemAsPaymentSucceeded(VertxTestContext test) {
    String body = "{\"live\":\"false\",\"notificationItems\":[{\"NotificationRequestItem\":" + ADYEN_VECTOR_ITEM + "}]}";
    String id = "7914073381342284:AUTHORISATION:true";
    kit.post(ADYEN, body)
        .compose(response -> kit.outbox(ADYEN, id).compose(outbox -> kit.inbox(ADYEN, id)
            .map(inbox -> List.of(response.bodyAsJsonObject(), outbox.get(0), inbox))))
        .onComplete(test.succeeding(results -> test.verify(() -> {
          assertThat(results.get(0).getJsonArray("events").getJsonObject(0).getString("status")).isEqualTo("stored");
          JsonObject event = results.get(1);
          assertThat(event.getString("event_type")).isEqualTo("payment.succeeded");
          assertThat(event.getString("aggregate_id")).isEqualTo("7914073381342284");
          assertThat(event.getJsonObject("payload").getString("amount")).isEqualTo("11.30");
          assertThat(event.getJsonObject("payload").getString("reference")).isEqualTo("TestPayment-1407325143704");
          assertThat(Buffer.buffer(results.get(2).getBinary("payload")).toString())
              .as("the item's own bytes, since the body is the batch").isEqualTo(ADYEN_VECTOR_ITEM);
          test.completeNow();
        })));
  }

  @Test
  void storesAdyenBatchPerItemAndAnswersWhichItemsWereDuplicates(VertxTestContext test) {
    String a = newId("A");
    String b = newId("B");
    String c = newId("C");
    String first = adyenNotification(kit.adyenKey, adyenItem(a, "AUTHORISATION", true, 2500, "EUR", "O-1"),
        adyenItem(b, "AUTHORISATION", false, 700, "KWD", "O-2"));
    String second = adyenNotification(kit.adyenKey, adyenItem(b, "AUTHORISATION", false, 700, "KWD", "O-2"),
        adyenItem(c, "REFUND", true, 2500, "EUR", "O-1"));
    kit.post(ADYEN, first)
        .compose(one -> kit.post(ADYEN, second).map(two -> List.of(one.bodyAsJsonObject(), two.bodyAsJsonObject())))
        .compose(answers -> Future.all(kit.outbox(ADYEN, a + ":AUTHORISATION:true"),
                kit.outbox(ADYEN, b + ":AUTHORISATION:false"), kit.outbox(ADYEN, c + ":REFUND:true"))
            .map(outbox -> List.of(answers, outbox)))
        .onComplete(test.succeeding(results -> test.verify(() -> {
          List<JsonObject> answers = (List<JsonObject>) results.get(0);
          assertThat(statuses(answers.get(0))).containsExactly("stored", "stored");
          assertThat(statuses(answers.get(1))).containsExactly("duplicate", "stored");
          assertThat(answers.get(1).getInteger("duplicates")).isEqualTo(1);
          CompositeFuture outbox = (CompositeFuture) results.get(1);
          List<JsonObject> failed = outbox.resultAt(1);
          assertThat(failed).hasSize(1);
          assertThat(failed.get(0).getString("event_type")).isEqualTo("payment.failed");
          assertThat(failed.get(0).getJsonObject("payload").getString("amount")).isEqualTo("0.700");
          List<JsonObject> refund = outbox.resultAt(2);
          assertThat(refund.get(0).getString("event_type")).isEqualTo("refund.succeeded");
          test.completeNow();
        })));
  }

  private static List<String> statuses(JsonObject answer) {
    JsonArray events = answer.getJsonArray("events");
    return events.stream().map(event -> ((JsonObject) event).getString("status")).toList();
  }

  @Test
  void storesGoCardlessPublishedVectorRoutingMandateAndFlaggingSubscription(VertxTestContext test) {
    kit.post(GOCARDLESS, GC_VECTOR_BODY, "Webhook-Signature", GC_VECTOR_SIGNATURE)
        .compose(response -> Future.all(kit.outbox(GOCARDLESS, "EV00BD05TB8K63"),
                kit.inbox(GOCARDLESS, "EV00BD05S5VM2T"))
            .map(rows -> List.of(response, rows)))
        .onComplete(test.succeeding(results -> test.verify(() -> {
          HttpResponse<Buffer> response = (HttpResponse<Buffer>) results.get(0);
          assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
          assertThat(Webhook.isValidSignature(GC_VECTOR_BODY, GC_VECTOR_SIGNATURE, GOCARDLESS_PUBLISHED_SECRET))
              .isTrue();
          CompositeFuture rows = (CompositeFuture) results.get(1);
          List<JsonObject> mandate = rows.resultAt(0);
          assertThat(mandate).hasSize(1);
          assertThat(mandate.get(0).getString("event_type")).isEqualTo("mandate.created");
          assertThat(mandate.get(0).getString("aggregate_id")).isEqualTo("MD000AMA19XGEC");
          JsonObject subscription = rows.resultAt(1);
          assertThat(subscription.getString("routing")).isEqualTo("unrouted");
          assertThat(subscription.getString("routing_reason")).contains("subscriptions.created");
          assertThat(subscription.getInteger("event_count")).isEqualTo(2);
          test.completeNow();
        })));
  }

  @Test
  void rejectsTamperedAdyenAndGoCardlessAndStandardWebhooksAndStoresNothing(VertxTestContext test) {
    String psp = newId("psp");
    String adyen = adyenNotification(kit.adyenKey, adyenItem(psp, "AUTHORISATION", true, 100, "EUR", "R"))
        .replace("\"value\":100", "\"value\":100000");
    String gcId = newId("EV");
    String gc = "{\"events\":[{\"id\":\"" + gcId + "\",\"resource_type\":\"payments\",\"action\":\"confirmed\"}]}";
    String messageId = newId("msg_");
    String standard = new JsonObject().put("type", "invoice.paid").encode();
    Future.all(kit.post(ADYEN, adyen),
            kit.post(GOCARDLESS, gc.replace("confirmed", "failed"), "Webhook-Signature",
                goCardlessSignature(kit.goCardlessSecret, gc)),
            kit.post(STANDARD, standard.replace("paid", "void"), standardHeaders(kit.standardSecret, messageId, now(),
                standard)))
        .compose(all -> Future.all(kit.inboxRows(ADYEN, psp + ":AUTHORISATION:true"), kit.inboxRows(GOCARDLESS, gcId),
            kit.inboxRows(STANDARD, messageId)).map(rows -> List.of(all, rows)))
        .onComplete(test.succeeding(results -> test.verify(() -> {
          for (int i = 0; i < 3; i++) {
            assertProblem(results.get(0).resultAt(i), 401, "SIGNATURE_INVALID");
            assertThat((Integer) results.get(1).resultAt(i)).isZero();
          }
          test.completeNow();
        })));
  }

  @Test
  void answers404ForUnknownSourceAnd405ForOtherMethods(VertxTestContext test) {
    Future.all(kit.post("no-such-source", "{}"),
            kit.gateway().http().get("/webhooks/" + STRIPE).send())
        .onComplete(test.succeeding(all -> test.verify(() -> {
          assertProblem(all.resultAt(0), 404, "NOT_FOUND");
          assertProblem(all.resultAt(1), 405, "METHOD_NOT_ALLOWED");
          test.completeNow();
        })));
  }

  @Test
  void answers400ForSignedMalformedPayloadAnd413AboveTheSourceLimit(VertxTestContext test) {
    String malformed = "{\"id\":\"evt_1\",\"type\":";
    String big = new JsonObject().put("id", newId("p_")).put("type", "payment.settled").put("pad", "x".repeat(9000))
        .encode();
    Future.all(kit.post(STRIPE, malformed, "Stripe-Signature", stripeSignature(kit.stripeSecret, now(), malformed)),
            kit.post(PARTNER, big, partnerHeaders(kit.partnerSecret, now(), big)))
        .onComplete(test.succeeding(all -> test.verify(() -> {
          assertProblem(all.resultAt(0), 400, "WEBHOOK_PAYLOAD_INVALID");
          assertProblem(all.resultAt(1), 413, "PAYLOAD_TOO_LARGE");
          test.completeNow();
        })));
  }

  @Test
  void storesUnknownEventTypeAsUnroutedVisibleToOperators(VertxTestContext test) {
    String id = newId("evt_");
    String body = stripeEvent(id, "customer.created", 0, "eur", "R");
    double unroutedBefore = kit.counter("gateway_webhook_unrouted", "source", STRIPE);
    kit.postStripe(body)
        .compose(response -> kit.outboxRows(STRIPE, id).compose(outbox -> unrouted("?source=" + STRIPE)
            .compose(withToken -> kit.gateway().management().get("/admin/webhooks/unrouted").send()
                .map(withoutToken -> List.of(response, outbox, withToken, withoutToken)))))
        .onComplete(test.succeeding(results -> test.verify(() -> {
          HttpResponse<Buffer> response = (HttpResponse<Buffer>) results.get(0);
          assertThat(response.statusCode()).isEqualTo(200);
          JsonObject answer = response.bodyAsJsonObject().getJsonArray("events").getJsonObject(0);
          assertThat(answer.getString("routing")).isEqualTo("unrouted");
          assertThat(results.get(1)).isEqualTo(0);
          HttpResponse<Buffer> admin = (HttpResponse<Buffer>) results.get(2);
          assertThat(admin.statusCode()).as(admin.bodyAsString()).isEqualTo(200);
          JsonArray items = admin.bodyAsJsonObject().getJsonArray("items");
          JsonObject listed = items.stream().map(JsonObject.class::cast)
              .filter(item -> id.equals(item.getString("providerEventId"))).findFirst().orElseThrow();
          assertThat(listed.getString("providerEventType")).isEqualTo("customer.created");
          assertThat(listed.getString("reason")).isEqualTo("no mapping for event type customer.created");
          assertThat(listed.getString("payloadRef")).isEqualTo(answer.getString("payloadRef"));
          assertThat(((HttpResponse<Buffer>) results.get(3)).statusCode()).isEqualTo(401);
          assertThat(kit.counter("gateway_webhook_unrouted", "source", STRIPE)).isEqualTo(unroutedBefore + 1);
          test.completeNow();
        })));
  }

  private static Future<HttpResponse<Buffer>> unrouted(String query) {
    return kit.gateway().management().get("/admin/webhooks/unrouted" + query)
        .putHeader("Authorization", "Bearer " + kit.gateway().adminToken()).send();
  }
}
