package dev.ofg.webhook.ingest;

import static dev.ofg.webhook.ingest.WebhookTestKit.STRIPE;
import static dev.ofg.webhook.ingest.WebhookTestKit.newId;
import static dev.ofg.webhook.ingest.WebhookTestKit.stripeEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Drives many concurrent deliveries through a real gateway: they share few transactions (group commit), all are
 * durable, and stopping the gateway mid-flood loses none that was acknowledged.
 */
@ExtendWith(VertxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GroupCommitTest {
  private static final int FLOOD = 200;
  private static WebhookTestKit kit;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) {
    String groupCommit = String.join("\n",
        "  groupCommit:",
        "    maxBatch: 64",
        "    maxDelay: 5ms",
        "    maxConcurrentBatches: 2");
    WebhookTestKit.start(vertx, groupCommit).onComplete(test.succeeding(started -> {
      kit = started;
      test.completeNow();
    }));
  }

  @AfterAll
  static void stop(Vertx vertx, VertxTestContext test) {
    // The last test stopped the gateway itself; release the sandbox and the database.
    kit.gateway().http().close();
    kit.gateway().management().close();
    kit.gateway().sandbox().close()
        .compose(v -> vertx.executeBlocking(() -> {
          kit.gateway().database().close();
          return null;
        }))
        .onComplete(test.succeedingThenComplete());
  }

  private static List<String> ids(int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(newId("evt_"));
    }
    return ids;
  }

  private static Future<HttpResponse<Buffer>> send(String id) {
    return kit.postStripe(stripeEvent(id, "payment_intent.succeeded", 100, "eur", "R-" + id));
  }

  @Test
  @Order(1)
  void concurrentDeliveriesShareFewCommitsAndAreAllDurable(VertxTestContext test) {
    Timer commits = kit.registry().find("gateway_inbox_commit").tag("outcome", "success").timer();
    DistributionSummary batches = kit.registry().find("gateway_inbox_batch_size").summary();
    long commitsBefore = commits.count();
    List<String> ids = ids(FLOOD);
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    ids.forEach(id -> sent.add(send(id)));
    Future.all(sent)
        .compose(all -> Future.all(
                WebhookTestKit.count(kit.pool(), "SELECT count(*) FROM inbox WHERE provider_event_id = ANY($1)",
                    Tuple.of(ids.toArray(new String[0]))),
                WebhookTestKit.count(kit.pool(), "SELECT count(*) FROM outbox WHERE source_event_id = ANY($1)",
                    Tuple.of(ids.toArray(new String[0]))))
            .map(rows -> new Object[] {all.list(), rows.resultAt(0), rows.resultAt(1)}))
        .onComplete(test.succeeding(results -> test.verify(() -> {
          @SuppressWarnings("unchecked")
          List<HttpResponse<Buffer>> responses = (List<HttpResponse<Buffer>>) results[0];
          assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200));
          assertThat(results[1]).isEqualTo(FLOOD);
          assertThat(results[2]).isEqualTo(FLOOD);
          long used = commits.count() - commitsBefore;
          System.out.printf("group commit: %d deliveries in %d commits, largest batch %.0f, mean %.1f%n",
              FLOOD, used, batches.max(), batches.mean());
          assertThat(used).as("commits for %d deliveries", FLOOD).isLessThanOrEqualTo(FLOOD / 4);
          assertThat(batches.max()).isGreaterThan(1);
          test.completeNow();
        })));
  }

  @Test
  @Order(2)
  void everyAcknowledgedDeliveryIsInTheInboxAfterTheGatewayStopsMidFlood(Vertx vertx, VertxTestContext test) {
    List<String> ids = ids(FLOOD);
    List<Future<Integer>> outcomes = new ArrayList<>();
    AtomicInteger answered = new AtomicInteger();
    Promise<Void> stopped = Promise.promise();
    for (String id : ids) {
      outcomes.add(send(id).map(HttpResponse::statusCode).otherwise(-1).onComplete(done -> {
        if (answered.incrementAndGet() == 20) {
          kit.gateway().gateway().stop().onComplete(stopped);
        }
      }));
    }
    Future.join(outcomes).compose(all -> stopped.future()).compose(v -> {
      List<String> acknowledged = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        if (outcomes.get(i).result() == 200) {
          acknowledged.add(ids.get(i));
        }
      }
      Pool pool = WebhookTestKit.openPool(vertx, kit.gateway().database().config(),
          kit.gateway().database().config().database());
      Tuple keys = Tuple.of(acknowledged.toArray(new String[0]));
      return Future.all(
              WebhookTestKit.count(pool, "SELECT count(*) FROM inbox WHERE provider_event_id = ANY($1)", keys),
              WebhookTestKit.count(pool, "SELECT count(*) FROM outbox WHERE source_event_id = ANY($1)", keys))
          .map(rows -> new int[] {acknowledged.size(), rows.resultAt(0), rows.resultAt(1)})
          .eventually(pool::close);
    }).onComplete(test.succeeding(counts -> test.verify(() -> {
      System.out.printf("stop mid-flood: %d of %d acknowledged before the stop%n", counts[0], FLOOD);
      assertThat(counts[0]).isGreaterThanOrEqualTo(20);
      assertThat(counts[1]).as("inbox rows of acknowledged events").isEqualTo(counts[0]);
      assertThat(counts[2]).as("outbox events of acknowledged events").isEqualTo(counts[0]);
      test.completeNow();
    })));
  }
}
