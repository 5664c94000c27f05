package dev.ofg.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.store.RetentionRecords;
import dev.ofg.testing.GatewayTestKit;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs retention through {@code POST /admin/retention/run} on a running gateway: admins get the counts, clients
 * and anonymous callers are refused, and a run held by another gateway is a 409.
 */
@ExtendWith(VertxExtension.class)
class RetentionRoutesTest {
  private static GatewayTestKit kit;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) {
    GatewayTestKit.start(vertx, GatewayTestKit.Options.defaults().withJwt())
        .onComplete(test.succeeding(started -> {
          kit = started;
          test.completeNow();
        }));
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    kit.stop().onComplete(test.succeedingThenComplete());
  }

  private static Future<HttpResponse<Buffer>> run(String authorization) {
    return kit.management().post("/admin/retention/run").putHeader("Authorization", authorization).send();
  }

  @Test
  void anAdminRunsRetentionNowAndGetsTheCounts(VertxTestContext test) {
    kit.gateway().database().pool().query("INSERT INTO audit_log (occurred_at, correlation_id, route, outcome, status,"
            + " duration_ms) SELECT now() - interval '500 days', 'retention-old', '/api/v1/payments', 'ok', 200, 1"
            + " FROM generate_series(1, 4)").execute()
        .compose(v -> run("Bearer " + kit.adminToken()))
        .compose(answer -> kit.management().get("/metrics").send()
            .map(metrics -> List.of(answer, metrics)))
        .onComplete(test.succeeding(answers -> test.verify(() -> {
          HttpResponse<Buffer> answer = answers.get(0);
          assertThat(answer.statusCode()).isEqualTo(200);
          JsonObject report = answer.bodyAsJsonObject();
          assertThat(report.getString("outcome")).isEqualTo("completed");
          assertThat(report.getJsonObject("deleted").getLong("audit_log")).isEqualTo(4);
          assertThat(report.getJsonObject("deleted").fieldNames()).containsExactly("outbox", "deliveries",
              "delivery_attempts", "inbox", "inbox_delivery", "audit_log", "analytics_batches");
          assertThat(report.getJsonObject("cutoffs").fieldNames())
              .containsExactly("deliveredEvents", "webhookInbox", "audit");
          String metrics = answers.get(1).bodyAsString();
          assertThat(metrics).containsPattern("gateway_retention_deleted_total\\{table=\"audit_log\"} [1-9]")
              .contains("gateway_retention_run_seconds_count{outcome=\"completed\"}");
          test.completeNow();
        })));
  }

  @Test
  void clientsAndAnonymousCallersAreRefused(VertxTestContext test) {
    run("Bearer " + kit.key(GatewayTestKit.ERP))
        .compose(client -> kit.management().post("/admin/retention/run").send()
            .map(anonymous -> List.of(client, anonymous)))
        .onComplete(test.succeeding(answers -> test.verify(() -> {
          assertThat(answers.get(0).statusCode()).isEqualTo(403);
          assertThat(answers.get(1).statusCode()).isEqualTo(401);
          test.completeNow();
        })));
  }

  @Test
  void aRunHeldByAnotherGatewayIsAConflict(VertxTestContext test) {
    kit.gateway().database().pool().getConnection()
        .compose(other -> RetentionRecords.tryLock(other)
            .compose(locked -> run("Bearer " + kit.adminToken()).map(answer -> List.<Object>of(locked, answer)))
            .eventually(() -> RetentionRecords.unlock(other))
            .eventually(other::close))
        .onComplete(test.succeeding(results -> test.verify(() -> {
          assertThat(results.get(0)).as("the other gateway's lock").isNotNull();
          @SuppressWarnings("unchecked")
          HttpResponse<Buffer> answer = (HttpResponse<Buffer>) results.get(1);
          assertThat(answer.statusCode()).isEqualTo(409);
          assertThat(answer.getHeader("Content-Type")).isEqualTo("application/problem+json");
          assertThat(answer.getHeader("Retry-After")).isEqualTo("60");
          assertThat(answer.bodyAsJsonObject().getString("code")).isEqualTo("CONFLICT");
          test.completeNow();
        })));
  }
}
