package dev.ofg.policy.authz;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the permission matrix end to end: three clients with different roles, every canonical route and a set of
 * Odoo model methods through the facade, each cell expected to be allowed or denied (403) as the roles in the
 * configuration say; and checks that denials land in the audit trail with their reason.
 */
@ExtendWith(VertxExtension.class)
class PermissionMatrixTest {
  private static final String CASHIER = "cashier";
  private static final String CASHIER_KEY = "cashier-" + UUID.randomUUID();
  private static final Map<String, Integer> UIDS = Map.of(GatewayTestKit.ERP, 200001, GatewayTestKit.READER, 200002,
      CASHIER, 200301);
  private static GatewayTestKit kit;

  /** Roles as configured: erp = finance-integration, reader = reader, cashier = payments and partner search. */
  private static final String EXPECTED = String.join("\n",
      //                                      erp    reader  cashier
      "PUT /api/v1/partners/:ref             | ALLOW | DENY  | DENY",
      "GET /api/v1/partners/:ref             | ALLOW | ALLOW | DENY",
      "POST /api/v1/invoices                 | ALLOW | DENY  | DENY",
      "GET /api/v1/invoices/:ref             | ALLOW | ALLOW | DENY",
      "POST /api/v1/invoices/:ref/post       | ALLOW | DENY  | DENY",
      "POST /api/v1/payments                 | ALLOW | DENY  | ALLOW",
      "GET /api/v1/payments/:ref             | ALLOW | DENY  | ALLOW",
      "res.partner.search_read               | ALLOW | ALLOW | DENY",
      "res.partner.search                    | ALLOW | ALLOW | ALLOW",
      "res.partner.create                    | ALLOW | DENY  | DENY",
      "res.partner.write                     | ALLOW | DENY  | DENY",
      "res.partner.unlink                    | DENY  | DENY  | DENY",
      "account.move.search_count             | ALLOW | ALLOW | DENY",
      "account.move.action_post              | ALLOW | DENY  | DENY",
      "account.move.unlink                   | DENY  | DENY  | DENY",
      "account.payment.search                | ALLOW | DENY  | ALLOW",
      "account.payment.create                | ALLOW | DENY  | ALLOW",
      "account.journal.search                | ALLOW | DENY  | DENY",
      "res.users.search_read                 | DENY  | DENY  | DENY");
  private static final List<String> CLIENTS = List.of(GatewayTestKit.ERP, GatewayTestKit.READER, CASHIER);

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) {
    GatewayTestKit.Options options = GatewayTestKit.Options.defaults()
        .withRoles(String.join("\n",
            "  cashier:",
            "    models:",
            "      account.payment: [search, read, create]",
            "      res.partner: [search]",
            ""))
        .withYaml(String.join("\n",
            "  - id: " + CASHIER,
            "    uid: " + UIDS.get(CASHIER),
            "    roles: [cashier]",
            "    apiKeys: [{ sha256: " + ClientConfig.sha256Hex(CASHIER_KEY) + " }]",
            ""));
    GatewayTestKit.start(vertx, options).onComplete(test.succeeding(started -> {
      kit = started;
      test.completeNow();
    }));
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    kit.stop().onComplete(test.succeedingThenComplete());
  }

  private static String key(String client) {
    return CASHIER.equals(client) ? CASHIER_KEY : kit.key(client);
  }

  private static Future<String> canonical(String client, String cell) {
    String[] parts = cell.split(" ");
    String path = parts[1].replace(":ref", "MATRIX-" + client);
    var request = kit.http().request(io.vertx.core.http.HttpMethod.valueOf(parts[0]), path)
        .putHeader("Authorization", "Bearer " + key(client)).putHeader("Idempotency-Key", UUID.randomUUID().toString());
    // Write bodies are schema-invalid on purpose where that is enough to tell "allowed" (400) from "denied" (403).
    JsonObject body = path.startsWith("/api/v1/partners/") ? new JsonObject().put("name", "Matrix " + client)
        : new JsonObject();
    Future<HttpResponse<Buffer>> sent = "GET".equals(parts[0]) ? request.send() : request.sendJsonObject(body);
    return sent.map(response -> {
      int status = response.statusCode();
      if (status == 401 || status == 429 || status >= 500) {
        throw new AssertionError(cell + " as " + client + ": unexpected " + status + " " + response.bodyAsString());
      }
      return status == 403 && "FORBIDDEN".equals(response.bodyAsJsonObject().getString("code")) ? "DENY" : "ALLOW";
    });
  }

  private static Future<String> facade(String client, String cell) {
    int dot = cell.lastIndexOf('.');
    String model = cell.substring(0, dot);
    String method = cell.substring(dot + 1);
    JsonArray args = new JsonArray();
    switch (method) {
      case "create":
        args.add(new JsonObject().put("name", "Matrix " + client));
        break;
      case "write":
        args.add(new JsonArray().add(999_999)).add(new JsonObject().put("name", "x"));
        break;
      case "unlink":
      case "action_post":
        args.add(new JsonArray().add(999_999));
        break;
      default:
        args.add(new JsonArray());
    }
    return kit.executeKwWithKey(key(client), UIDS.get(client), model, method, args, new JsonObject()).map(response -> {
      JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
      String message = error == null ? "" : error.getJsonObject("data").getString("message", "");
      if (response.statusCode() != 200) {
        throw new AssertionError(cell + " as " + client + ": unexpected " + response.statusCode());
      }
      return message.startsWith("client '" + client + "' may not call") ? "DENY" : "ALLOW";
    });
  }

  @Test
  void everyClientReachesExactlyWhatItsRolesGrantOnEveryRoute(VertxTestContext test) {
    Map<String, String> expected = new TreeMap<>();
    Map<String, Future<String>> actual = new TreeMap<>();
    for (String line : EXPECTED.split("\n")) {
      String[] columns = line.split("\\|");
      String cell = columns[0].trim();
      for (int i = 0; i < CLIENTS.size(); i++) {
        String client = CLIENTS.get(i);
        expected.put(client + " " + cell, columns[i + 1].trim());
        Function<String, Future<String>> probe = cell.startsWith("/") || cell.contains(" /")
            ? c -> canonical(c, cell) : c -> facade(c, cell);
        actual.put(client + " " + cell, probe.apply(client));
      }
    }
    Future.all(new ArrayList<>(actual.values())).onComplete(test.succeeding(all -> test.verify(() -> {
      Map<String, String> outcomes = new TreeMap<>();
      actual.forEach((cell, outcome) -> outcomes.put(cell, outcome.result()));
      assertThat(outcomes).isEqualTo(expected);
      test.completeNow();
    })));
  }

  @Test
  void everyDenialIsAuditedWithItsReason(VertxTestContext test) {
    Future<HttpResponse<Buffer>> canonicalDenied = kit.http().post("/api/v1/invoices")
        .putHeader("Authorization", "Bearer " + kit.key(GatewayTestKit.READER))
        .putHeader("Idempotency-Key", UUID.randomUUID().toString()).sendJsonObject(new JsonObject());
    Future<HttpResponse<Buffer>> facadeDenied = kit.executeKw(GatewayTestKit.READER, 200002, "res.partner", "unlink",
        new JsonArray().add(new JsonArray().add(999_999)), new JsonObject());
    Future<HttpResponse<Buffer>> unauthenticated = kit.http().get("/api/v1/invoices/AUDIT-1").send();
    Future<HttpResponse<Buffer>> notAdmin = kit.management().post("/admin/reload")
        .putHeader("Authorization", "Bearer " + kit.key(GatewayTestKit.ERP)).send();
    Future.all(canonicalDenied, facadeDenied, unauthenticated, notAdmin)
        .compose(all -> Future.all(audit(canonicalDenied), audit(facadeDenied), audit(unauthenticated),
            audit(notAdmin)))
        .onComplete(test.succeeding(rows -> test.verify(() -> {
          JsonObject canonical = rows.resultAt(0);
          assertThat(canonical.getString("client_id")).isEqualTo(GatewayTestKit.READER);
          assertThat(canonical.getString("route")).isEqualTo("/api/v1/invoices");
          assertThat(canonical.getString("outcome")).isEqualTo("denied");
          assertThat(canonical.getInteger("status")).isEqualTo(403);
          assertThat(canonical.getString("reason")).isEqualTo("not in allowlist: account.move.create");

          JsonObject facade = rows.resultAt(1);
          assertThat(facade.getString("route")).isEqualTo("/jsonrpc");
          assertThat(facade.getString("outcome")).isEqualTo("denied");
          assertThat(facade.getString("reason")).isEqualTo("not in allowlist: res.partner.unlink");

          JsonObject anonymous = rows.resultAt(2);
          assertThat(anonymous.getString("client_id")).isNull();
          assertThat(anonymous.getString("outcome")).isEqualTo("unauthenticated");
          assertThat(anonymous.getString("reason")).startsWith("UNAUTHENTICATED: ");

          JsonObject admin = rows.resultAt(3);
          assertThat(admin.getString("client_id")).isEqualTo(GatewayTestKit.ERP);
          assertThat(admin.getString("outcome")).isEqualTo("denied");
          assertThat(admin.getString("reason")).isEqualTo("admin role required");
          test.completeNow();
        })));
  }

  private static Future<JsonObject> audit(Future<HttpResponse<Buffer>> response) {
    return kit.auditRows(response.result().getHeader("X-Correlation-Id")).map(rows -> rows.get(0));
  }
}
