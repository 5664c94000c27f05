package dev.ofg.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.testing.GatewayTestKit;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Checks the behaviour every route shares: error shapes, correlation ids, health, metrics and the audit trail. */
@ExtendWith(VertxExtension.class)
class GatewayHttpBehaviourTest {
  private static GatewayTestKit kit;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) {
    GatewayTestKit.start(vertx, GatewayTestKit.Options.defaults()).onComplete(test.succeeding(started -> {
      kit = started;
      test.completeNow();
    }));
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    kit.stop().onComplete(test.succeedingThenComplete());
  }

  private static String bearer() {
    return "Bearer " + kit.key(GatewayTestKit.ERP);
  }

  @Test
  void answersBadInputWithProblemJsonNeverA5xx(VertxTestContext test) {
    Future<HttpResponse<Buffer>> unknownRoute = kit.http().get("/no/such/route").send();
    Future<HttpResponse<Buffer>> malformed = kit.http().post("/api/v1/invoices").putHeader("Authorization", bearer())
        .putHeader("Content-Type", "application/json").putHeader("Idempotency-Key", "k-malformed")
        .sendBuffer(Buffer.buffer("{\"externalRef\": "));
    Future<HttpResponse<Buffer>> wrongType = kit.http().post("/api/v1/invoices").putHeader("Authorization", bearer())
        .putHeader("Content-Type", "text/plain").putHeader("Idempotency-Key", "k-type").sendBuffer(Buffer.buffer("hi"));
    Future<HttpResponse<Buffer>> oversized = kit.http().post("/api/v1/invoices").putHeader("Authorization", bearer())
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{\"x\":\"" + "a".repeat(70_000) + "\"}"));
    Future<HttpResponse<Buffer>> wrongMethod = kit.http().delete("/api/v1/invoices").putHeader("Authorization", bearer())
        .send();
    Future.all(List.of(unknownRoute, malformed, wrongType, oversized, wrongMethod)).onComplete(test.succeeding(all ->
        test.verify(() -> {
          expectProblem(unknownRoute.result(), 404, "NOT_FOUND");
          expectProblem(malformed.result(), 400, "MALFORMED_JSON");
          expectProblem(wrongType.result(), 415, "UNSUPPORTED_MEDIA_TYPE");
          expectProblem(oversized.result(), 413, "PAYLOAD_TOO_LARGE");
          assertThat(wrongMethod.result().statusCode()).isIn(404, 405);
          test.completeNow();
        })));
  }

  private static void expectProblem(HttpResponse<Buffer> response, int status, String code) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getString("code")).isEqualTo(code);
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("type")).startsWith("urn:odoo-finance-gateway:problem:");
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("correlationId")).isEqualTo(response.getHeader("X-Correlation-Id"));
  }

  @Test
  void answersMalformedJsonRpcInOdoosEnvelope(VertxTestContext test) {
    kit.http().post("/jsonrpc").putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("[1,2"))
        .onComplete(test.succeeding(response -> test.verify(() -> {
          JsonObject envelope = response.bodyAsJsonObject();
          assertThat(envelope.getString("jsonrpc")).isEqualTo("2.0");
          assertThat(envelope.getJsonObject("error").getJsonObject("data").getString("name")).startsWith("werkzeug");
          assertThat(response.statusCode()).isBetween(400, 499);
          test.completeNow();
        })));
  }

  @Test
  void echoesOrDerivesOrGeneratesTheCorrelationId(VertxTestContext test) {
    JsonArray seen = new JsonArray();
    kit.http().get("/api/v1/partners/NOBODY-CORR").putHeader("Authorization", bearer())
        .putHeader("X-Correlation-Id", "order-4711").send()
        .compose(response -> {
          seen.add(response.getHeader("X-Correlation-Id"));
          return kit.http().get("/api/v1/partners/NOBODY-CORR").putHeader("Authorization", bearer())
              .putHeader("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").send();
        })
        .compose(response -> {
          seen.add(response.getHeader("X-Correlation-Id"));
          return kit.http().get("/api/v1/partners/NOBODY-CORR").putHeader("Authorization", bearer()).send();
        })
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertThat(seen.getString(0)).isEqualTo("order-4711");
          assertThat(seen.getString(1)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
          assertThat(response.getHeader("X-Correlation-Id")).matches("[0-9a-f]{32}");
          assertThat(response.bodyAsJsonObject().getString("correlationId"))
              .isEqualTo(response.getHeader("X-Correlation-Id"));
          test.completeNow();
        })));
  }

  @Test
  void servesHealthOnBothPorts(Vertx vertx, VertxTestContext test) {
    WebClient management = WebClient.create(vertx);
    int mgmt = kit.gateway().managementPort();
    Future<HttpResponse<Buffer>> publicLive = kit.http().get("/health/live").send();
    Future<HttpResponse<Buffer>> publicReady = kit.http().get("/health/ready").send();
    Future<HttpResponse<Buffer>> mgmtLive = management.get(mgmt, "127.0.0.1", "/health/live").send();
    Future<HttpResponse<Buffer>> mgmtReady = management.get(mgmt, "127.0.0.1", "/health/ready").send();
    Future.all(publicLive, publicReady, mgmtLive, mgmtReady).onComplete(test.succeeding(all -> test.verify(() -> {
      for (HttpResponse<Buffer> response : List.of(publicLive.result(), publicReady.result(), mgmtLive.result(),
          mgmtReady.result())) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject().getString("outcome")).isEqualTo("UP");
      }
      JsonArray checks = mgmtReady.result().bodyAsJsonObject().getJsonArray("checks");
      assertThat(checks.stream().map(c -> ((JsonObject) c).getString("id")))
          .containsExactlyInAnyOrder("store", "migrations", "odoo-breaker");
      management.close();
      test.completeNow();
    })));
  }

  @Test
  void exposesRedMetricsByClientRouteAndOutcome(Vertx vertx, VertxTestContext test) {
    WebClient management = WebClient.create(vertx);
    kit.http().get("/api/v1/partners/NOBODY-METRICS").putHeader("Authorization", bearer()).send()
        .compose(r -> management.get(kit.gateway().managementPort(), "127.0.0.1", "/metrics").send())
        .onComplete(test.succeeding(response -> test.verify(() -> {
          String text = response.bodyAsString();
          assertThat(response.getHeader("Content-Type")).startsWith("text/plain");
          assertThat(text).containsPattern(
              "gateway_requests_seconds_count\\{client=\"erp\",outcome=\"rejected\",route=\"/api/v1/partners/:externalRef\"}");
          assertThat(text).contains("gateway_circuit_breaker_state{name=\"odoo\"}");
          assertThat(text).doesNotContain("NOBODY-METRICS");
          management.close();
          test.completeNow();
        })));
  }

  @Test
  void writesOneAuditRowPerCallWithModelMethodOutcomeAndCorrelation(VertxTestContext test) {
    kit.executeKw(GatewayTestKit.ERP, 200001, "res.partner", "search_count", new JsonArray().add(new JsonArray()),
            new JsonObject())
        .compose(ok -> kit.executeKw(GatewayTestKit.ERP, 200001, "res.partner", "unlink",
            new JsonArray().add(new JsonArray().add(1)), new JsonObject()))
        .compose(denied -> awaitAuditRows(denied.getHeader("X-Correlation-Id"), 50))
        .onComplete(test.succeeding(row -> test.verify(() -> {
          assertThat(row.getString("client_id")).isEqualTo("erp");
          assertThat(row.getString("route")).isEqualTo("/jsonrpc");
          assertThat(row.getString("odoo_model")).isEqualTo("res.partner");
          assertThat(row.getString("odoo_method")).isEqualTo("unlink");
          assertThat(row.getString("outcome")).isEqualTo("denied");
          assertThat(row.getString("reason")).contains("not in allowlist: res.partner.unlink");
          test.completeNow();
        })));
  }

  /** Polls the audit table (rows are written in batches off the request path) until the row appears. */
  private static Future<JsonObject> awaitAuditRows(String correlationId, int attemptsLeft) {
    return kit.gateway().database().pool()
        .preparedQuery("SELECT client_id, route, odoo_model, odoo_method, outcome, reason FROM audit_log "
            + "WHERE correlation_id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(correlationId))
        .compose(rows -> {
          if (rows.size() > 0) {
            return Future.succeededFuture(rows.iterator().next().toJson());
          }
          if (attemptsLeft == 0) {
            return Future.failedFuture("no audit row for " + correlationId);
          }
          return Vertx.currentContext().owner().timer(20).compose(v -> awaitAuditRows(correlationId, attemptsLeft - 1));
        });
  }
}
