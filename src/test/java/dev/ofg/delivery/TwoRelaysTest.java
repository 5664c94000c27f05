package dev.ofg.delivery;

import static dev.ofg.delivery.DeliveryTestKit.await;
import static dev.ofg.delivery.DeliveryTestKit.awaitTrue;
import static dev.ofg.delivery.DeliveryTestKit.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.finance.FinanceEvent;
import dev.ofg.sandbox.DeliverySink;
import dev.ofg.sandbox.DeliverySinks;
import dev.ofg.sandbox.SinkMode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs two gateway instances (two Vert.x instances, two relays) on one database and shows they share the work
 * without ever making the same attempt twice, and keep each aggregate in sequence.
 */
@ExtendWith(VertxExtension.class)
class TwoRelaysTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String DELIVERY = String.join("\n",
      "delivery:",
      "  relay:",
      "    pollInterval: 20ms",
      "    batchSize: 10",
      "  window: 4",
      "  timeout: 2s",
      "  routes:",
      "    - events: ['*']",
      "      targets: [treasury]",
      "  targets:",
      DeliveryTestKit.TREASURY_TARGET);

  private static DeliveryTestKit kit;
  private static Vertx second;
  private static final List<String> sentByFirst = new CopyOnWriteArrayList<>();
  private static final List<String> sentBySecond = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) {
    second = Vertx.vertx();
    record(vertx, sentByFirst);
    record(second, sentBySecond);
    DeliveryTestKit.start(vertx, DELIVERY)
        .compose(started -> {
          kit = started;
          return kit.startGateway(second);
        })
        .onComplete(test.succeedingThenComplete());
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    kit.stop().eventually(second::close).onComplete(test.succeedingThenComplete());
  }

  /** Notes every attempt a relay sends to the treasury verticle, as (delivery id, claim number). */
  private static void record(Vertx vertx, List<String> sent) {
    vertx.eventBus().addOutboundInterceptor(ctx -> {
      if (ctx.message().address().equals(DeliveryAttempt.address("treasury"))
          && ctx.message().body() instanceof JsonObject body) {
        sent.add(body.getLong("deliveryId") + "/" + body.getInteger("claimNo"));
      }
      ctx.next();
    });
  }

  @Test
  void twoRelaysShareTheWorkAndNeverSendTheSameAttemptTwice(Vertx vertx, VertxTestContext test) {
    DeliverySink sink = kit.sink(DeliverySinks.TREASURY);
    sink.mode(SinkMode.ACCEPT.withLatency(20));
    List<FinanceEvent> events = new ArrayList<>();
    for (int step = 0; step < 8; step++) {
      for (int aggregate = 0; aggregate < 10; aggregate++) {
        events.add(event("payment.updated", "payment", "PAY-2R-" + aggregate, new JsonObject().put("step", step)));
      }
    }
    UUID[] ids = events.stream().map(FinanceEvent::id).toArray(UUID[]::new);
    kit.append(events)
        .compose(v -> awaitTrue(vertx, "all 80 events at the sink", WAIT, () -> events.stream()
            .allMatch(e -> sink.received(e.id().toString()).isPresent())))
        .compose(v -> await(vertx, "all 80 recorded delivered", WAIT, () -> kit.rows("SELECT count(*) AS n "
            + "FROM deliveries WHERE event_id = ANY($1) AND status = 'delivered'", Tuple.of((Object) ids))
            .map(rows -> rows.get(0).getLong("n") == 80)))
        .compose(v -> kit.rows("SELECT DISTINCT a.relay FROM delivery_attempts a JOIN deliveries d "
            + "ON d.id = a.delivery_id WHERE d.event_id = ANY($1)", Tuple.of((Object) ids)))
        .onComplete(test.succeeding(relays -> test.verify(() -> {
          Set<String> all = new HashSet<>(sentByFirst);
          assertThat(sentByFirst).doesNotHaveDuplicates();
          assertThat(sentBySecond).doesNotHaveDuplicates();
          assertThat(all).doesNotContainAnyElementsOf(sentBySecond);
          assertThat(sentByFirst).isNotEmpty();
          assertThat(sentBySecond).isNotEmpty();
          assertThat(relays).hasSize(2);
          List<String> arrival = sink.received().stream().map(DeliverySink.Received::id).toList();
          for (int aggregate = 0; aggregate < 10; aggregate++) {
            String id = "PAY-2R-" + aggregate;
            List<String> expected = events.stream().filter(e -> e.aggregateId().equals(id))
                .map(e -> e.id().toString()).toList();
            assertThat(arrival.stream().filter(expected::contains).toList()).as(id)
                .containsExactlyElementsOf(expected);
          }
          for (FinanceEvent event : events) {
            assertThat(sink.received(event.id().toString()).orElseThrow().timesReceived()).isEqualTo(1);
          }
          test.completeNow();
        })));
  }
}
