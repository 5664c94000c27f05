package dev.ofg.odoo.facade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.testing.GatewayTestKit;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Checks that every facade route enforces the per-client allowlist (deny by default) before Odoo is called,
 * each answering in its own protocol's error shape.
 */
@ExtendWith(VertxExtension.class)
class FacadeAllowlistTest {
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

  private static String xmlExecuteKw(String key, int uid, String model, String method) {
    return "<?xml version='1.0'?><methodCall><methodName>execute_kw</methodName><params>"
        + "<param><value><string>testdb</string></value></param>"
        + "<param><value><int>" + uid + "</int></value></param>"
        + "<param><value><string>" + key + "</string></value></param>"
        + "<param><value><string>" + model + "</string></value></param>"
        + "<param><value><string>" + method + "</string></value></param>"
        + "<param><value><array><data><value><array><data><value><int>1</int></value></data></array></value>"
        + "</data></array></value></param></params></methodCall>";
  }

  @Test
  void deniesMethodsOutsideTheAllowlistOnEveryRoute(VertxTestContext test) {
    long unlinksBefore = kit.sandbox().callCount("res.partner", "unlink");
    String key = kit.key(GatewayTestKit.ERP);
    Future<HttpResponse<Buffer>> jsonRpc = kit.executeKw(GatewayTestKit.ERP, 200001, "res.partner", "unlink",
        new JsonArray().add(new JsonArray().add(1)), new JsonObject());
    Future<HttpResponse<Buffer>> xmlRpc = kit.http().post("/xmlrpc/2/object").putHeader("Content-Type", "text/xml")
        .sendBuffer(Buffer.buffer(xmlExecuteKw(key, 200001, "res.partner", "unlink")));
    Future<HttpResponse<Buffer>> json2 = kit.http().post("/json/2/res.partner/unlink")
        .putHeader("Authorization", "bearer " + key).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{\"ids\": [1]}"));
    Future<HttpResponse<Buffer>> callKw = kit.http().post("/web/session/authenticate")
        .putHeader("Content-Type", "application/json")
        .sendJsonObject(new JsonObject().put("jsonrpc", "2.0").put("method", "call").put("params",
            new JsonObject().put("db", "testdb").put("login", GatewayTestKit.ERP).put("password", key)))
        .compose(auth -> kit.http().post("/web/dataset/call_kw/res.partner/unlink")
            .putHeader("Content-Type", "application/json")
            .putHeader("Cookie", auth.cookies().get(0).split(";")[0])
            .sendJsonObject(new JsonObject().put("jsonrpc", "2.0").put("method", "call").put("id", 3).put("params",
                new JsonObject().put("model", "res.partner").put("method", "unlink")
                    .put("args", new JsonArray().add(new JsonArray().add(1))).put("kwargs", new JsonObject()))));
    Future.all(jsonRpc, xmlRpc, json2, callKw).onComplete(test.succeeding(all -> test.verify(() -> {
      JsonObject rpcError = jsonRpc.result().bodyAsJsonObject().getJsonObject("error");
      assertThat(jsonRpc.result().statusCode()).isEqualTo(200);
      assertThat(rpcError.getJsonObject("data").getString("name")).isEqualTo("odoo.exceptions.AccessError");
      assertThat(jsonRpc.result().bodyAsJsonObject().getValue("id")).isEqualTo(7);

      assertThat(xmlRpc.result().statusCode()).isEqualTo(200);
      assertThat(xmlRpc.result().bodyAsString()).contains("<name>faultCode</name>").contains("<int>4</int>");

      assertThat(json2.result().statusCode()).isEqualTo(403);
      assertThat(json2.result().bodyAsJsonObject().getString("name")).isEqualTo("odoo.exceptions.AccessError");

      JsonObject kwError = callKw.result().bodyAsJsonObject().getJsonObject("error");
      assertThat(kwError.getJsonObject("data").getString("name")).isEqualTo("odoo.exceptions.AccessError");

      assertThat(kit.sandbox().callCount("res.partner", "unlink")).isEqualTo(unlinksBefore);
      test.completeNow();
    })));
  }

  @Test
  void deniesModelsNoRoleGrants(VertxTestContext test) {
    kit.executeKw(GatewayTestKit.ERP, 200001, "res.users", "search_read", new JsonArray().add(new JsonArray()),
            new JsonObject())
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertThat(response.bodyAsJsonObject().getJsonObject("error").getJsonObject("data").getString("message"))
              .contains("may not call search_read on res.users");
          test.completeNow();
        })));
  }

  @Test
  void refusesPrivateMethodsBeforeTheAllowlist(VertxTestContext test) {
    kit.http().post("/json/2/res.partner/_compute_display_name")
        .putHeader("Authorization", "bearer " + kit.key(GatewayTestKit.ERP)).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{}"))
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(403);
          test.completeNow();
        })));
  }

  @Test
  void aReadOnlyClientCanReadButNotWrite(VertxTestContext test) {
    Future<HttpResponse<Buffer>> read = kit.executeKw(GatewayTestKit.READER, 200002, "res.partner", "search_count",
        new JsonArray().add(new JsonArray()), new JsonObject());
    Future<HttpResponse<Buffer>> write = kit.executeKw(GatewayTestKit.READER, 200002, "res.partner", "create",
        new JsonArray().add(new JsonObject().put("name", "Nope")), new JsonObject());
    Future.all(read, write).onComplete(test.succeeding(all -> test.verify(() -> {
      assertThat(read.result().bodyAsJsonObject().getValue("result")).isInstanceOf(Number.class);
      assertThat(write.result().bodyAsJsonObject().getJsonObject("error").getJsonObject("data").getString("name"))
          .isEqualTo("odoo.exceptions.AccessError");
      test.completeNow();
    })));
  }
}
