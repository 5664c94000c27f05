package dev.ofg.delivery;

import static dev.ofg.delivery.DeliveryTestKit.await;
import static dev.ofg.delivery.DeliveryTestKit.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.finance.FinanceEvent;
import dev.ofg.sandbox.DeliverySink;
import dev.ofg.sandbox.DeliverySinks;
import dev.ofg.sandbox.SinkMode;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Discards dead letters through {@code POST /admin/delivery/discard} on a real gateway, store and treasury sink: a
 * discarded delivery is final (never claimed or replayed, not listed or counted as a dead letter), shows who, when
 * and why in the event's history, and is counted; anything but a dead letter, and any malformed request, is refused.
 */
@ExtendWith(VertxExtension.class)
class DeliveryDiscardTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String DISCARD = "/admin/delivery/discard";
  private static final String DELIVERY = String.join("\n",
      "delivery:",
      "  relay:",
      "    pollInterval: 50ms",
      "    leaseMargin: 2s",
      "    statsInterval: 100ms",
      "  retry:",
      "    schedule: [100ms, 200ms]",
      "  routes:",
      "    - events: [invoice.*]",
      "      targets: [treasury]",
      "  targets:",
      DeliveryTestKit.TREASURY_TARGET);

  private static DeliveryTestKit kit;
  private static WebClient http;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) {
    http = WebClient.create(vertx);
    DeliveryTestKit.start(vertx, DELIVERY).onComplete(test.succeeding(started -> {
      kit = started;
      test.completeNow();
    }));
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    http.close();
    kit.stop().onComplete(test.succeedingThenComplete());
  }

  @AfterEach
  void accept() {
    sink().mode(SinkMode.ACCEPT);
  }

  private static DeliverySink sink() {
    return kit.sink(DeliverySinks.TREASURY);
  }

  private static Future<HttpResponse<Buffer>> get(String path) {
    return http.get(kit.gateway().managementPort(), "127.0.0.1", path)
        .putHeader("Authorization", "Bearer " + kit.adminToken()).send();
  }

  private static Future<HttpResponse<Buffer>> post(String path, String token, JsonObject body) {
    HttpRequest<Buffer> request = http.post(kit.gateway().managementPort(), "127.0.0.1", path);
    return (token == null ? request : request.putHeader("Authorization", "Bearer " + token)).sendJsonObject(body);
  }

  private static JsonObject discard(UUID eventId, String reason) {
    return new JsonObject().put("eventId", eventId.toString()).put("target", "treasury").put("reason", reason);
  }

  /** Appends an event the treasury sink refuses (400), so it is dead-lettered at its first attempt. */
  private static Future<FinanceEvent> deadLetter(Vertx vertx, String invoice) {
    FinanceEvent refused = event("invoice.posted", "invoice", invoice, new JsonObject());
    sink().mode(SinkMode.of(SinkMode.Behaviour.REJECT));
    return kit.append(List.of(refused))
        .compose(v -> await(vertx, invoice + " dead-lettered", WAIT, () -> kit.status(refused.id(), "treasury")
            .map("dead_lettered"::equals)))
        .map(refused);
  }

  private static double discardedCount() {
    Counter counter = kit.gateway().registry().find("gateway_delivery_discarded").tag("target", "treasury")
        .counter();
    return counter == null ? 0 : counter.count();
  }

  private static boolean discardAudited(JsonObject history) {
    return history.getJsonArray("audit").stream().anyMatch(row -> "discarded".equals(
        ((JsonObject) row).getString("outcome")));
  }

  private static boolean listed(JsonArray deliveries, UUID eventId) {
    return deliveries.stream().anyMatch(row -> ((JsonObject) row).getString("eventId").equals(eventId.toString()));
  }

  @Test
  void discardsADeadLetterForGoodAndShowsWhoWhenAndWhy(Vertx vertx, VertxTestContext test) {
    double before = discardedCount();
    Map<String, Object> seen = new HashMap<>();
    deadLetter(vertx, "INV-NEVER")
        .compose(refused -> {
          seen.put("event", refused);
          return post(DISCARD, kit.adminToken(), discard(refused.id(), "customer closed; Treasury will never "
              + "accept it"));
        })
        .compose(discarded -> {
          seen.put("discard", discarded);
          FinanceEvent refused = (FinanceEvent) seen.get("event");
          return post(DISCARD, kit.adminToken(), discard(refused.id(), "again"))
              .map(again -> seen.put("again", again))
              .compose(v -> post("/admin/delivery/replay", kit.adminToken(),
                  new JsonObject().put("eventId", refused.id().toString())))
              .map(replay -> seen.put("replay", replay))
              .compose(v -> kit.delivery().inspection().replayRange(List.of("dead_lettered", "parked"), "treasury",
                  Instant.EPOCH, Instant.now().plusSeconds(60)))
              .compose(v -> {
                sink().mode(SinkMode.ACCEPT);
                kit.delivery().wake();
                return get("/admin/delivery/dead-letters?target=treasury");
              })
              .map(deadLetters -> seen.put("deadLetters", deadLetters))
              .compose(v -> get("/admin/delivery/targets"))
              .map(targets -> seen.put("targets", targets))
              .compose(v -> await(vertx, "the discard in the event's audit trail", WAIT,
                  () -> get("/admin/delivery/events/" + refused.id()).map(r -> discardAudited(r.bodyAsJsonObject()))))
              .compose(v -> get("/admin/delivery/events/" + refused.id()))
              .map(history -> seen.put("history", history))
              .compose(v -> kit.status(refused.id(), "treasury"));
        })
        .onComplete(test.succeeding(status -> test.verify(() -> {
          FinanceEvent refused = (FinanceEvent) seen.get("event");
          HttpResponse<?> discarded = (HttpResponse<?>) seen.get("discard");
          assertThat(discarded.statusCode()).as(discarded.bodyAsString()).isEqualTo(200);
          JsonObject state = discarded.bodyAsJsonObject();
          assertThat(state.getString("eventId")).isEqualTo(refused.id().toString());
          assertThat(state.getString("status")).isEqualTo("discarded");
          assertThat(state.getString("discardedBy")).isEqualTo(DeliveryTestKit.OPS);
          assertThat(state.getString("discardReason")).isEqualTo("customer closed; Treasury will never accept it");
          assertThat(state.getString("discardedAt")).isNotNull();
          assertThat(state.getString("lastError")).contains("HTTP 400");
          assertThat(discardedCount()).isEqualTo(before + 1);

          HttpResponse<?> again = (HttpResponse<?>) seen.get("again");
          assertThat(again.statusCode()).isEqualTo(409);
          assertThat(again.getHeader("Content-Type")).startsWith("application/problem+json");
          assertThat(again.bodyAsString()).contains("discarded by " + DeliveryTestKit.OPS);
          HttpResponse<?> replay = (HttpResponse<?>) seen.get("replay");
          assertThat(replay.statusCode()).isEqualTo(409);
          assertThat(replay.bodyAsString()).contains("discarded by " + DeliveryTestKit.OPS);

          assertThat(status).as("neither replayed nor claimed").isEqualTo("discarded");
          assertThat(sink().received(refused.id().toString())).isEmpty();
          JsonObject deadLetters = ((HttpResponse<?>) seen.get("deadLetters")).bodyAsJsonObject();
          assertThat(listed(deadLetters.getJsonArray("deadLetters"), refused.id())).isFalse();
          JsonObject treasury = ((HttpResponse<?>) seen.get("targets")).bodyAsJsonObject().getJsonArray("targets")
              .getJsonObject(0);
          assertThat(treasury.getInteger("discarded")).isEqualTo(1);
          assertThat(treasury.getInteger("deadLettered")).isZero();

          JsonObject history = ((HttpResponse<?>) seen.get("history")).bodyAsJsonObject();
          JsonObject delivery = history.getJsonArray("events").getJsonObject(0).getJsonArray("deliveries")
              .getJsonObject(0);
          assertThat(delivery.getString("status")).isEqualTo("discarded");
          assertThat(delivery.getString("discardedBy")).isEqualTo(DeliveryTestKit.OPS);
          assertThat(delivery.getString("discardReason")).isEqualTo("customer closed; Treasury will never accept it");
          assertThat(delivery.getInteger("replays")).isZero();
          JsonObject audit = history.getJsonArray("audit").stream().map(JsonObject.class::cast)
              .filter(row -> "discarded".equals(row.getString("outcome"))).findFirst().orElseThrow();
          assertThat(audit.getString("route")).isEqualTo("delivery:treasury");
          assertThat(audit.getString("clientId")).isEqualTo(DeliveryTestKit.OPS);
          assertThat(audit.getString("reason")).isEqualTo("customer closed; Treasury will never accept it");
          test.completeNow();
        })));
  }

  @Test
  void refusesToDiscardAnythingButADeadLetter(Vertx vertx, VertxTestContext test) {
    FinanceEvent accepted = event("invoice.posted", "invoice", "INV-FINE", new JsonObject());
    Map<String, HttpResponse<Buffer>> answers = new HashMap<>();
    kit.append(List.of(accepted))
        .compose(v -> await(vertx, "delivered", WAIT, () -> kit.status(accepted.id(), "treasury")
            .map("delivered"::equals)))
        .compose(v -> post(DISCARD, kit.adminToken(), discard(accepted.id(), "not needed")))
        .map(r -> answers.put("delivered", r))
        .compose(v -> post(DISCARD, kit.adminToken(), discard(UUID.randomUUID(), "who knows")))
        .map(r -> answers.put("unknown", r))
        .compose(v -> kit.status(accepted.id(), "treasury"))
        .onComplete(test.succeeding(status -> test.verify(() -> {
          assertThat(answers.get("delivered").statusCode()).isEqualTo(409);
          assertThat(answers.get("delivered").getHeader("Content-Type")).startsWith("application/problem+json");
          assertThat(answers.get("delivered").bodyAsString()).contains("is delivered");
          assertThat(status).isEqualTo("delivered");
          assertThat(answers.get("unknown").statusCode()).isEqualTo(404);
          assertThat(answers.get("unknown").getHeader("Content-Type")).startsWith("application/problem+json");
          test.completeNow();
        })));
  }

  @Test
  void validatesTheRequestAndAdmitsTheAdminRoleOnly(Vertx vertx, VertxTestContext test) {
    String id = UUID.randomUUID().toString();
    JsonObject valid = new JsonObject().put("eventId", id).put("target", "treasury").put("reason", "never");
    Map<String, JsonObject> bodies = new HashMap<>();
    bodies.put("noReason", valid.copy().put("reason", null));
    bodies.put("blankReason", valid.copy().put("reason", "  "));
    bodies.put("longReason", valid.copy().put("reason", "x".repeat(501)));
    bodies.put("badUuid", valid.copy().put("eventId", "not-a-uuid"));
    bodies.put("noTarget", valid.copy().put("target", null));
    bodies.put("unknownTarget", valid.copy().put("target", "nowhere"));
    Map<String, HttpResponse<Buffer>> answers = new HashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<String, JsonObject> body : bodies.entrySet()) {
      chain = chain.compose(v -> post(DISCARD, kit.adminToken(), body.getValue()))
          .map(r -> answers.put(body.getKey(), r)).mapEmpty();
    }
    chain.compose(v -> post(DISCARD, null, valid)).map(r -> answers.put("anonymous", r))
        .compose(v -> post(DISCARD, kit.token("erp", List.of()), valid)).map(r -> answers.put("client", r))
        .compose(v -> post(DISCARD, kit.token(DeliveryTestKit.OPS, List.of()), valid))
        .map(r -> answers.put("opsWithoutRole", r))
        .onComplete(test.succeeding(v -> test.verify(() -> {
          for (String name : bodies.keySet()) {
            assertThat(answers.get(name).statusCode()).as(name).isEqualTo(400);
            assertThat(answers.get(name).getHeader("Content-Type")).as(name).startsWith("application/problem+json");
          }
          assertThat(answers.get("noReason").bodyAsString()).contains("reason: required");
          assertThat(answers.get("badUuid").bodyAsString()).contains("eventId");
          assertThat(answers.get("anonymous").statusCode()).isEqualTo(401);
          assertThat(answers.get("client").statusCode()).isEqualTo(403);
          assertThat(answers.get("opsWithoutRole").statusCode()).isEqualTo(403);
          test.completeNow();
        })));
  }
}
