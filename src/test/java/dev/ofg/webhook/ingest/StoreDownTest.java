package dev.ofg.webhook.ingest;

import static dev.ofg.webhook.ingest.WebhookTestKit.STRIPE;
import static dev.ofg.webhook.ingest.WebhookTestKit.newId;
import static dev.ofg.webhook.ingest.WebhookTestKit.stripeEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.config.StoreConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Takes the gateway's database away (no new connections, existing ones terminated) while webhooks arrive: the
 * answer is 503 with Retry-After and nothing is stored; once the database is back, the same event is stored
 * (as new, proving the failed attempt left nothing behind).
 */
@ExtendWith(VertxExtension.class)
class StoreDownTest {
  private static WebhookTestKit kit;
  private static Pool admin;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) {
    WebhookTestKit.start(vertx, "").onComplete(test.succeeding(started -> {
      kit = started;
      StoreConfig store = kit.gateway().database().config();
      admin = WebhookTestKit.openPool(vertx, store, "postgres");
      test.completeNow();
    }));
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    allowConnections(true).eventually(admin::close).compose(v -> kit.stop())
        .onComplete(test.succeedingThenComplete());
  }

  private static String database() {
    return kit.gateway().database().config().database();
  }

  private static Future<Void> allowConnections(boolean allow) {
    return admin.query("ALTER DATABASE " + database() + " ALLOW_CONNECTIONS " + allow).execute().mapEmpty();
  }

  private static Future<Void> takeDatabaseAway() {
    return allowConnections(false).compose(v -> admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        + "WHERE datname = '" + database() + "' AND pid <> pg_backend_pid()").execute()).mapEmpty();
  }

  /** Retries until the answer is 200: the pool may first hand out a connection terminated during the outage. */
  private static Future<HttpResponse<Buffer>> untilOk(Vertx vertx, Supplier<Future<HttpResponse<Buffer>>> send,
      int attempts) {
    return send.get().compose(response -> {
      if (response.statusCode() == 200 || attempts <= 1) {
        return Future.succeededFuture(response);
      }
      Promise<Void> later = Promise.promise();
      vertx.setTimer(50, id -> later.complete());
      return later.future().compose(v -> untilOk(vertx, send, attempts - 1));
    });
  }

  @Test
  void answers503WithRetryAfterAndStoresNothingWhileTheStoreIsDown(Vertx vertx, VertxTestContext test) {
    String warm = newId("evt_");
    String id = newId("evt_");
    String body = stripeEvent(id, "payment_intent.succeeded", 100, "eur", "R");
    double unavailableBefore = kit.counter("gateway_webhook_received", "source", STRIPE, "outcome", "unavailable");
    kit.postStripe(stripeEvent(warm, "payment_intent.succeeded", 100, "eur", "R"))
        .compose(warmed -> {
          assertThat(warmed.statusCode()).isEqualTo(200);
          return takeDatabaseAway();
        })
        .compose(v -> kit.postStripe(body))
        .compose(down -> allowConnections(true)
            .compose(v -> untilOk(vertx, () -> kit.postStripe(body), 40))
            .compose(back -> kit.inboxRows(STRIPE, id).map(rows -> new Object[] {down, back, rows})))
        .onComplete(test.succeeding(results -> test.verify(() -> {
          @SuppressWarnings("unchecked")
          HttpResponse<Buffer> down = (HttpResponse<Buffer>) results[0];
          assertThat(down.statusCode()).as(down.bodyAsString()).isEqualTo(503);
          assertThat(down.getHeader("Retry-After")).isEqualTo("1");
          assertThat(down.bodyAsJsonObject().getString("code")).isEqualTo("STORE_UNAVAILABLE");
          @SuppressWarnings("unchecked")
          HttpResponse<Buffer> back = (HttpResponse<Buffer>) results[1];
          assertThat(back.statusCode()).isEqualTo(200);
          assertThat(back.bodyAsJsonObject().getJsonArray("events").getJsonObject(0).getString("status"))
              .as("the attempt during the outage stored nothing").isEqualTo("stored");
          assertThat(results[2]).isEqualTo(1);
          assertThat(kit.counter("gateway_webhook_received", "source", STRIPE, "outcome", "unavailable"))
              .isGreaterThan(unavailableBefore);
          test.completeNow();
        })));
  }
}
