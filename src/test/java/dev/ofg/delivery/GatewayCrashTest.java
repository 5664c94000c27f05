package dev.ofg.delivery;

import static dev.ofg.delivery.DeliveryTestKit.await;
import static dev.ofg.delivery.DeliveryTestKit.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.finance.FinanceEvent;
import dev.ofg.sandbox.DeliverySink;
import dev.ofg.sandbox.DeliverySinks;
import dev.ofg.sandbox.SinkMode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the gateway for real in a child JVM ({@code dev.ofg.Main run --config ...}), kills it with SIGKILL while
 * deliveries are in flight, starts it again, and checks at the sink (which keeps running in this JVM) that every
 * event arrived, the interrupted ones again under the same event id.
 */
@ExtendWith(VertxExtension.class)
class GatewayCrashTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final int EVENTS = 12;
  private static final int WINDOW = 4;
  private static final String DELIVERY = String.join("\n",
      "delivery:",
      "  relay:",
      "    pollInterval: 50ms",
      "    leaseMargin: 1s",
      "  window: " + WINDOW,
      "  timeout: 3s",
      "  retry:",
      "    schedule: [200ms, 500ms, 1s, 1s, 1s, 1s, 1s, 1s]",
      "  routes:",
      "    - events: ['*']",
      "      targets: [treasury]",
      "  targets:",
      DeliveryTestKit.TREASURY_TARGET);

  private static DeliveryTestKit kit;
  private static final List<Process> children = new ArrayList<>();

  @TempDir
  static Path workDir;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) {
    DeliveryTestKit.startWithoutGateway(vertx, DELIVERY).onComplete(test.succeeding(started -> {
      kit = started;
      test.completeNow();
    }));
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    children.forEach(Process::destroyForcibly);
    kit.stop().onComplete(test.succeedingThenComplete());
  }

  /** Starts {@code java -cp <test classpath> dev.ofg.Main run --config <file>}; output goes to {@code log}. */
  private static Process gateway(Path config, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        "dev.ofg.Main", "run", "--config", config.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(kit.env());
    Process process = builder.start();
    children.add(process);
    return process;
  }

  private static Future<Void> awaitListening(Vertx vertx, Path log) {
    return awaitTrue(vertx, "the child gateway to listen (see " + log + ")", WAIT, () -> {
      try {
        return Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains("gateway listening");
      } catch (IOException e) {
        return false;
      }
    });
  }

  private static Future<List<UUID>> inFlight(List<FinanceEvent> events) {
    return kit.rows("SELECT event_id FROM deliveries WHERE event_id = ANY($1) AND status = 'in_flight'",
        Tuple.of((Object) events.stream().map(FinanceEvent::id).toArray(UUID[]::new)))
        .map(rows -> rows.stream().map(row -> row.getUUID("event_id")).toList());
  }

  @Test
  void aGatewayKilledMidDeliveryRedeliversUnderTheSameIdsAndLosesNothing(Vertx vertx, VertxTestContext test)
      throws IOException {
    DeliverySink sink = kit.sink(DeliverySinks.TREASURY);
    // The sink records each message when it arrives and answers 1.5 s later: a kill in between leaves the target
    // holding events the gateway never saw acknowledged.
    sink.mode(SinkMode.ACCEPT.withLatency(1500));
    List<FinanceEvent> events = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      events.add(DeliveryTestKit.event("payment.succeeded", "payment", "PAY-CRASH-" + i,
          new JsonObject().put("n", i)));
    }
    Path config = workDir.resolve("gateway.yaml");
    Files.writeString(config, kit.yaml(), StandardCharsets.UTF_8);
    Path firstLog = workDir.resolve("first.log");
    Path secondLog = workDir.resolve("second.log");
    Process first = gateway(config, firstLog);
    List<UUID> interrupted = new ArrayList<>();
    kit.append(events)
        .compose(v -> awaitListening(vertx, firstLog))
        .compose(v -> awaitTrue(vertx, "the sink holding a full window", WAIT,
            () -> sink.received().stream().filter(r -> ids(events).contains(r.id())).count() >= WINDOW))
        .compose(v -> {
          first.destroyForcibly(); // SIGKILL: no shutdown hook, no outcome recorded
          return Future.fromCompletionStage(first.onExit());
        })
        .compose(dead -> inFlight(events))
        .compose(claimed -> {
          interrupted.addAll(claimed);
          sink.mode(SinkMode.ACCEPT);
          try {
            gateway(config, secondLog);
          } catch (IOException e) {
            return Future.failedFuture(e);
          }
          return awaitListening(vertx, secondLog);
        })
        .compose(v -> awaitTrue(vertx, "every event at the sink", WAIT, () -> events.stream()
            .allMatch(e -> sink.received(e.id().toString()).isPresent())))
        .compose(v -> await(vertx, "every delivery recorded", WAIT, () -> kit.rows("SELECT count(*) AS n "
            + "FROM deliveries WHERE event_id = ANY($1) AND status = 'delivered'", Tuple.of((Object) events.stream()
            .map(FinanceEvent::id).toArray(UUID[]::new))).map(rows -> rows.get(0).getLong("n") == EVENTS)))
        .compose(v -> kit.rows("SELECT d.event_id, a.outcome, a.relay FROM delivery_attempts a JOIN deliveries d "
            + "ON d.id = a.delivery_id WHERE d.event_id = ANY($1) ORDER BY d.event_id, a.claim_no",
            Tuple.of((Object) interrupted.toArray(UUID[]::new))))
        .onComplete(test.succeeding(history -> test.verify(() -> {
          assertThat(interrupted).as("deliveries in flight when the gateway died").isNotEmpty()
              .hasSizeLessThanOrEqualTo(WINDOW);
          for (FinanceEvent event : events) {
            DeliverySink.Received received = sink.received(event.id().toString()).orElseThrow();
            int expected = interrupted.contains(event.id()) ? 2 : 1;
            assertThat(received.timesReceived()).as(event.aggregateId()).isEqualTo(expected);
            assertThat(received.signature()).isEqualTo("valid");
          }
          for (UUID id : interrupted) {
            List<Row> rows = history.stream().filter(row -> row.getUUID("event_id").equals(id)).toList();
            assertThat(rows).extracting(row -> row.getString("outcome")).containsExactly("abandoned", "delivered");
            assertThat(rows.get(0).getString("relay")).isNotEqualTo(rows.get(1).getString("relay"));
          }
          test.completeNow();
        })));
  }

  private static Set<String> ids(List<FinanceEvent> events) {
    return events.stream().map(e -> e.id().toString()).collect(Collectors.toSet());
  }
}
