package dev.ofg.policy.reload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.config.ClientConfig;
import dev.ofg.testing.GatewayTestKit;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reloads the configuration file through {@code POST /admin/reload} on a running gateway: new clients, limits and
 * rate limits apply at once; a bad file is refused with its problems and the previous configuration keeps serving;
 * changes only a restart can apply are reported, not applied.
 */
@ExtendWith(VertxExtension.class)
class PolicyReloadTest {
  private static final String LATE_KEY = "late-" + UUID.randomUUID();
  private static final GatewayTestKit.Options BASE = GatewayTestKit.Options.defaults().withJwt();
  private static GatewayTestKit kit;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) {
    GatewayTestKit.start(vertx, BASE).onComplete(test.succeeding(started -> {
      kit = started;
      test.completeNow();
    }));
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    kit.stop().onComplete(test.succeedingThenComplete());
  }

  private static String lateClient(String id, String role) {
    return String.join("\n",
        "  - id: " + id,
        "    uid: " + (200500 + Math.abs(id.hashCode() % 100)),
        "    roles: [" + role + "]",
        "    apiKeys: [{ sha256: " + ClientConfig.sha256Hex(LATE_KEY) + " }]",
        "");
  }

  private static Future<HttpResponse<Buffer>> reload() {
    return kit.management().post("/admin/reload").putHeader("Authorization", "Bearer " + kit.adminToken()).send();
  }

  private static Future<HttpResponse<Buffer>> readPartner(String apiKey) {
    return kit.http().get("/api/v1/partners/RELOAD-NOBODY").putHeader("Authorization", "Bearer " + apiKey).send();
  }

  private static Future<String> metrics() {
    return kit.management().get("/metrics").send().map(HttpResponse::bodyAsString);
  }

  @Test
  void aReloadAddsAClientWithoutARestart(VertxTestContext test) {
    int port = kit.gateway().publicPort();
    kit.writeConfig(BASE).compose(v -> reload()).compose(v -> readPartner(LATE_KEY))
        .compose(before -> kit.writeConfig(BASE.withYaml(lateClient("late", "reader")))
            .compose(v -> reload())
            .compose(reloaded -> readPartner(LATE_KEY).map(after -> List.of(before, reloaded, after))))
        .onComplete(test.succeeding(responses -> test.verify(() -> {
          assertThat(responses.get(0).statusCode()).isEqualTo(401);
          JsonObject report = responses.get(1).bodyAsJsonObject();
          assertThat(responses.get(1).statusCode()).isEqualTo(200);
          assertThat(report.getString("outcome")).isEqualTo("applied");
          assertThat(report.getString("trigger")).isEqualTo("admin");
          assertThat(report.getJsonArray("changed")).containsExactly("clients (added [late])");
          assertThat(report.getJsonArray("needsRestart")).isEmpty();
          assertThat(responses.get(2).statusCode()).isEqualTo(404);
          assertThat(kit.gateway().publicPort()).isEqualTo(port);
          test.completeNow();
        })));
  }

  @Test
  void aBadFileIsRefusedWithItsProblemsAndThePreviousConfigurationKeepsServing(VertxTestContext test) {
    String bad = kit.configText(BASE.withYaml(lateClient("late2", "no-such-role")
        + "limits:\n  routes:\n    /api/v1/invoice: { maxJsonDepth: 0 }\n"));
    kit.writeConfig(BASE).compose(v -> reload())
        .compose(v -> kit.writeConfigText(bad)).compose(v -> reload())
        .compose(refused -> kit.writeConfigText("roles: [unclosed\n").compose(v -> reload())
            .compose(unparsable -> readPartner(kit.key(GatewayTestKit.ERP))
                .compose(erp -> readPartner(LATE_KEY)
                    .compose(late -> kit.management().get("/admin/reload")
                        .putHeader("Authorization", "Bearer " + kit.adminToken()).send()
                        .compose(last -> metrics().map(metrics -> List.<Object>of(refused, unparsable, erp, late, last,
                            metrics)))))))
        .onComplete(test.succeeding(results -> test.verify(() -> {
          HttpResponse<Buffer> refused = response(results.get(0));
          assertThat(refused.statusCode()).isEqualTo(422);
          assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
          JsonObject problem = refused.bodyAsJsonObject();
          assertThat(problem.getString("code")).isEqualTo("CONFIG_INVALID");
          assertThat(problem.getString("detail")).endsWith("the previous one stays in force");
          JsonArray problems = problem.getJsonArray("problems");
          assertThat(problems.encode()).contains("clients.late2.roles: \\\"no-such-role\\\"")
              .contains("limits.routes./api/v1/invoice.maxJsonDepth: 0 (expected: 1..1000)");

          HttpResponse<Buffer> unparsable = response(results.get(1));
          assertThat(unparsable.statusCode()).isEqualTo(422);
          assertThat(unparsable.bodyAsJsonObject().getJsonArray("problems").getString(0)).contains("not valid YAML");

          assertThat(response(results.get(2)).statusCode()).isEqualTo(404);
          assertThat(response(results.get(3)).statusCode()).isEqualTo(401);
          JsonObject last = response(results.get(4)).bodyAsJsonObject();
          assertThat(last.getString("outcome")).isEqualTo("refused");
          assertThat((String) results.get(5)).contains("gateway_config_reloads_total{outcome=\"refused\",trigger=\"admin\"}");
          test.completeNow();
        })));
  }

  @Test
  void limitsAndRateLimitsApplyAtOnce(VertxTestContext test) {
    String erp = kit.key(GatewayTestKit.ERP);
    String reader = kit.key(GatewayTestKit.READER);
    // Within the partner schema (so the route accepts it before the reload), above the limit the reload sets.
    JsonObject bigPartner = new JsonObject().put("name", "Reload " + "x".repeat(240)).put("street", "y".repeat(250))
        .put("city", "z".repeat(120));
    GatewayTestKit.Options limited = BASE.withYaml(String.join("\n",
        "limits:",
        "  routes:",
        "    /api/v1/partners/:externalRef: { maxBodyBytes: 512 }",
        "rateLimits:",
        "  clients:",
        "    reader:",
        "      finance-read: { ratePerSecond: 0.001, burst: 1 }",
        ""));
    kit.writeConfig(BASE).compose(v -> reload())
        .compose(v -> putPartner(erp, bigPartner))
        .compose(before -> kit.writeConfig(limited).compose(v -> reload())
            .compose(reloaded -> putPartner(erp, bigPartner)
                .compose(after -> readPartner(reader).compose(first -> readPartner(reader)
                    .map(second -> List.of(before, reloaded, after, first, second))))))
        .eventually(() -> kit.writeConfig(BASE).compose(v -> reload()))
        .onComplete(test.succeeding(responses -> test.verify(() -> {
          assertThat(responses.get(0).statusCode()).isEqualTo(201);
          assertThat(responses.get(1).statusCode()).as(responses.get(1).bodyAsString()).isEqualTo(200);
          assertThat(responses.get(2).statusCode()).isEqualTo(413);
          assertThat(responses.get(2).bodyAsJsonObject().getString("detail")).endsWith("accepts at most 512");
          assertThat(responses.get(3).statusCode()).isEqualTo(404);
          assertThat(responses.get(3).getHeader("RateLimit-Limit")).isEqualTo("1");
          assertThat(responses.get(4).statusCode()).isEqualTo(429);
          test.completeNow();
        })));
  }

  private static Future<HttpResponse<Buffer>> putPartner(String key, JsonObject body) {
    return kit.http().put("/api/v1/partners/RELOAD-BIG").putHeader("Authorization", "Bearer " + key)
        .putHeader("Idempotency-Key", UUID.randomUUID().toString()).sendJsonObject(body);
  }

  @Test
  void changesOnlyARestartAppliesAreReportedAndNotApplied(VertxTestContext test) {
    String text = kit.configText(BASE).replace("  maxBodyBytes: 65536", "  maxBodyBytes: 70000")
        .replace("  timeout: 2s", "  timeout: 3s");
    kit.writeConfigText(text).compose(v -> reload())
        .compose(reloaded -> metrics().map(metrics -> List.<Object>of(reloaded, metrics)))
        .eventually(() -> kit.writeConfig(BASE).compose(v -> reload()))
        .onComplete(test.succeeding(results -> test.verify(() -> {
          JsonObject report = response(results.get(0)).bodyAsJsonObject();
          assertThat(report.getString("outcome")).isEqualTo("applied");
          assertThat(report.getJsonArray("needsRestart")).containsExactly("server", "odoo");
          assertThat((String) results.get(1)).contains("gateway_config_restart_pending 2.0");
          assertThat(kit.gateway().config().odoo().timeout()).hasSeconds(2);
          test.completeNow();
        })));
  }

  @Test
  void aSchemaDirectoryThatDoesNotCompileIsRefused(VertxTestContext test) {
    kit.writeConfig(BASE.withYaml("schemas:\n  directory: /nonexistent/schemas\n")).compose(v -> reload())
        .eventually(() -> kit.writeConfig(BASE).compose(v -> reload()))
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(422);
          assertThat(response.bodyAsJsonObject().getJsonArray("problems").getString(0)).startsWith("schemas: ");
          test.completeNow();
        })));
  }

  @Test
  void onlyAnAdminMayReload(VertxTestContext test) {
    Future<HttpResponse<Buffer>> anonymous = kit.management().post("/admin/reload").send();
    Future<HttpResponse<Buffer>> integration = kit.management().post("/admin/reload")
        .putHeader("Authorization", "Bearer " + kit.key(GatewayTestKit.ERP)).send();
    Future.all(anonymous, integration).onComplete(test.succeeding(all -> test.verify(() -> {
      assertThat(anonymous.result().statusCode()).isEqualTo(401);
      assertThat(integration.result().statusCode()).isEqualTo(403);
      test.completeNow();
    })));
  }

  @SuppressWarnings("unchecked")
  private static HttpResponse<Buffer> response(Object value) {
    return (HttpResponse<Buffer>) value;
  }
}
