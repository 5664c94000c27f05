package dev.ofg.policy.company;

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
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proves through every route (canonical API, JSON-RPC, web session call_kw, JSON-2, XML-RPC) that a client bound to
 * company 1 never reaches company 2's records, although the service account reaches both; and that naming company
 * 2 explicitly is refused with 403 before Odoo, and audited with the reason.
 */
@ExtendWith(VertxExtension.class)
class CompanyIsolationTest {
  private static final String EU = "eu";
  private static final String US = "us";
  private static final String GROUP = "group";
  private static final int EU_UID = 200101;
  private static final String EU_KEY = "eu-" + UUID.randomUUID();
  private static final String US_KEY = "us-" + UUID.randomUUID();
  private static final String GROUP_KEY = "group-" + UUID.randomUUID();
  private static GatewayTestKit kit;
  private static long usInvoiceId;

  private static String client(String id, int uid, String companies, String key) {
    return String.join("\n",
        "  - id: " + id,
        "    uid: " + uid,
        "    roles: [finance-integration]",
        "    companies: " + companies,
        "    apiKeys:",
        "      - sha256: " + ClientConfig.sha256Hex(key),
        "");
  }

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) {
    GatewayTestKit.Options options = GatewayTestKit.Options.defaults()
        .withYaml(client(EU, EU_UID, "[1]", EU_KEY) + client(US, 200102, "[2]", US_KEY)
            + client(GROUP, 200103, "[1, 2]", GROUP_KEY));
    GatewayTestKit.start(vertx, options)
        .compose(started -> {
          kit = started;
          return createInvoice(EU_KEY, "CO-P-EU", "CO-INV-EU", "EUR")
              .compose(eu -> createInvoice(US_KEY, "CO-P-US", "CO-INV-US", "USD"));
        })
        .onComplete(test.succeeding(usInvoice -> {
          usInvoiceId = usInvoice.getLong("odooId");
          test.completeNow();
        }));
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    kit.stop().onComplete(test.succeedingThenComplete());
  }

  private static Future<JsonObject> createInvoice(String key, String partnerRef, String ref, String currency) {
    JsonObject invoice = GatewayTestKit.invoiceBody(ref, partnerRef, currency);
    return kit.http().put("/api/v1/partners/" + partnerRef).putHeader("Authorization", "Bearer " + key)
        .putHeader("Idempotency-Key", UUID.randomUUID().toString())
        .sendJsonObject(new JsonObject().put("name", partnerRef))
        .compose(partner -> kit.http().post("/api/v1/invoices").putHeader("Authorization", "Bearer " + key)
            .putHeader("Idempotency-Key", UUID.randomUUID().toString()).sendJsonObject(invoice))
        .map(response -> {
          if (response.statusCode() != 201) {
            throw new AssertionError("invoice " + ref + ": " + response.statusCode() + " " + response.bodyAsString());
          }
          return response.bodyAsJsonObject();
        });
  }

  private static JsonArray refDomain(String ref) {
    return new JsonArray().add(new JsonArray().add("ref").add("=").add(ref));
  }

  private static Future<HttpResponse<Buffer>> executeKw(String key, int uid, String model, String method,
      JsonArray args, JsonObject kwargs) {
    return kit.executeKwWithKey(key, uid, model, method, args, kwargs);
  }

  private static Future<HttpResponse<Buffer>> json2(String key, String model, String method, JsonObject body) {
    return kit.http().post("/json/2/" + model + "/" + method).putHeader("Authorization", "bearer " + key)
        .putHeader("Content-Type", "application/json").sendBuffer(body.toBuffer());
  }

  private static Future<HttpResponse<Buffer>> xmlSearchCount(String key, int uid, String ref) {
    String call = "<?xml version='1.0'?><methodCall><methodName>execute_kw</methodName><params>"
        + "<param><value><string>testdb</string></value></param>"
        + "<param><value><int>" + uid + "</int></value></param>"
        + "<param><value><string>" + key + "</string></value></param>"
        + "<param><value><string>account.move</string></value></param>"
        + "<param><value><string>search_count</string></value></param>"
        + "<param><value><array><data><value><array><data><value><array><data>"
        + "<value><string>ref</string></value><value><string>=</string></value><value><string>" + ref
        + "</string></value></data></array></value></data></array></value></data></array></value></param>"
        + "</params></methodCall>";
    return kit.http().post("/xmlrpc/2/object").putHeader("Content-Type", "text/xml").sendBuffer(Buffer.buffer(call));
  }

  private static Future<HttpResponse<Buffer>> callKw(String login, String key, String model, String method,
      JsonArray args, JsonObject kwargs) {
    return kit.http().post("/web/session/authenticate").putHeader("Content-Type", "application/json")
        .sendJsonObject(new JsonObject().put("jsonrpc", "2.0").put("method", "call").put("params",
            new JsonObject().put("db", "testdb").put("login", login).put("password", key)))
        .compose(auth -> kit.http().post("/web/dataset/call_kw/" + model + "/" + method)
            .putHeader("Content-Type", "application/json").putHeader("Cookie", auth.cookies().get(0).split(";")[0])
            .sendJsonObject(new JsonObject().put("jsonrpc", "2.0").put("method", "call").put("id", 2)
                .put("params", new JsonObject().put("model", model).put("method", method).put("args", args)
                    .put("kwargs", kwargs))));
  }

  private static List<String> refs(JsonArray records) {
    List<String> refs = new ArrayList<>();
    records.forEach(record -> refs.add(((JsonObject) record).getString("ref")));
    return refs;
  }

  @Test
  void aCompanyOneClientReachesNoCompanyTwoRecordOnAnyRoute(VertxTestContext test) {
    JsonObject fields = new JsonObject().put("fields", new JsonArray().add("ref").add("company_id"));
    Future<HttpResponse<Buffer>> jsonRpcList = executeKw(EU_KEY, EU_UID, "account.move", "search_read",
        new JsonArray().add(new JsonArray()), fields);
    Future<HttpResponse<Buffer>> jsonRpcRead = executeKw(EU_KEY, EU_UID, "account.move", "read",
        new JsonArray().add(new JsonArray().add(usInvoiceId)), fields);
    Future<HttpResponse<Buffer>> sessionList = callKw(EU, EU_KEY, "account.move", "search_read",
        new JsonArray().add(refDomain("CO-INV-US")), fields);
    Future<HttpResponse<Buffer>> json2List = json2(EU_KEY, "account.move", "search_read",
        new JsonObject().put("domain", refDomain("CO-INV-US")).put("fields", new JsonArray().add("ref")));
    Future<HttpResponse<Buffer>> xmlCount = xmlSearchCount(EU_KEY, EU_UID, "CO-INV-US");
    Future<HttpResponse<Buffer>> canonical = kit.http().get("/api/v1/invoices/CO-INV-US")
        .putHeader("Authorization", "Bearer " + EU_KEY).send();
    Future.all(List.of(jsonRpcList, jsonRpcRead, sessionList, json2List, xmlCount, canonical))
        .onComplete(test.succeeding(all -> test.verify(() -> {
          JsonArray visible = jsonRpcList.result().bodyAsJsonObject().getJsonArray("result");
          assertThat(refs(visible)).contains("CO-INV-EU").doesNotContain("CO-INV-US");
          visible.forEach(move -> assertThat(((JsonObject) move).getJsonArray("company_id").getLong(0)).isEqualTo(1L));

          JsonObject readError = jsonRpcRead.result().bodyAsJsonObject().getJsonObject("error");
          assertThat(readError.getJsonObject("data").getString("name")).isEqualTo("odoo.exceptions.AccessError");
          assertThat(jsonRpcRead.result().bodyAsJsonObject().containsKey("result")).isFalse();

          assertThat(sessionList.result().bodyAsJsonObject().getJsonArray("result")).isEmpty();
          assertThat(json2List.result().statusCode()).isEqualTo(200);
          assertThat(json2List.result().bodyAsJsonArray()).isEmpty();
          assertThat(xmlCount.result().bodyAsString()).contains("<int>0</int>").doesNotContain("fault");

          assertThat(canonical.result().statusCode()).isEqualTo(404);
          assertThat(canonical.result().bodyAsString()).doesNotContain("CO-INV-US").doesNotContain("INV/");
          test.completeNow();
        })));
  }

  @Test
  void theRecordsExistForTheirOwnCompanyAndForAnUnboundClient(VertxTestContext test) {
    Future<HttpResponse<Buffer>> us = kit.http().get("/api/v1/invoices/CO-INV-US")
        .putHeader("Authorization", "Bearer " + US_KEY).send();
    Future<HttpResponse<Buffer>> unbound = executeKw(kit.key(GatewayTestKit.ERP), 200001, "account.move", "search_read",
        new JsonArray().add(new JsonArray().add(new JsonArray().add("ref").add("like").add("CO-INV-"))),
        new JsonObject().put("fields", new JsonArray().add("ref")));
    Future.all(us, unbound).onComplete(test.succeeding(all -> test.verify(() -> {
      assertThat(us.result().statusCode()).isEqualTo(200);
      assertThat(us.result().bodyAsJsonObject().getLong("odooId")).isEqualTo(usInvoiceId);
      assertThat(refs(unbound.result().bodyAsJsonObject().getJsonArray("result")))
          .containsExactlyInAnyOrder("CO-INV-EU", "CO-INV-US");
      test.completeNow();
    })));
  }

  @Test
  void aClientOfTwoCompaniesMayNarrowToOne(VertxTestContext test) {
    JsonObject onlyUs = new JsonObject().put("fields", new JsonArray().add("ref"))
        .put("context", new JsonObject().put("allowed_company_ids", new JsonArray().add(2)));
    executeKw(GROUP_KEY, 200103, "account.move", "search_read",
        new JsonArray().add(new JsonArray().add(new JsonArray().add("ref").add("like").add("CO-INV-"))), onlyUs)
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertThat(refs(response.bodyAsJsonObject().getJsonArray("result"))).containsExactly("CO-INV-US");
          test.completeNow();
        })));
  }

  @Test
  void namingAnotherCompanyIsRefusedBeforeOdooAndAuditedWithTheReason(VertxTestContext test) {
    long searchesBefore = kit.sandbox().callCount("account.move", "search_read");
    long createsBefore = kit.sandbox().callCount("res.partner", "create");
    Future<HttpResponse<Buffer>> viaContext = executeKw(EU_KEY, EU_UID, "account.move", "search_read",
        new JsonArray().add(new JsonArray()), new JsonObject().put("context",
            new JsonObject().put("allowed_company_ids", new JsonArray().add(2))));
    Future<HttpResponse<Buffer>> viaForceCompany = json2(EU_KEY, "account.move", "search_read",
        new JsonObject().put("domain", new JsonArray()).put("context", new JsonObject().put("force_company", 2)));
    Future<HttpResponse<Buffer>> viaValues = executeKw(EU_KEY, EU_UID, "res.partner", "create",
        new JsonArray().add(new JsonObject().put("name", "Smuggled").put("company_id", 2)), new JsonObject());
    Future.all(viaContext, viaForceCompany, viaValues)
        .compose(all -> kit.auditRows(viaContext.result().getHeader("X-Correlation-Id"))
            .compose(contextRows -> kit.auditRows(viaValues.result().getHeader("X-Correlation-Id"))
                .map(valueRows -> List.of(contextRows.get(0), valueRows.get(0)))))
        .onComplete(test.succeeding(audit -> test.verify(() -> {
          JsonObject contextError = viaContext.result().bodyAsJsonObject().getJsonObject("error").getJsonObject("data");
          assertThat(contextError.getString("name")).isEqualTo("odoo.exceptions.AccessError");
          assertThat(contextError.getString("message"))
              .isEqualTo("client 'eu' may not reach company 2 (context.allowed_company_ids)");
          assertThat(viaForceCompany.result().statusCode()).isEqualTo(403);
          assertThat(viaValues.result().bodyAsJsonObject().getJsonObject("error").getJsonObject("data")
              .getString("message")).isEqualTo("client 'eu' may not reach company 2 (args[0].company_id)");

          assertThat(kit.sandbox().callCount("account.move", "search_read")).isEqualTo(searchesBefore);
          assertThat(kit.sandbox().callCount("res.partner", "create")).isEqualTo(createsBefore);
          assertThat(kit.sandbox().count("res.partner", new JsonArray().add(
              new JsonArray().add("name").add("=").add("Smuggled")))).isZero();

          assertThat(audit.get(0).getString("client_id")).isEqualTo(EU);
          assertThat(audit.get(0).getString("outcome")).isEqualTo("denied");
          assertThat(audit.get(0).getInteger("status")).isEqualTo(200);
          assertThat(audit.get(0).getString("reason"))
              .isEqualTo("company 2 outside the client's companies (context.allowed_company_ids)");
          assertThat(audit.get(1).getString("odoo_model")).isEqualTo("res.partner");
          assertThat(audit.get(1).getString("reason"))
              .isEqualTo("company 2 outside the client's companies (args[0].company_id)");
          test.completeNow();
        })));
  }
}
