package dev.ofg.odoo.facade;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * Checks least privilege at the facade: clients authenticate as themselves, the gateway calls Odoo as its service
 * account, and the Odoo credentials appear in no response and no log line.
 */
@ExtendWith(VertxExtension.class)
class CredentialSwapTest {
  private static GatewayTestKit kit;
  private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) {
    Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    LOGS.start();
    root.addAppender(LOGS);
    GatewayTestKit.start(vertx, GatewayTestKit.Options.defaults()).onComplete(test.succeeding(started -> {
      kit = started;
      test.completeNow();
    }));
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(LOGS);
    kit.stop().onComplete(test.succeedingThenComplete());
  }

  @Test
  void clientsSeeTheirOwnIdentityAndOdooSeesTheServiceAccount(VertxTestContext test) {
    String key = kit.key(GatewayTestKit.ERP);
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    calls.add(kit.jsonRpc("common", "authenticate", new JsonArray().add("testdb").add(GatewayTestKit.ERP).add(key)
        .add(new JsonObject())));
    // The Odoo service account's own credentials do not open the gateway.
    calls.add(kit.jsonRpc("common", "login", new JsonArray().add("testdb").add(GatewayTestKit.SERVICE_LOGIN)
        .add(kit.odooPassword())));
    calls.add(kit.executeKw(GatewayTestKit.ERP, 200001, "res.partner", "create",
        new JsonArray().add(new JsonObject().put("name", "Swap Partner").put("ref", "SWAP-1")), new JsonObject()));
    calls.add(kit.jsonRpc("object", "execute_kw", new JsonArray().add("testdb").add(6).add(kit.odooPassword())
        .add("res.partner").add("search_count").add(new JsonArray().add(new JsonArray()))));
    calls.add(kit.http().post("/web/session/authenticate").putHeader("Content-Type", "application/json")
        .sendJsonObject(new JsonObject().put("jsonrpc", "2.0").put("method", "call").put("params",
            new JsonObject().put("db", "testdb").put("login", GatewayTestKit.ERP).put("password", key))));
    calls.add(kit.jsonRpc("common", "version", new JsonArray()));
    calls.add(kit.executeKw(GatewayTestKit.ERP, 200001, "res.partner", "unlink",
        new JsonArray().add(new JsonArray().add(1)), new JsonObject()));
    Future.all(new ArrayList<>(calls)).onComplete(test.succeeding(all -> test.verify(() -> {
      assertThat(calls.get(0).result().bodyAsJsonObject().getInteger("result")).isEqualTo(200001);
      assertThat(calls.get(1).result().bodyAsJsonObject().getBoolean("result")).isFalse();
      assertThat(calls.get(3).result().bodyAsJsonObject().getJsonObject("error").getJsonObject("data")
          .getString("name")).isEqualTo("odoo.exceptions.AccessDenied");
      JsonObject session = calls.get(4).result().bodyAsJsonObject().getJsonObject("result");
      assertThat(session.getInteger("uid")).isEqualTo(200001);
      assertThat(session.getString("username")).isEqualTo(GatewayTestKit.ERP);
      JsonObject partner = kit.sandbox().records("res.partner").stream()
          .filter(p -> "SWAP-1".equals(p.getString("ref"))).findFirst().orElseThrow();
      assertThat(partner.getValue("create_uid").toString()).contains("6");
      for (Future<HttpResponse<Buffer>> call : calls) {
        String everything = call.result().headers().toString() + call.result().bodyAsString();
        assertThat(everything).doesNotContain(kit.odooPassword()).doesNotContain(GatewayTestKit.SERVICE_LOGIN);
      }
      List<String> lines = new ArrayList<>();
      LOGS.list.forEach(event -> lines.add(event.getFormattedMessage() + event.getKeyValuePairs()));
      assertThat(String.join("\n", lines)).doesNotContain(kit.odooPassword()).doesNotContain(key);
      test.completeNow();
    })));
  }
}
