package dev.ofg.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.config.ClientConfig;
import dev.ofg.testing.GatewayTestKit;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proves the fixed order of the policies (docs/policies.md) on a canonical route and on facade routes: each test
 * sends a request that two policies would both refuse and checks which one answers.
 *
 * <p>Canonical: content type and declared size, authentication, rate limit, permissions, JSON limits, schema,
 * Idempotency-Key. Facade (credentials inside the body): content type and size, JSON limits, authentication, rate
 * limit, allowlist, company scope, Idempotency-Key.
 */
@ExtendWith(VertxExtension.class)
class PolicyOrderTest {
  private static final String LIMITED = "limited";
  private static final String LIMITED_KEY = "limited-" + UUID.randomUUID();
  private static final int LIMITED_UID = 200201;
  private static final String EU = "eu";
  private static final String EU_KEY = "eu-" + UUID.randomUUID();
  private static final int EU_UID = 200202;
  private static final String INVOICES = "/api/v1/invoices";
  private static GatewayTestKit kit;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) {
    GatewayTestKit.Options options = GatewayTestKit.Options.defaults().withYaml(String.join("\n",
        "  - id: " + LIMITED,
        "    uid: " + LIMITED_UID,
        "    roles: [reader]",
        "    apiKeys: [{ sha256: " + ClientConfig.sha256Hex(LIMITED_KEY) + " }]",
        "  - id: " + EU,
        "    uid: " + EU_UID,
        "    roles: [finance-integration]",
        "    companies: [1]",
        "    apiKeys: [{ sha256: " + ClientConfig.sha256Hex(EU_KEY) + " }]",
        "rateLimits:",
        "  clients:",
        "    " + LIMITED + ":",
        "      finance-write: { ratePerSecond: 0.001, burst: 2 }",
        "      facade: { ratePerSecond: 0.001, burst: 2 }",
        "limits:",
        "  routeClasses:",
        "    facade: { maxBodyBytes: 8192, maxJsonDepth: 10 }",
        "  routes:",
        "    " + INVOICES + ": { maxBodyBytes: 4096, maxJsonDepth: 8 }",
        ""));
    GatewayTestKit.start(vertx, options)
        .compose(started -> {
          kit = started;
          return withKey(kit.http().put("/api/v1/partners/ORDER-P"), GatewayTestKit.ERP)
              .sendJsonObject(new JsonObject().put("name", "Order Customer"));
        })
        .onComplete(test.succeeding(partner -> test.verify(() -> {
          assertThat(partner.statusCode()).isEqualTo(201);
          test.completeNow();
        })));
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    kit.stop().onComplete(test.succeedingThenComplete());
  }

  private static HttpRequest<Buffer> withKey(HttpRequest<Buffer> request, String client) {
    return request.putHeader("Authorization", "Bearer " + kit.key(client))
        .putHeader("Idempotency-Key", UUID.randomUUID().toString());
  }

  private static Future<HttpResponse<Buffer>> postInvoice(String apiKey, String idempotencyKey, String body) {
    HttpRequest<Buffer> request = kit.http().post(INVOICES).putHeader("Content-Type", "application/json");
    if (apiKey != null) {
      request.putHeader("Authorization", "Bearer " + apiKey);
    }
    if (idempotencyKey != null) {
      request.putHeader("Idempotency-Key", idempotencyKey);
    }
    return request.sendBuffer(Buffer.buffer(body));
  }

  private static JsonObject invoice(String ref) {
    return GatewayTestKit.invoiceBody(ref, "ORDER-P", "EUR");
  }

  /** Builds {"a":{"a":...}} nested {@code depth} objects deep: valid JSON, invalid as an invoice. */
  private static String nested(int depth) {
    return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
  }

  private static String code(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject().getString("code");
  }

  private static Future<Long> storedKeys(String clientId, String key) {
    return kit.gateway().database().pool()
        .preparedQuery("SELECT count(*) FROM idempotency_keys WHERE client_id = $1 AND idem_key = $2")
        .execute(Tuple.of(clientId, key)).map(rows -> rows.iterator().next().getLong(0));
  }

  /** Sends one request after the other, so later ones see what earlier ones consumed. */
  private static Future<List<HttpResponse<Buffer>>> inSequence(int times,
      java.util.function.Supplier<Future<HttpResponse<Buffer>>> send) {
    Future<List<HttpResponse<Buffer>>> all = Future.succeededFuture(new ArrayList<>());
    for (int i = 0; i < times; i++) {
      all = all.compose(list -> send.get().map(response -> {
        list.add(response);
        return list;
      }));
    }
    return all;
  }

  // Canonical route: POST /api/v1/invoices

  @Test
  void sizeAndContentTypeAreRefusedBeforeAuthenticationWithoutReadingTheBody(VertxTestContext test) {
    Future<HttpResponse<Buffer>> tooLarge = postInvoice(null, null, "x".repeat(10_000));
    Future<HttpResponse<Buffer>> wrongType = kit.http().post(INVOICES).putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer("{}"));
    Future.all(tooLarge, wrongType).onComplete(test.succeeding(all -> test.verify(() -> {
      assertThat(tooLarge.result().statusCode()).isEqualTo(413);
      assertThat(code(tooLarge.result())).isEqualTo("PAYLOAD_TOO_LARGE");
      assertThat(tooLarge.result().bodyAsJsonObject().getString("detail"))
          .isEqualTo("the request body is 10000 bytes; this route accepts at most 4096");
      assertThat(wrongType.result().statusCode()).isEqualTo(415);
      assertThat(wrongType.result().getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(wrongType.result().bodyAsJsonObject().getString("detail"))
          .isEqualTo("this route accepts a body of type application/json, not text/plain");
      test.completeNow();
    })));
  }

  @Test
  void anUnauthenticatedRequestIsRefusedBeforeItsBodyIsParsed(VertxTestContext test) {
    Future<HttpResponse<Buffer>> malformed = postInvoice(null, null, "{\"externalRef\": ");
    Future<HttpResponse<Buffer>> tooDeep = postInvoice("not-a-key", null, nested(50));
    Future.all(malformed, tooDeep).onComplete(test.succeeding(all -> test.verify(() -> {
      assertThat(malformed.result().statusCode()).isEqualTo(401);
      assertThat(tooDeep.result().statusCode()).isEqualTo(401);
      test.completeNow();
    })));
  }

  @Test
  void aRateLimitedClientIsRefusedBeforeItsPermissionsAreChecked(VertxTestContext test) {
    inSequence(3, () -> postInvoice(LIMITED_KEY, UUID.randomUUID().toString(), invoice("ORDER-RL").encode()))
        .onComplete(test.succeeding(responses -> test.verify(() -> {
          assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(403, 403, 429);
          assertThat(responses.get(2).getHeader("Retry-After")).isNotNull();
          test.completeNow();
        })));
  }

  @Test
  void permissionsAreCheckedBeforeTheBodyIsLookedAt(VertxTestContext test) {
    postInvoice(kit.key(GatewayTestKit.READER), UUID.randomUUID().toString(), "{\"externalRef\": ")
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(403);
          assertThat(code(response)).isEqualTo("FORBIDDEN");
          test.completeNow();
        })));
  }

  @Test
  void jsonLimitsAreCheckedBeforeTheSchema(VertxTestContext test) {
    postInvoice(kit.key(GatewayTestKit.ERP), UUID.randomUUID().toString(), nested(9))
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(400);
          assertThat(code(response)).isEqualTo("JSON_LIMIT_EXCEEDED");
          assertThat(response.bodyAsJsonObject().getString("detail")).startsWith("the JSON nests deeper than 8 levels");
          test.completeNow();
        })));
  }

  @Test
  void anInvalidBodyNeverClaimsTheIdempotencyKey(VertxTestContext test) {
    String key = "order-" + UUID.randomUUID();
    String erp = kit.key(GatewayTestKit.ERP);
    postInvoice(erp, key, "{\"externalRef\": ")
        .compose(malformed -> postInvoice(erp, key, new JsonObject().put("externalRef", "ORDER-IDEM").encode())
            .compose(invalid -> storedKeys(GatewayTestKit.ERP, key)
                .compose(stored -> postInvoice(erp, key, invoice("ORDER-IDEM").encode())
                    .map(valid -> List.<Object>of(malformed, invalid, stored, valid)))))
        .onComplete(test.succeeding(results -> test.verify(() -> {
          assertThat(code((HttpResponse<Buffer>) results.get(0))).isEqualTo("MALFORMED_JSON");
          assertThat(code((HttpResponse<Buffer>) results.get(1))).isEqualTo("VALIDATION_FAILED");
          assertThat(results.get(2)).isEqualTo(0L);
          HttpResponse<Buffer> valid = (HttpResponse<Buffer>) results.get(3);
          assertThat(valid.statusCode()).as(valid.bodyAsString()).isEqualTo(201);
          assertThat(valid.getHeader("Idempotent-Replayed")).isNull();
          test.completeNow();
        })));
  }

  // Facade routes: credentials travel in the body

  private static Future<HttpResponse<Buffer>> jsonRpc(String body) {
    return kit.http().post("/jsonrpc").putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body));
  }

  private static JsonObject executeKw(String key, int uid, String model, String method, JsonArray args) {
    return GatewayTestKit.executeKwCall(key, uid, model, method, args, new JsonObject());
  }

  private static JsonObject rpcError(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject().getJsonObject("error").getJsonObject("data");
  }

  @Test
  void theFacadeRefusesSizeAndJsonLimitsBeforeReadingTheCredentialsInTheBody(VertxTestContext test) {
    JsonObject padded = executeKw("bogus", 1, "res.partner", "search", new JsonArray().add("x".repeat(9000)));
    Future<HttpResponse<Buffer>> tooLarge = jsonRpc(padded.encode());
    Future<HttpResponse<Buffer>> tooDeep = jsonRpc(executeKw("bogus", 1, "res.partner", "search",
        new JsonArray().add(new JsonObject(nested(11)))).encode());
    Future.all(tooLarge, tooDeep).onComplete(test.succeeding(all -> test.verify(() -> {
      assertThat(tooLarge.result().statusCode()).isEqualTo(413);
      assertThat(rpcError(tooLarge.result()).getString("name")).isEqualTo("werkzeug.exceptions.RequestEntityTooLarge");
      assertThat(tooDeep.result().statusCode()).isEqualTo(400);
      assertThat(rpcError(tooDeep.result()).getString("message")).startsWith("the JSON nests deeper than 10 levels");
      test.completeNow();
    })));
  }

  @Test
  void theFacadeRateLimitsBeforeTheAllowlist(VertxTestContext test) {
    String unlink = executeKw(LIMITED_KEY, LIMITED_UID, "res.partner", "unlink",
        new JsonArray().add(new JsonArray().add(999_999))).encode();
    inSequence(3, () -> jsonRpc(unlink)).onComplete(test.succeeding(responses -> test.verify(() -> {
      assertThat(rpcError(responses.get(0)).getString("name")).isEqualTo("odoo.exceptions.AccessError");
      assertThat(rpcError(responses.get(1)).getString("name")).isEqualTo("odoo.exceptions.AccessError");
      assertThat(responses.get(2).statusCode()).isEqualTo(429);
      assertThat(rpcError(responses.get(2)).getString("name")).isEqualTo("werkzeug.exceptions.TooManyRequests");
      test.completeNow();
    })));
  }

  @Test
  void theFacadeChecksCompaniesBeforeClaimingTheIdempotencyKey(VertxTestContext test) {
    String key = "order-facade-" + UUID.randomUUID();
    Buffer smuggled = executeKw(EU_KEY, EU_UID, "res.partner", "create",
        new JsonArray().add(new JsonObject().put("name", "Order Facade").put("company_id", 2))).toBuffer();
    Buffer honest = executeKw(EU_KEY, EU_UID, "res.partner", "create",
        new JsonArray().add(new JsonObject().put("name", "Order Facade"))).toBuffer();
    kit.http().post("/jsonrpc").putHeader("Content-Type", "application/json").putHeader("Idempotency-Key", key)
        .sendBuffer(smuggled)
        .compose(refused -> kit.http().post("/jsonrpc").putHeader("Content-Type", "application/json")
            .putHeader("Idempotency-Key", key).sendBuffer(honest).map(created -> List.of(refused, created)))
        .onComplete(test.succeeding(responses -> test.verify(() -> {
          assertThat(rpcError(responses.get(0)).getString("message"))
              .isEqualTo("client 'eu' may not reach company 2 (args[0].company_id)");
          assertThat(responses.get(1).bodyAsJsonObject().getValue("result")).isInstanceOf(Number.class);
          assertThat(responses.get(1).getHeader("Idempotent-Replayed")).isNull();
          test.completeNow();
        })));
  }

  @Test
  void xmlRpcRefusesAnotherContentTypeWithAFault(VertxTestContext test) {
    kit.http().post("/xmlrpc/2/object").putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{}"))
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(415);
          assertThat(response.getHeader("Content-Type")).startsWith("text/xml");
          assertThat(response.bodyAsString()).contains("<name>faultCode</name>")
              .contains("this route accepts a body of type text/xml or application/xml");
          test.completeNow();
        })));
  }
}
