package dev.ofg.policy.idempotency;

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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sends ten requests with one Idempotency-Key at once, on the canonical API and on the facade, while Odoo is slow
 * enough for all of them to overlap: exactly one reaches Odoo's create; the others are refused as in flight (409)
 * or get the first one's response replayed.
 */
@ExtendWith(VertxExtension.class)
class IdempotencyConcurrencyTest {
  private static final int CONCURRENT = 10;
  private static GatewayTestKit kit;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) {
    GatewayTestKit.start(vertx, GatewayTestKit.Options.defaults())
        .compose(started -> {
          kit = started;
          return kit.http().put("/api/v1/partners/IDEM-P").putHeader("Authorization", "Bearer " + erpKey())
              .putHeader("Idempotency-Key", UUID.randomUUID().toString())
              .sendJsonObject(new JsonObject().put("name", "Idempotent Customer"));
        })
        .onComplete(test.succeedingThenComplete());
  }

  @AfterEach
  void fastOdoo() {
    kit.sandbox().faults().reset();
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    kit.stop().onComplete(test.succeedingThenComplete());
  }

  private static String erpKey() {
    return kit.key(GatewayTestKit.ERP);
  }

  private static JsonArray byField(String field, String value) {
    return new JsonArray().add(new JsonArray().add(field).add("=").add(value));
  }

  private static List<Future<HttpResponse<Buffer>>> atOnce(java.util.function.Supplier<Future<HttpResponse<Buffer>>> send) {
    List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
    for (int i = 0; i < CONCURRENT; i++) {
      all.add(send.get());
    }
    return all;
  }

  @Test
  void tenCanonicalCreatesWithOneKeyReachOdooOnce(VertxTestContext test) {
    String key = "idem-" + UUID.randomUUID();
    JsonObject invoice = GatewayTestKit.invoiceBody("IDEM-INV-1", "IDEM-P", "EUR");
    long createsBefore = kit.sandbox().callCount("account.move", "create");
    kit.sandbox().faults().latencyMs(200);
    List<Future<HttpResponse<Buffer>>> responses = atOnce(() -> kit.http().post("/api/v1/invoices")
        .putHeader("Authorization", "Bearer " + erpKey()).putHeader("Idempotency-Key", key).sendJsonObject(invoice));
    Future.join(responses).onComplete(test.succeeding(all -> test.verify(() -> {
      int firsts = 0;
      for (Future<HttpResponse<Buffer>> future : responses) {
        HttpResponse<Buffer> response = future.result();
        if (response.statusCode() == 409) {
          assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("IDEMPOTENCY_KEY_IN_FLIGHT");
          assertThat(response.getHeader("Retry-After")).isNotNull();
        } else {
          assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
          firsts += response.getHeader("Idempotent-Replayed") == null ? 1 : 0;
        }
      }
      assertThat(firsts).isEqualTo(1);
      assertThat(kit.sandbox().callCount("account.move", "create") - createsBefore).isEqualTo(1);
      assertThat(kit.sandbox().count("account.move", byField("ref", "IDEM-INV-1"))).isEqualTo(1);
      test.completeNow();
    })));
  }

  @Test
  void tenFacadeCreatesWithOneKeyReachOdooOnce(VertxTestContext test) {
    String key = "idem-facade-" + UUID.randomUUID();
    String name = "Facade Once " + UUID.randomUUID();
    JsonObject envelope = GatewayTestKit.executeKwCall(erpKey(), 200001, "res.partner", "create",
        new JsonArray().add(new JsonObject().put("name", name)), new JsonObject());
    long createsBefore = kit.sandbox().callCount("res.partner", "create");
    kit.sandbox().faults().latencyMs(200);
    List<Future<HttpResponse<Buffer>>> responses = atOnce(() -> kit.http().post("/jsonrpc")
        .putHeader("Content-Type", "application/json").putHeader("Idempotency-Key", key)
        .sendBuffer(envelope.toBuffer()));
    Future.join(responses).onComplete(test.succeeding(all -> test.verify(() -> {
      List<Object> ids = new ArrayList<>();
      int firsts = 0;
      for (Future<HttpResponse<Buffer>> future : responses) {
        JsonObject body = future.result().bodyAsJsonObject();
        if (body.containsKey("error")) {
          assertThat(body.getJsonObject("error").getJsonObject("data").getString("message"))
              .isEqualTo("a request with this Idempotency-Key is still being processed");
        } else {
          ids.add(body.getValue("result"));
          firsts += future.result().getHeader("Idempotent-Replayed") == null ? 1 : 0;
        }
      }
      assertThat(firsts).isEqualTo(1);
      assertThat(ids).hasSizeGreaterThanOrEqualTo(1).containsOnly(ids.get(0));
      assertThat(kit.sandbox().callCount("res.partner", "create") - createsBefore).isEqualTo(1);
      assertThat(kit.sandbox().count("res.partner", byField("name", name))).isEqualTo(1);
      test.completeNow();
    })));
  }
}
