package dev.ofg.policy.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.testing.GatewayTestKit;
import dev.ofg.testing.OdooAnswerHold;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Restarts the gateway on the same PostgreSQL database: a completed request is replayed from the store (the
 * in-process cache is gone) without calling Odoo again; and a gateway that dies after Odoo created a record but
 * before it stored the response does not create a second record when the client retries with the same key.
 */
@ExtendWith(VertxExtension.class)
class IdempotencyRestartTest {
  private static GatewayTestKit kit;
  private static Vertx vertx;

  @BeforeAll
  static void start(Vertx testVertx, VertxTestContext test) {
    vertx = testVertx;
    GatewayTestKit.start(vertx, GatewayTestKit.Options.defaults())
        .compose(started -> {
          kit = started;
          return kit.http().put("/api/v1/partners/RESTART-P").putHeader("Authorization", "Bearer " + erpKey())
              .putHeader("Idempotency-Key", UUID.randomUUID().toString())
              .sendJsonObject(new JsonObject().put("name", "Restart Customer"));
        })
        .onComplete(test.succeedingThenComplete());
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    kit.stop().onComplete(test.succeedingThenComplete());
  }

  private static String erpKey() {
    return kit.key(GatewayTestKit.ERP);
  }

  private static JsonObject invoice(String ref) {
    return GatewayTestKit.invoiceBody(ref, "RESTART-P", "EUR");
  }

  private static Future<HttpResponse<Buffer>> postInvoice(String key, String correlationId, JsonObject body) {
    return kit.http().post("/api/v1/invoices").putHeader("Authorization", "Bearer " + erpKey())
        .putHeader("Idempotency-Key", key).putHeader("X-Correlation-Id", correlationId).sendJsonObject(body);
  }

  private static long movesWithRef(String ref) {
    return kit.sandbox().count("account.move", new JsonArray().add(new JsonArray().add("ref").add("=").add(ref)));
  }

  @Test
  void aCompletedRequestIsReplayedByANewGatewayWithoutCallingOdoo(VertxTestContext test) {
    String key = "restart-" + UUID.randomUUID();
    String facadeKey = "restart-facade-" + UUID.randomUUID();
    JsonObject rpc = GatewayTestKit.executeKwCall(erpKey(), 200001, "res.partner", "create",
        new JsonArray().add(new JsonObject().put("name", "Restart Facade")), new JsonObject());
    Future<List<HttpResponse<Buffer>>> before = postInvoice(key, UUID.randomUUID().toString(), invoice("RESTART-1"))
        .compose(canonical -> kit.http().post("/jsonrpc").putHeader("Content-Type", "application/json")
            .putHeader("Idempotency-Key", facadeKey).sendBuffer(rpc.toBuffer()).map(facade -> List.of(canonical, facade)));
    before.compose(first -> {
      long moveCreates = kit.sandbox().callCount("account.move", "create");
      long partnerCreates = kit.sandbox().callCount("res.partner", "create");
      return kit.restartGateway()
          .compose(v -> postInvoice(key, UUID.randomUUID().toString(), invoice("RESTART-1")))
          .compose(canonical -> kit.http().post("/jsonrpc").putHeader("Content-Type", "application/json")
              .putHeader("Idempotency-Key", facadeKey).sendBuffer(rpc.toBuffer())
              .map(facade -> {
                test.verify(() -> {
                  assertThat(first.get(0).statusCode()).isEqualTo(201);
                  assertThat(canonical.statusCode()).isEqualTo(201);
                  assertThat(canonical.getHeader("Idempotent-Replayed")).isEqualTo("true");
                  assertThat(canonical.bodyAsJsonObject()).isEqualTo(first.get(0).bodyAsJsonObject());
                  assertThat(first.get(1).bodyAsJsonObject().getValue("result")).isInstanceOf(Number.class);
                  assertThat(facade.getHeader("Idempotent-Replayed")).isEqualTo("true");
                  assertThat(facade.bodyAsJsonObject().getValue("result"))
                      .isEqualTo(first.get(1).bodyAsJsonObject().getValue("result"));
                  assertThat(kit.sandbox().callCount("account.move", "create")).isEqualTo(moveCreates);
                  assertThat(kit.sandbox().callCount("res.partner", "create")).isEqualTo(partnerCreates);
                  assertThat(movesWithRef("RESTART-1")).isEqualTo(1);
                });
                return null;
              }));
    }).onComplete(test.succeedingThenComplete());
  }

  @Test
  void aCrashBetweenTheOdooWriteAndTheStoredResponseLeavesOneRecordAfterTheRetry(VertxTestContext test) {
    String key = "crash-" + UUID.randomUUID();
    String correlationId = UUID.randomUUID().toString().replace("-", "");
    long committedBefore = kit.sandbox().committedCallCount("account.move", "create");
    OdooAnswerHold hold = OdooAnswerHold.install(vertx, kit.sandbox(), correlationId, "account.move", "create");
    Future<HttpResponse<Buffer>> first = postInvoice(key, correlationId, invoice("CRASH-1"));
    hold.executed()
        .compose(createdId -> kit.stopGateway()
            .compose(v -> first.transform(answered -> Future.succeededFuture(answered)))
            .compose(firstOutcome -> kit.startGateway()
                // The claim of the dead gateway stays until it is older than any Odoo call can take; meanwhile 409.
                .compose(v -> kit.eventually(() -> postInvoice(key, UUID.randomUUID().toString(), invoice("CRASH-1")),
                    retry -> retry.statusCode() != 409, Duration.ofSeconds(30)))
                .map(retry -> {
                  test.verify(() -> {
                    assertThat(firstOutcome.succeeded() && firstOutcome.result().statusCode() < 300)
                        .as("the first request never got a success").isFalse();
                    assertThat(retry.statusCode()).as(retry.bodyAsString()).isEqualTo(200);
                    assertThat(retry.getHeader("Idempotent-Replayed")).isNull();
                    assertThat(retry.bodyAsJsonObject().getLong("odooId")).isEqualTo(createdId);
                    assertThat(movesWithRef("CRASH-1")).isEqualTo(1);
                    assertThat(kit.sandbox().committedCallCount("account.move", "create") - committedBefore)
                        .isEqualTo(1);
                  });
                  return null;
                })))
        .onComplete(test.succeedingThenComplete());
  }
}
