package dev.ofg.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.config.StoreConfig;
import dev.ofg.testing.GatewayTestKit;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cuts the gateway off from PostgreSQL (the database refuses connections and the open ones are terminated) and
 * checks each policy's documented failure mode: Idempotency-Key fails closed with 503 and Retry-After before Odoo
 * is called; reads that need no store keep working, a canonical read that needs the external-reference ledger
 * answers 503 STORE_UNAVAILABLE; audit rows of the outage wait in memory and are written once
 * the store is back.
 */
@ExtendWith(VertxExtension.class)
class StoreOutageTest {
  private static GatewayTestKit kit;
  private static Vertx vertx;

  @BeforeAll
  static void start(Vertx testVertx, VertxTestContext test) {
    vertx = testVertx;
    GatewayTestKit.start(vertx, GatewayTestKit.Options.defaults()).onComplete(test.succeeding(started -> {
      kit = started;
      test.completeNow();
    }));
  }

  @AfterEach
  void storeBack() {
    allowConnections(true);
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    kit.stop().onComplete(test.succeedingThenComplete());
  }

  /** Opens or closes the test database to new connections; closing also ends the open ones. */
  private static void allowConnections(boolean allowed) {
    StoreConfig store = kit.database().config();
    String admin = "jdbc:postgresql://" + store.host() + ":" + store.port() + "/postgres";
    try (Connection connection = DriverManager.getConnection(admin, "postgres", null);
         Statement statement = connection.createStatement()) {
      statement.execute("ALTER DATABASE " + store.database() + " WITH ALLOW_CONNECTIONS " + allowed);
      if (!allowed) {
        statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
            + store.database() + "' AND pid <> pg_backend_pid()");
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void idempotencyFailsClosedAndTheAuditTrailCatchesUpAfterTheOutage(VertxTestContext test) {
    long odooCallsBefore = kit.sandbox().callCount("res.partner", "search");
    allowConnections(false);
    Future<HttpResponse<Buffer>> write = kit.http().put("/api/v1/partners/OUTAGE-P")
        .putHeader("Authorization", "Bearer " + kit.key(GatewayTestKit.ERP))
        .putHeader("Idempotency-Key", UUID.randomUUID().toString())
        .sendJsonObject(new JsonObject().put("name", "Outage Customer"));
    Future<HttpResponse<Buffer>> facadeRead = write.compose(w -> kit.executeKw(GatewayTestKit.ERP, 200001,
        "res.partner", "search_count", new JsonArray().add(new JsonArray()), new JsonObject()));
    facadeRead
        .compose(read -> vertx.executeBlocking(() -> {
          allowConnections(true);
          return null;
        }, false))
        .compose(v -> kit.auditRows(write.result().getHeader("X-Correlation-Id"))
            .compose(writeRows -> kit.auditRows(facadeRead.result().getHeader("X-Correlation-Id"))
                .map(readRows -> List.of(writeRows.get(0), readRows.get(0)))))
        .onComplete(test.succeeding(audit -> test.verify(() -> {
          HttpResponse<Buffer> refused = write.result();
          assertThat(refused.statusCode()).isEqualTo(503);
          assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("STORE_UNAVAILABLE");
          assertThat(refused.getHeader("Retry-After")).isEqualTo("5");
          assertThat(kit.sandbox().callCount("res.partner", "search")).isEqualTo(odooCallsBefore);

          assertThat(facadeRead.result().bodyAsJsonObject().getValue("result")).isInstanceOf(Number.class);

          assertThat(audit.get(0).getInteger("status")).isEqualTo(503);
          assertThat(audit.get(0).getString("reason")).startsWith("STORE_UNAVAILABLE: ");
          assertThat(audit.get(1).getString("outcome")).isEqualTo("ok");
          test.completeNow();
        })));
  }

  @Test
  void aCanonicalReadThatNeedsTheLedgerAnswers503NotAnError(VertxTestContext test) {
    allowConnections(false);
    kit.http().get("/api/v1/partners/OUTAGE-READ")
        .putHeader("Authorization", "Bearer " + kit.key(GatewayTestKit.ERP))
        .send()
        .onComplete(test.succeeding(read -> test.verify(() -> {
          assertThat(read.statusCode()).isEqualTo(503);
          assertThat(read.getHeader("Content-Type")).startsWith("application/problem+json");
          assertThat(read.bodyAsJsonObject().getString("code")).isEqualTo("STORE_UNAVAILABLE");
          assertThat(read.getHeader("Retry-After")).isNotBlank();
          test.completeNow();
        })));
  }
}
