package dev.ofg.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.bank.BankStatementReader;
import dev.ofg.bank.StatementLine;
import dev.ofg.config.Secret;
import dev.ofg.delivery.DeliveryTestKit;
import dev.ofg.finance.FinanceEvent;
import dev.ofg.policy.auth.DemoTokens;
import dev.ofg.sandbox.OdooSandbox;
import dev.ofg.store.OutboxRecords;
import dev.ofg.store.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts a standalone sandbox (as the {@code sandbox} command does, credentials file included), then the demo on
 * conf/demo.yaml pointed at its port: the demo must reuse it with its credentials (Odoo login, treasury signing
 * secret), deliver to its sinks, import the banner's statement file into its Odoo, and serve the delivery admin API
 * to the admin role only.
 */
@ExtendWith(VertxExtension.class)
class DemoReusesStandaloneSandboxTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String JWT_SECRET = "demo-test-jwt-secret-" + UUID.randomUUID();

  @TempDir
  static Path temp;

  private static TestDatabase database;
  private static OdooSandbox standalone;
  private static DemoSecrets standaloneSecrets;
  private static DemoLauncher.Demo demo;
  private static WebClient http;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) {
    database = TestDatabase.create();
    Path credentials = temp.resolve("credentials");
    standaloneSecrets = new DemoSecrets(Map.of());
    standaloneSecrets.get("DEMO_TREASURY_SECRET", DemoSecrets::webhookSecret);
    http = WebClient.create(vertx);
    SandboxLauncher.start(vertx, 0, "demo", "19.0", standaloneSecrets)
        .compose(sandbox -> {
          standalone = sandbox;
          return vertx.executeBlocking(() -> SandboxCredentials.write(credentials, sandbox.port(), Map.of(
              "DEMO_ODOO_PASSWORD", standaloneSecrets.get("DEMO_ODOO_PASSWORD"),
              "DEMO_TREASURY_SECRET", standaloneSecrets.get("DEMO_TREASURY_SECRET"))), false);
        })
        .compose(file -> {
          Map<String, String> env = new HashMap<>();
          env.put("PGHOST", database.config().host());
          env.put("PGPORT", Integer.toString(database.config().port()));
          env.put("PGDATABASE", database.config().database());
          env.put("PGUSER", database.config().user());
          env.put("SANDBOX_PORT", Integer.toString(standalone.port()));
          env.put("GATEWAY_PUBLIC_PORT", "0");
          env.put("GATEWAY_MANAGEMENT_PORT", "0");
          env.put(SandboxCredentials.DIRECTORY_ENV, credentials.toString());
          env.put("DEMO_JWT_SECRET", JWT_SECRET);
          return DemoLauncher.start(vertx, GatewayRuntime.registry(), "conf/demo.yaml", new DemoSecrets(env));
        })
        .onComplete(test.succeeding(started -> {
          demo = started;
          test.completeNow();
        }));
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    Future<Void> stopped = demo == null ? Future.succeededFuture() : demo.stop();
    stopped.eventually(() -> standalone == null ? Future.succeededFuture() : standalone.close())
        .eventually(() -> {
          database.close();
          return Future.succeededFuture();
        })
        .onComplete(test.succeedingThenComplete());
  }

  private static String admin() {
    return DemoTokens.hs256(Secret.of(JWT_SECRET), "demo-ops", List.of("gateway-admin"), Duration.ofMinutes(5));
  }

  private static HttpRequest<Buffer> management(HttpRequest<Buffer> request, String token) {
    request.port(demo.gateway().managementPort()).host("127.0.0.1");
    return token == null ? request : request.putHeader("Authorization", "Bearer " + token);
  }

  private static Future<HttpResponse<Buffer>> get(String path, String token) {
    return management(http.get(path), token).send();
  }

  private static Future<HttpResponse<Buffer>> post(String path, String token, JsonObject body) {
    return management(http.post(path), token).sendJsonObject(body);
  }

  @Test
  void reusesTheSandboxWithItsSharedCredentials(VertxTestContext test) {
    String key = demo.secrets().get("DEMO_API_KEY");
    http.put(demo.gateway().publicPort(), "127.0.0.1", "/api/v1/partners/CUST-REUSE")
        .putHeader("Authorization", "Bearer " + key).putHeader("Idempotency-Key", UUID.randomUUID().toString())
        .sendJsonObject(new JsonObject().put("name", "Reuse BV"))
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertThat(demo.sandbox()).as("the demo started no sandbox of its own").isNull();
          assertThat(demo.secrets().get("DEMO_ODOO_PASSWORD"))
              .isEqualTo(standaloneSecrets.get("DEMO_ODOO_PASSWORD"));
          assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
          assertThat(standalone.count("res.partner", new JsonArray().add(new JsonArray().add("ref").add("=")
              .add("CUST-REUSE")))).isEqualTo(1);
          test.completeNow();
        })));
  }

  @Test
  void deliversToTheStandaloneSinksSignedWithTheSharedSecret(Vertx vertx, VertxTestContext test) {
    FinanceEvent event = DeliveryTestKit.event("invoice.posted", "invoice", "SO-DEMO-1",
        new JsonObject().put("amountTotal", "360.00"));
    demo.gateway().database().pool().withTransaction(tx -> OutboxRecords.append(tx, List.of(event)))
        .compose(v -> DeliveryTestKit.await(vertx, "the event at the standalone treasury sink", WAIT, () -> http
            .get(standalone.port(), "127.0.0.1", "/sinks/treasury/events").send()
            .map(response -> find(response.bodyAsJsonObject().getJsonArray("events"), event.id()) != null)))
        .compose(v -> http.get(standalone.port(), "127.0.0.1", "/sinks/treasury/events").send())
        .onComplete(test.succeeding(response -> test.verify(() -> {
          JsonObject received = find(response.bodyAsJsonObject().getJsonArray("events"), event.id());
          assertThat(received.getString("signature")).isEqualTo("valid");
          assertThat(received.getString("type")).isEqualTo("invoice.posted");
          assertThat(received.getString("aggregate")).isEqualTo("invoice:SO-DEMO-1");
          assertThat(received.getInteger("timesReceived")).isEqualTo(1);
          assertThat(received.getJsonObject("body").getJsonObject("data").getString("id"))
              .isEqualTo(event.id().toString());
          test.completeNow();
        })));
  }

  @Test
  void servesTheDeliveryAdminApiToTheAdminRoleOnly(Vertx vertx, VertxTestContext test) {
    FinanceEvent event = DeliveryTestKit.event("invoice.paid", "invoice", "SO-DEMO-2", new JsonObject());
    String client = DemoTokens.hs256(Secret.of(JWT_SECRET), DemoLauncher.CLIENT_ID, List.of(), Duration.ofMinutes(5));
    Map<String, HttpResponse<Buffer>> answers = new HashMap<>();
    get("/admin/delivery/targets", null).map(r -> answers.put("anonymous", r))
        .compose(v -> get("/admin/delivery/targets", client)).map(r -> answers.put("client", r))
        .compose(v -> post("/admin/delivery/targets/treasury/pause", admin(), new JsonObject().put("reason", "test")))
        .map(r -> answers.put("pause", r))
        .compose(v -> get("/admin/delivery/targets", admin())).map(r -> answers.put("paused", r))
        .compose(v -> post("/admin/delivery/targets/treasury/resume", admin(), new JsonObject()))
        .compose(v -> demo.gateway().database().pool().withTransaction(tx -> OutboxRecords.append(tx, List.of(event))))
        .compose(v -> DeliveryTestKit.await(vertx, "delivered and audited", WAIT, () -> get("/admin/delivery/events/"
            + event.id(), admin()).map(r -> r.statusCode() == 200 && r.bodyAsString().contains("delivery:treasury"))))
        .compose(v -> get("/admin/delivery/history?correlationId=" + event.correlationId(), admin()))
        .map(r -> answers.put("history", r))
        .compose(v -> post("/admin/delivery/replay", admin(), new JsonObject().put("eventId", "not-a-uuid")))
        .map(r -> answers.put("badReplay", r))
        .compose(v -> get("/admin/delivery/dead-letters?target=treasury", admin()))
        .onComplete(test.succeeding(deadLetters -> test.verify(() -> {
          assertThat(answers.get("anonymous").statusCode()).isEqualTo(401);
          assertThat(answers.get("client").statusCode()).isEqualTo(403);
          assertThat(answers.get("pause").statusCode()).isEqualTo(200);
          JsonArray targets = answers.get("paused").bodyAsJsonObject().getJsonArray("targets");
          assertThat(targets).hasSize(4);
          assertThat(targets.getJsonObject(0).getString("target")).isEqualTo("treasury");
          assertThat(targets.getJsonObject(0).getString("state")).isEqualTo("paused");
          assertThat(targets.getJsonObject(0).getString("changedBy")).isEqualTo("demo-ops");
          JsonObject history = answers.get("history").bodyAsJsonObject();
          JsonObject delivery = history.getJsonArray("events").getJsonObject(0).getJsonArray("deliveries")
              .getJsonObject(0);
          assertThat(delivery.getString("status")).isEqualTo("delivered");
          assertThat(delivery.getJsonArray("history").getJsonObject(0).getString("outcome")).isEqualTo("delivered");
          assertThat(history.getJsonArray("audit").stream().map(row -> ((JsonObject) row).getString("route")))
              .contains("delivery:treasury");
          assertThat(answers.get("badReplay").statusCode()).isEqualTo(400);
          assertThat(answers.get("badReplay").getHeader("Content-Type")).startsWith("application/problem+json");
          assertThat(deadLetters.statusCode()).isEqualTo(200);
          assertThat(deadLetters.bodyAsJsonObject().getInteger("count")).isZero();
          test.completeNow();
        })));
  }

  @Test
  void exposesDeliveryMetricsOnTheManagementPort(Vertx vertx, VertxTestContext test) {
    FinanceEvent event = DeliveryTestKit.event("alert.raised", "alert", "DEMO-METRICS", new JsonObject());
    demo.gateway().database().pool().withTransaction(tx -> OutboxRecords.append(tx, List.of(event)))
        .compose(v -> DeliveryTestKit.await(vertx, "a delivered outcome in /metrics", WAIT, () -> get("/metrics", null)
            .map(r -> r.bodyAsString()
                .contains("gateway_delivery_outcomes_total{outcome=\"delivered\",target=\"treasury\"}"))))
        .compose(v -> get("/metrics", null))
        .onComplete(test.succeeding(metrics -> test.verify(() -> {
          String text = metrics.bodyAsString();
          assertThat(text).contains("gateway_outbox_backlog ", "gateway_outbox_oldest_age_seconds ",
              "gateway_delivery_backlog{state=\"pending\",target=\"bank\"}",
              "gateway_delivery_lag_seconds{target=\"treasury\"}",
              "gateway_circuit_breaker_state{name=\"analytics\"}",
              "gateway_delivery_in_flight{target=\"treasury\"}",
              "gateway_delivery_target_state{target=\"treasury\"}");
          test.completeNow();
        })));
  }

  @Test
  void importsTheBannersStatementFileIntoTheSandboxBankJournalOnce(Vertx vertx, VertxTestContext test)
      throws Exception {
    byte[] file = DemoWebhooks.statementSample();
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(demo.secrets().get("DEMO_WEBHOOK_SECRET_BANK_STATEMENTS")
        .getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(file));
    JsonArray importIds = new JsonArray(new BankStatementReader().read(file).get(0).lines().stream()
        .map(StatementLine::importId).toList());
    JsonArray domain = new JsonArray().add(new JsonArray().add("unique_import_id").add("in").add(importIds));
    Supplier<Future<HttpResponse<Buffer>>> post = () -> http
        .post(demo.gateway().publicPort(), "127.0.0.1", "/webhooks/" + DemoWebhooks.STATEMENT_SOURCE)
        .putHeader("Content-Type", "application/xml")
        .putHeader(DemoWebhooks.STATEMENT_SIGNATURE_HEADER, signature).sendBuffer(Buffer.buffer(file));
    post.get()
        .compose(first -> DeliveryTestKit.await(vertx, "the demo statement's lines in Odoo", WAIT,
                () -> Future.succeededFuture(standalone.count("account.bank.statement.line", domain) == 2))
            .compose(v -> post.get()).map(again -> List.of(first, again)))
        .onComplete(test.succeeding(answers -> test.verify(() -> {
          assertThat(answers.get(0).statusCode()).as(answers.get(0).bodyAsString()).isEqualTo(200);
          assertThat(answers.get(1).bodyAsJsonObject().getInteger("duplicates")).isEqualTo(1);
          long bnk1 = standalone.records("account.journal").stream()
              .filter(journal -> "BNK1".equals(journal.getString("code"))
                  && journal.getJsonArray("company_id").getLong(0) == 1L)
              .findFirst().orElseThrow().getLong("id");
          assertThat(standalone.records("account.bank.statement.line").stream()
              .filter(line -> importIds.contains(line.getString("unique_import_id")))
              .map(line -> line.getJsonArray("journal_id").getLong(0))).containsExactly(bnk1, bnk1);
          assertThat(standalone.count("account.bank.statement.line", domain)).isEqualTo(2);
          test.completeNow();
        })));
  }

  private static JsonObject find(JsonArray events, UUID id) {
    for (int i = 0; i < events.size(); i++) {
      if (events.getJsonObject(i).getString("id").equals(id.toString())) {
        return events.getJsonObject(i);
      }
    }
    return null;
  }
}
