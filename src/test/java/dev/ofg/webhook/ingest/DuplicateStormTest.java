package dev.ofg.webhook.ingest;

import static dev.ofg.webhook.ingest.WebhookTestKit.GOCARDLESS;
import static dev.ofg.webhook.ingest.WebhookTestKit.STRIPE;
import static dev.ofg.webhook.ingest.WebhookTestKit.goCardlessSignature;
import static dev.ofg.webhook.ingest.WebhookTestKit.newId;
import static dev.ofg.webhook.ingest.WebhookTestKit.stripeEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Re-sends one event many times, one after another and all at once: every answer is 2xx, exactly one inbox row
 * and one outbox event exist, and the rest are reported and counted as duplicates.
 */
@ExtendWith(VertxExtension.class)
@SuppressWarnings("unchecked")
class DuplicateStormTest {
  private static final int STORM = 50;
  private static WebhookTestKit kit;

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

  private static Future<List<HttpResponse<Buffer>>> sequentially(int times, java.util.function.Supplier<
      Future<HttpResponse<Buffer>>> send) {
    List<HttpResponse<Buffer>> responses = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < times; i++) {
      chain = chain.compose(v -> send.get().map(response -> {
        responses.add(response);
        return null;
      }));
    }
    return chain.map(v -> responses);
  }

  private static Future<List<HttpResponse<Buffer>>> concurrently(int times,
      java.util.function.Supplier<Future<HttpResponse<Buffer>>> send) {
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      sent.add(send.get());
    }
    return Future.all(sent).map(all -> all.list());
  }

  private static long stored(List<HttpResponse<Buffer>> responses) {
    return responses.stream().filter(r -> "stored".equals(firstStatus(r))).count();
  }

  private static String firstStatus(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject().getJsonArray("events").getJsonObject(0).getString("status");
  }

  @Test
  void sequentialAndConcurrentStormsOfOneStripeEventStoreItOnce(VertxTestContext test) {
    String id = newId("evt_");
    String body = stripeEvent(id, "payment_intent.succeeded", 4200, "eur", "SO-STORM");
    double duplicatesBefore = kit.counter("gateway_webhook_duplicates", "source", STRIPE);
    sequentially(STORM, () -> kit.postStripe(body))
        .compose(first -> concurrently(STORM, () -> kit.postStripe(body)).map(second -> {
          List<HttpResponse<Buffer>> all = new ArrayList<>(first);
          all.addAll(second);
          return all;
        }))
        .compose(all -> Future.all(kit.inboxRows(STRIPE, id), kit.outboxRows(STRIPE, id))
            .map(rows -> new Object[] {all, rows.resultAt(0), rows.resultAt(1)}))
        .onComplete(test.succeeding(results -> test.verify(() -> {
          List<HttpResponse<Buffer>> all = (List<HttpResponse<Buffer>>) results[0];
          assertThat(all).hasSize(2 * STORM).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
          assertThat(stored(all)).isEqualTo(1);
          assertThat(firstStatus(all.get(0))).as("the first delivery stores it").isEqualTo("stored");
          assertThat(results[1]).isEqualTo(1);
          assertThat(results[2]).isEqualTo(1);
          assertThat(kit.counter("gateway_webhook_duplicates", "source", STRIPE))
              .isEqualTo(duplicatesBefore + 2 * STORM - 1);
          assertThat(kit.counter("gateway_webhook_received", "source", STRIPE, "outcome", "duplicate"))
              .isGreaterThanOrEqualTo(2 * STORM - 1);
          test.completeNow();
        })));
  }

  @Test
  void concurrentIdenticalGoCardlessBatchesMakeOneRowPerEvent(VertxTestContext test) {
    List<String> ids = List.of(newId("EV"), newId("EV"), newId("EV"));
    StringBuilder events = new StringBuilder();
    for (String id : ids) {
      events.append(events.length() == 0 ? "" : ",").append(new JsonObject().put("id", id)
          .put("resource_type", "payments").put("action", "confirmed")
          .put("links", new JsonObject().put("payment", "PM" + id)).encode());
    }
    String body = "{\"events\":[" + events + "]}";
    String signature = goCardlessSignature(kit.goCardlessSecret, body);
    concurrently(STORM, () -> kit.post(GOCARDLESS, body, "Webhook-Signature", signature))
        .compose(all -> {
          List<Future<Integer>> counts = new ArrayList<>();
          for (String id : ids) {
            counts.add(kit.inboxRows(GOCARDLESS, id));
            counts.add(kit.outboxRows(GOCARDLESS, id));
          }
          return Future.all(counts).map(rows -> new Object[] {all, rows.list()});
        })
        .onComplete(test.succeeding(results -> test.verify(() -> {
          List<HttpResponse<Buffer>> all = (List<HttpResponse<Buffer>>) results[0];
          assertThat(all).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
          long storedEvents = all.stream().mapToLong(r -> r.bodyAsJsonObject().getInteger("stored")).sum();
          assertThat(storedEvents).isEqualTo(ids.size());
          assertThat((List<Object>) results[1]).containsOnly(1);
          test.completeNow();
        })));
  }
}
