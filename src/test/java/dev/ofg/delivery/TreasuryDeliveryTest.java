package dev.ofg.delivery;

import static dev.ofg.delivery.DeliveryTestKit.await;
import static dev.ofg.delivery.DeliveryTestKit.awaitTrue;
import static dev.ofg.delivery.DeliveryTestKit.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.finance.FinanceEvent;
import dev.ofg.sandbox.DeliverySink;
import dev.ofg.sandbox.DeliverySinks;
import dev.ofg.sandbox.SinkMode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Delivers to the treasury sink through the whole gateway (relay, event bus, treasury verticle, store) and shows the
 * per-target policy: breaker and bounded window, order per aggregate, priority, business and technical failures,
 * Retry-After, 410, dead letters and their replay.
 */
@ExtendWith(VertxExtension.class)
class TreasuryDeliveryTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int WINDOW = 4;
  private static final String DELIVERY = String.join("\n",
      "delivery:",
      "  relay:",
      "    pollInterval: 50ms",
      "    batchSize: 50",
      "    leaseMargin: 2s",
      "    statsInterval: 100ms",
      "  retry:",
      "    schedule: [100ms, 200ms, 300ms, 400ms, 500ms, 500ms, 500ms, 500ms, 500ms, 500ms, 500ms, 500ms]",
      "  breaker:",
      "    failureThreshold: 3",
      "    failureWindow: 10s",
      "    resetTimeout: 700ms",
      "  window: " + WINDOW,
      "  timeout: 2s",
      "  routes:",
      "    - events: [alert.*, payment.*]",
      "      targets: [treasury]",
      "      priority: high",
      "    - events: [invoice.*]",
      "      targets: [treasury]",
      "    - events: [ledger.*]",
      "      targets: [treasury]",
      "      priority: low",
      "  targets:",
      DeliveryTestKit.TREASURY_TARGET);

  private static DeliveryTestKit kit;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) {
    DeliveryTestKit.start(vertx, DELIVERY).onComplete(test.succeeding(started -> {
      kit = started;
      test.completeNow();
    }));
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    kit.stop().onComplete(test.succeedingThenComplete());
  }

  @AfterEach
  void restore(VertxTestContext test) {
    sink().mode(SinkMode.ACCEPT);
    kit.delivery().records().resume("treasury", "test").onComplete(test.succeedingThenComplete());
  }

  private static DeliverySink sink() {
    return kit.sink(DeliverySinks.TREASURY);
  }

  private static List<FinanceEvent> invoices(String prefix, int count) {
    List<FinanceEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(event("invoice.posted", "invoice", prefix + "-" + i, new JsonObject().put("amountTotal", "10.00")));
    }
    return events;
  }

  private static boolean allReceived(List<FinanceEvent> events) {
    return events.stream().allMatch(e -> sink().received(e.id().toString()).isPresent());
  }

  private static Future<Boolean> allDelivered(List<FinanceEvent> events) {
    UUID[] ids = events.stream().map(FinanceEvent::id).toArray(UUID[]::new);
    return kit.rows("SELECT count(*) AS n FROM deliveries WHERE event_id = ANY($1) AND status = 'delivered'",
        Tuple.of((Object) ids)).map(rows -> rows.get(0).getLong("n") == events.size());
  }

  private static Future<List<Row>> attempts(UUID eventId) {
    return kit.rows("SELECT a.* FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id "
        + "WHERE d.event_id = $1 ORDER BY a.claim_no", Tuple.of(eventId));
  }

  private static double outcomes(String outcome) {
    Counter counter = kit.gateway().registry().find("gateway_delivery_outcomes").tags("target", "treasury",
        "outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void deliversEveryEventOnceAfterTheBreakerOpenedAndTheTargetCameBack(Vertx vertx, VertxTestContext test) {
    List<FinanceEvent> events = invoices("INV-OUTAGE", 30);
    Map<String, Object> observed = new HashMap<>();
    sink().mode(SinkMode.of(SinkMode.Behaviour.DOWN));
    kit.append(events)
        .compose(v -> awaitTrue(vertx, "treasury breaker open", WAIT,
            () -> "open".equals(kit.delivery().laneView("treasury").getString("breaker"))))
        .compose(v -> {
          Gauge breaker = kit.gateway().registry().find("gateway_circuit_breaker_state").tag("name", "treasury")
              .gauge();
          observed.put("breakerGauge", breaker.value());
          return kit.rows("SELECT status, count(*) AS n FROM deliveries WHERE event_id = ANY($1) GROUP BY status",
              Tuple.of((Object) events.stream().map(FinanceEvent::id).toArray(UUID[]::new)));
        })
        .compose(byStatus -> {
          observed.put("byStatus", byStatus.stream().collect(Collectors.toMap(r -> r.getString("status"),
              r -> r.getLong("n"))));
          observed.put("requestsWhileDown", sink().requests());
          sink().mode(SinkMode.ACCEPT);
          return awaitTrue(vertx, "all 30 events at the sink", WAIT, () -> allReceived(events));
        })
        .compose(v -> await(vertx, "all 30 deliveries recorded", WAIT, () -> allDelivered(events)))
        .onComplete(test.succeeding(v -> test.verify(() -> {
          assertThat((double) observed.get("breakerGauge")).isEqualTo(2.0);
          @SuppressWarnings("unchecked")
          Map<String, Long> byStatus = (Map<String, Long>) observed.get("byStatus");
          assertThat(byStatus.getOrDefault("in_flight", 0L)).isLessThanOrEqualTo(WINDOW);
          assertThat(byStatus.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(30);
          assertThat((long) observed.get("requestsWhileDown")).isLessThan(30);
          assertThat(kit.delivery().laneView("treasury").getInteger("maxInFlightSeen")).isLessThanOrEqualTo(WINDOW);
          for (FinanceEvent event : events) {
            DeliverySink.Received received = sink().received(event.id().toString()).orElseThrow();
            assertThat(received.timesReceived()).as(event.aggregateId()).isEqualTo(1);
            assertThat(received.signature()).isEqualTo("valid");
            assertThat(received.type()).isEqualTo("invoice.posted");
            assertThat(received.aggregate()).isEqualTo("invoice:" + event.aggregateId());
          }
          test.completeNow();
        })));
  }

  @Test
  void deliversOneAggregateInSequenceAndUnrelatedAggregatesInParallel(Vertx vertx, VertxTestContext test) {
    sink().mode(SinkMode.ACCEPT.withLatency(150));
    List<FinanceEvent> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      events.add(event("invoice.updated", "invoice", "ORD-A", new JsonObject().put("step", i)));
      events.add(event("invoice.updated", "invoice", "ORD-B", new JsonObject().put("step", i)));
    }
    kit.append(events)
        .compose(v -> awaitTrue(vertx, "all 10 events at the sink", WAIT, () -> allReceived(events)))
        .onComplete(test.succeeding(v -> test.verify(() -> {
          List<String> arrival = sink().received().stream().map(DeliverySink.Received::id).toList();
          List<String> a = events.stream().filter(e -> e.aggregateId().equals("ORD-A")).map(e -> e.id().toString())
              .toList();
          List<String> b = events.stream().filter(e -> e.aggregateId().equals("ORD-B")).map(e -> e.id().toString())
              .toList();
          assertThat(arrival.stream().filter(a::contains).toList()).containsExactlyElementsOf(a);
          assertThat(arrival.stream().filter(b::contains).toList()).containsExactlyElementsOf(b);
          // B's first event did not wait for A's: both heads were in flight together.
          assertThat(arrival.indexOf(b.get(0))).isLessThan(arrival.indexOf(a.get(1)));
          test.completeNow();
        })));
  }

  @Test
  void deliversAlertsAheadOfTheLowPriorityBacklog(Vertx vertx, VertxTestContext test) {
    List<FinanceEvent> backlog = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      backlog.add(event("ledger.exported", "ledger", "L-" + i, new JsonObject()));
    }
    FinanceEvent alert = event("alert.raised", "alert", "A-1", new JsonObject().put("what", "payment run failed"));
    List<FinanceEvent> all = new ArrayList<>(backlog);
    all.add(alert);
    kit.delivery().records().pause("treasury", "test", "priority test")
        .compose(v -> kit.append(backlog))
        .compose(v -> kit.append(List.of(alert)))
        .compose(v -> await(vertx, "fanned out", WAIT, () -> kit.rows("SELECT count(*) AS n FROM deliveries "
            + "WHERE event_id = $1", Tuple.of(alert.id())).map(rows -> rows.get(0).getLong("n") == 1)))
        .compose(v -> kit.delivery().records().resume("treasury", "test"))
        .compose(v -> {
          kit.delivery().wake();
          return awaitTrue(vertx, "all 17 events at the sink", WAIT, () -> allReceived(all));
        })
        .onComplete(test.succeeding(v -> test.verify(() -> {
          List<String> ids = all.stream().map(e -> e.id().toString()).toList();
          List<String> arrival = sink().received().stream().map(DeliverySink.Received::id).filter(ids::contains)
              .toList();
          // Without priority the alert (appended last) would arrive last; with it, it is in the first claim.
          assertThat(arrival.indexOf(alert.id().toString())).isLessThan(WINDOW);
          test.completeNow();
        })));
  }

  @Test
  void deadLettersABusinessRefusalAtOnceAndReplaysItUnderTheSameId(Vertx vertx, VertxTestContext test) {
    FinanceEvent refused = event("invoice.posted", "invoice", "INV-REJECT", new JsonObject());
    double businessBefore = outcomes("business_failure");
    sink().mode(SinkMode.of(SinkMode.Behaviour.REJECT));
    kit.append(List.of(refused))
        .compose(v -> await(vertx, "dead-lettered", WAIT, () -> kit.status(refused.id(), "treasury")
            .map("dead_lettered"::equals)))
        .compose(v -> kit.delivery().inspection().list("dead_lettered", "treasury", Instant.EPOCH,
            Instant.now().plusSeconds(60), 100))
        .compose(deadLetters -> {
          JsonObject entry = find(deadLetters, refused.id());
          test.verify(() -> {
            assertThat(entry.getInteger("attempts")).isEqualTo(1);
            assertThat(entry.getString("failureClass")).isEqualTo("business");
            assertThat(entry.getString("lastError")).contains("HTTP 400");
            assertThat(outcomes("business_failure")).isEqualTo(businessBefore + 1);
            assertThat(sink().received(refused.id().toString())).isEmpty();
          });
          sink().mode(SinkMode.ACCEPT);
          return kit.delivery().inspection().replay(refused.id(), null);
        })
        .compose(replayed -> {
          test.verify(() -> assertThat(replayed).isEqualTo(1));
          kit.delivery().wake();
          return await(vertx, "delivered after replay", WAIT, () -> kit.status(refused.id(), "treasury")
              .map("delivered"::equals));
        })
        .compose(v -> kit.delivery().inspection().eventHistory(refused.id()))
        .onComplete(test.succeeding(history -> test.verify(() -> {
          assertThat(sink().received(refused.id().toString()).orElseThrow().timesReceived()).isEqualTo(1);
          JsonObject delivery = history.getJsonArray("events").getJsonObject(0).getJsonArray("deliveries")
              .getJsonObject(0);
          assertThat(delivery.getInteger("replays")).isEqualTo(1);
          assertThat(outcomesOf(delivery.getJsonArray("history"))).containsExactly("business", "delivered");
          test.completeNow();
        })));
  }

  @Test
  void replaysEveryDeadLetterOfATimeRangeAndNoneOutsideIt(Vertx vertx, VertxTestContext test) {
    List<FinanceEvent> refused = invoices("INV-RANGE", 3);
    FinanceEvent later = event("invoice.posted", "invoice", "INV-RANGE-LATER", new JsonObject());
    Instant[] range = new Instant[2];
    sink().mode(SinkMode.of(SinkMode.Behaviour.REJECT));
    kit.rows("SELECT now() AS t", Tuple.tuple()).map(rows -> range[0] = rows.get(0).getOffsetDateTime("t")
            .toInstant())
        .compose(v -> kit.append(refused))
        .compose(v -> await(vertx, "three dead letters", WAIT, () -> kit.rows("SELECT count(*) AS n FROM deliveries "
            + "WHERE event_id = ANY($1) AND status = 'dead_lettered'", Tuple.of((Object) refused.stream()
            .map(FinanceEvent::id).toArray(UUID[]::new))).map(rows -> rows.get(0).getLong("n") == 3)))
        .compose(v -> kit.rows("SELECT now() AS t", Tuple.tuple()))
        .compose(rows -> {
          range[1] = rows.get(0).getOffsetDateTime("t").toInstant();
          return kit.append(List.of(later));
        })
        .compose(v -> await(vertx, "a dead letter after the range", WAIT, () -> kit.status(later.id(), "treasury")
            .map("dead_lettered"::equals)))
        .compose(v -> {
          sink().mode(SinkMode.ACCEPT);
          return kit.delivery().inspection().replayRange(List.of("dead_lettered"), "treasury", range[0], range[1]);
        })
        .compose(replayed -> {
          test.verify(() -> assertThat(replayed).isEqualTo(3));
          kit.delivery().wake();
          return await(vertx, "the range delivered", WAIT, () -> allDelivered(refused));
        })
        .compose(v -> kit.status(later.id(), "treasury"))
        .onComplete(test.succeeding(laterStatus -> test.verify(() -> {
          assertThat(laterStatus).isEqualTo("dead_lettered");
          for (FinanceEvent event : refused) {
            assertThat(sink().received(event.id().toString()).orElseThrow().timesReceived()).isEqualTo(1);
          }
          test.completeNow();
        })));
  }

  @Test
  void honoursRetryAfterFromAnUnavailableTarget(Vertx vertx, VertxTestContext test) {
    FinanceEvent event = event("payment.succeeded", "payment", "PAY-RA", new JsonObject());
    sink().mode(SinkMode.of(SinkMode.Behaviour.UNAVAILABLE).withRetryAfter(1));
    kit.append(List.of(event))
        .compose(v -> await(vertx, "a first failed attempt", WAIT, () -> attempts(event.id())
            .map(rows -> !rows.isEmpty())))
        .compose(v -> {
          sink().mode(SinkMode.ACCEPT);
          return await(vertx, "delivered", WAIT, () -> kit.status(event.id(), "treasury").map("delivered"::equals));
        })
        .compose(v -> attempts(event.id()))
        .onComplete(test.succeeding(rows -> test.verify(() -> {
          Row first = rows.get(0);
          Row last = rows.get(rows.size() - 1);
          assertThat(first.getString("outcome")).isEqualTo("technical");
          assertThat(first.getInteger("http_status")).isEqualTo(503);
          Duration wait = Duration.between(first.getOffsetDateTime("started_at"),
              first.getOffsetDateTime("next_attempt_at"));
          assertThat(wait).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
          assertThat(last.getOffsetDateTime("started_at")).isAfterOrEqualTo(first.getOffsetDateTime("next_attempt_at"));
          assertThat(last.getString("outcome")).isEqualTo("delivered");
          test.completeNow();
        })));
  }

  @Test
  void goneDisablesTheTargetAndAlertsUntilAnOperatorResumesIt(Vertx vertx, VertxTestContext test) {
    FinanceEvent event = event("invoice.cancelled", "invoice", "INV-GONE", new JsonObject());
    sink().mode(SinkMode.of(SinkMode.Behaviour.GONE));
    Function<String, Future<Boolean>> targetIs = state -> kit.delivery().records().targetStates()
        .map(states -> states.stream().anyMatch(s -> s.target().equals("treasury")
            && ("disabled".equals(state) ? s.disabled() : s.active())));
    kit.append(List.of(event))
        .compose(v -> await(vertx, "treasury disabled", WAIT, () -> targetIs.apply("disabled")))
        .compose(v -> {
          test.verify(() -> {
            Counter alerts = kit.gateway().registry().find("gateway_delivery_alerts").tags("target", "treasury",
                "reason", "gone").counter();
            assertThat(alerts).isNotNull();
            assertThat(alerts.count()).isEqualTo(1);
          });
          sink().mode(SinkMode.ACCEPT);
          return kit.delivery().records().resume("treasury", "test");
        })
        .compose(v -> {
          kit.delivery().wake();
          return await(vertx, "delivered after resume", WAIT, () -> kit.status(event.id(), "treasury")
              .map("delivered"::equals));
        })
        .compose(v -> attempts(event.id()))
        .onComplete(test.succeeding(rows -> test.verify(() -> {
          assertThat(rows.stream().map(r -> r.getString("outcome")).toList()).containsExactly("gone", "delivered");
          assertThat(rows.get(1).getInteger("attempt")).isEqualTo(1);
          assertThat(sink().received(event.id().toString()).orElseThrow().timesReceived()).isEqualTo(1);
          test.completeNow();
        })));
  }

  private static JsonObject find(JsonArray rows, UUID eventId) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.getJsonObject(i).getString("eventId").equals(eventId.toString())) {
        return rows.getJsonObject(i);
      }
    }
    throw new AssertionError("no row for event " + eventId + " in " + rows.encode());
  }

  private static List<String> outcomesOf(JsonArray history) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < history.size(); i++) {
      out.add(history.getJsonObject(i).getString("outcome"));
    }
    return out;
  }
}
