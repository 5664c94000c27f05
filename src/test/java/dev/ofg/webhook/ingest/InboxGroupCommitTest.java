package dev.ofg.webhook.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.config.WebhookConfig.GroupCommit;
import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.store.InboxRecords;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Checks the group commit's batching and failure modes against a writer the test controls (no database). */
@ExtendWith(VertxExtension.class)
class InboxGroupCommitTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<List<PendingDelivery>> batches = new CopyOnWriteArrayList<>();
  private final List<Promise<List<InboxRecords.Stored>>> held = new CopyOnWriteArrayList<>();

  private static PendingDelivery delivery(String eventId) {
    InboxRecords.Item item = new InboxRecords.Item(eventId, "t", 0, null, null, "no mapping");
    return new PendingDelivery(new InboxRecords.Delivery(UUID.randomUUID(), "s", Instant.now(), "c",
        new JsonObject(), Buffer.buffer("{}"), "hmac", null, List.of(item)), Map.of());
  }

  /** Answers every item of a batch as stored (inbox id = position), or holds the batch when asked to. */
  private InboxGroupCommit.BatchWriter recording(boolean hold) {
    return batch -> {
      batches.add(batch);
      if (hold) {
        Promise<List<InboxRecords.Stored>> promise = Promise.promise();
        held.add(promise);
        return promise.future().map(v -> stored(batch));
      }
      return Future.succeededFuture(stored(batch));
    };
  }

  private static List<InboxRecords.Stored> stored(List<PendingDelivery> batch) {
    List<InboxRecords.Stored> rows = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      rows.add(new InboxRecords.Stored(i + 1, batch.get(i).delivery().id(), 0));
    }
    return rows;
  }

  private InboxGroupCommit commit(Vertx vertx, Context context, GroupCommit options, InboxGroupCommit.BatchWriter w) {
    return new InboxGroupCommit(vertx, context, options, w, new WebhookMetrics(registry), Duration.ofSeconds(2));
  }

  @Test
  void writesAFullBatchAtOnceWithoutWaitingForTheDelay(Vertx vertx, VertxTestContext test) {
    Context context = vertx.getOrCreateContext();
    InboxGroupCommit inbox = commit(vertx, context, new GroupCommit(3, Duration.ofSeconds(1), 100, 1 << 20, 1),
        recording(false));
    context.runOnContext(v -> {
      long start = System.nanoTime();
      Future.all(inbox.submit(delivery("a")), inbox.submit(delivery("b")), inbox.submit(delivery("c")))
          .onComplete(test.succeeding(all -> test.verify(() -> {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
            assertThat(batches).hasSize(1);
            assertThat(batches.get(0)).hasSize(3);
            assertThat(registry.find("gateway_inbox_batch_size").summary().max()).isEqualTo(3);
            List<InboxRecords.Stored> first = all.resultAt(0);
            assertThat(first).singleElement().extracting(InboxRecords.Stored::deliveryId)
                .isEqualTo(batches.get(0).get(0).delivery().id());
            test.completeNow();
          })));
    });
  }

  @Test
  void refusesWith503WhenTheQueueIsFullAndCompletesTheRestAfterTheCommit(Vertx vertx, VertxTestContext test) {
    Context context = vertx.getOrCreateContext();
    InboxGroupCommit inbox = commit(vertx, context, new GroupCommit(1, Duration.ZERO, 2, 1 << 20, 1),
        recording(true));
    context.runOnContext(v -> {
      Future<List<InboxRecords.Stored>> inFlight = inbox.submit(delivery("a"));
      // Queued behind the commit in flight: two fit, the third does not.
      context.runOnContext(w -> {
        Future<List<InboxRecords.Stored>> second = inbox.submit(delivery("b"));
        Future<List<InboxRecords.Stored>> third = inbox.submit(delivery("c"));
        Future<List<InboxRecords.Stored>> refused = inbox.submit(delivery("d"));
        test.verify(() -> {
          assertThat(refused.failed()).isTrue();
          GatewayException problem = (GatewayException) refused.cause();
          assertThat(problem.code()).isEqualTo(ProblemCode.OVERLOADED);
          assertThat(problem.retryAfterSeconds()).isEqualTo(2);
          assertThat(inbox.queued()).isEqualTo(2);
          assertThat(registry.find("gateway_inbox_queue_depth").gauge().value()).isEqualTo(2);
        });
        releaseAll(context, 3);
        Future.all(inFlight, second, third).onComplete(test.succeeding(all -> test.verify(() -> {
          assertThat(batches).hasSize(3);
          assertThat(inbox.queued()).isZero();
          test.completeNow();
        })));
      });
    });
  }

  /** Completes held batches one after another as they arrive, on the queue's context. */
  private void releaseAll(Context context, int count) {
    context.runOnContext(v -> {
      if (count == 0) {
        return;
      }
      if (held.isEmpty()) {
        releaseAll(context, count);
        return;
      }
      held.remove(0).complete();
      releaseAll(context, count - 1);
    });
  }

  @Test
  void retriesABatchTheDatabaseRefusedOneByOneSoThatOnlyThePoisonFails(Vertx vertx, VertxTestContext test) {
    Context context = vertx.getOrCreateContext();
    InboxGroupCommit.BatchWriter poisonSensitive = batch -> {
      batches.add(batch);
      boolean poisoned = batch.stream().anyMatch(d -> d.delivery().items().get(0).providerEventId().equals("poison"));
      return poisoned ? Future.failedFuture(new PgException("invalid byte sequence", "ERROR", "22021", null))
          : Future.succeededFuture(stored(batch));
    };
    InboxGroupCommit inbox = commit(vertx, context, new GroupCommit(3, Duration.ofSeconds(1), 100, 1 << 20, 1),
        poisonSensitive);
    context.runOnContext(v -> {
      List<Future<List<InboxRecords.Stored>>> submitted = List.of(inbox.submit(delivery("a")),
          inbox.submit(delivery("poison")), inbox.submit(delivery("c")));
      Future.join(submitted).onComplete(all -> test.verify(() -> {
        assertThat(submitted.get(0).succeeded()).isTrue();
        assertThat(submitted.get(2).succeeded()).isTrue();
        assertThat(((GatewayException) submitted.get(1).cause()).code()).isEqualTo(ProblemCode.STORE_UNAVAILABLE);
        assertThat(batches).extracting(List::size).containsExactly(3, 1, 1, 1);
        test.completeNow();
      }));
    });
  }

  @Test
  void failsEveryWaiterOfABatchWhoseStoreIsUnreachableWithoutRetrying(Vertx vertx, VertxTestContext test) {
    Context context = vertx.getOrCreateContext();
    InboxGroupCommit.BatchWriter unreachable = batch -> {
      batches.add(batch);
      return Future.failedFuture(new PgException("database is not accepting connections", "FATAL", "55000", null));
    };
    InboxGroupCommit inbox = commit(vertx, context, new GroupCommit(2, Duration.ofSeconds(1), 100, 1 << 20, 1),
        unreachable);
    context.runOnContext(v -> {
      List<Future<List<InboxRecords.Stored>>> submitted = List.of(inbox.submit(delivery("a")),
          inbox.submit(delivery("b")));
      Future.join(submitted).onComplete(all -> test.verify(() -> {
        for (Future<List<InboxRecords.Stored>> one : submitted) {
          GatewayException problem = (GatewayException) one.cause();
          assertThat(problem.code()).isEqualTo(ProblemCode.STORE_UNAVAILABLE);
          assertThat(problem.retryAfterSeconds()).isEqualTo(2);
        }
        assertThat(batches).hasSize(1);
        assertThat(registry.find("gateway_inbox_commit").tag("outcome", "failure").timer().count()).isEqualTo(1);
        test.completeNow();
      }));
    });
  }

  @Test
  void closeCommitsWhatIsQueuedThenRefusesNewRequests(Vertx vertx, VertxTestContext test) {
    Context context = vertx.getOrCreateContext();
    InboxGroupCommit inbox = commit(vertx, context, new GroupCommit(10, Duration.ofSeconds(1), 100, 1 << 20, 1),
        recording(false));
    context.runOnContext(v -> {
      Future<List<InboxRecords.Stored>> queued = inbox.submit(delivery("a"));
      inbox.close().onComplete(test.succeeding(closed -> test.verify(() -> {
        assertThat(queued.succeeded()).as("committed before close completed").isTrue();
        Future<List<InboxRecords.Stored>> late = inbox.submit(delivery("b"));
        assertThat(((GatewayException) late.cause()).code()).isEqualTo(ProblemCode.STORE_UNAVAILABLE);
        test.completeNow();
      })));
    });
  }
}
