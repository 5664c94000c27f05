package dev.ofg.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.testing.GatewayTestKit;
import dev.ofg.testing.OdooJsonRpc;
import dev.ofg.testing.RealOdoo;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Upserts partners through the canonical API in front of a real Odoo and reads back what Odoo stored, also when
 * Odoo's answer to the create is lost after it committed.
 */
@Tag(RealOdoo.TAG)
@ExtendWith(VertxExtension.class)
class PartnerContractTest {
  private static GatewayTestKit kit;
  private static OdooJsonRpc odoo;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) {
    GatewayTestKit.start(vertx, GatewayTestKit.Options.defaults().withRealOdoo(RealOdoo.fromEnvironment())
        .withFaultProxy()).onComplete(test.succeeding(started -> {
          kit = started;
          odoo = kit.odooAdmin();
          test.completeNow();
        }));
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    kit.stop().onComplete(test.succeedingThenComplete());
  }

  @Test
  @Timeout(value = 3, timeUnit = TimeUnit.MINUTES)
  void createsThePartnerOnceWhenOdoosAnswerToTheCreateIsLost(VertxTestContext test) {
    String ref = "CT-PARTNER-" + UUID.randomUUID();
    JsonObject body = new JsonObject().put("name", "Contract " + ref).put("email", "ap@contract.example")
        .put("city", "Utrecht");
    kit.proxy().dropAnswerAfterCommit("res.partner", "create", 1);
    kit.http().put("/api/v1/partners/" + ref).putHeader("Authorization", "Bearer " + kit.key(GatewayTestKit.ERP))
        .putHeader("Idempotency-Key", UUID.randomUUID().toString()).sendJsonObject(body)
        .compose(first -> kit.eventually(() -> kit.http().put("/api/v1/partners/" + ref)
                .putHeader("Authorization", "Bearer " + kit.key(GatewayTestKit.ERP))
                .putHeader("Idempotency-Key", UUID.randomUUID().toString()).sendJsonObject(body),
            retry -> retry.statusCode() < 500 && retry.statusCode() != 409, java.time.Duration.ofSeconds(150))
            .map(retry -> new int[] {first.statusCode(), retry.statusCode()}))
        .compose(statuses -> odoo.searchRead("res.partner", new JsonArray().add(OdooJsonRpc.leaf("ref", "=", ref)),
            "name", "email", "city").map(rows -> {
              test.verify(() -> {
                assertThat(statuses[0]).as("the first try lost Odoo's answer").isGreaterThanOrEqualTo(500);
                assertThat(statuses[1]).isIn(200, 201);
                assertThat(kit.proxy().injected()).isEqualTo(1);
                assertThat(rows).hasSize(1);
                assertThat(rows.get(0).getString("city")).isEqualTo("Utrecht");
              });
              return rows;
            }))
        .onComplete(test.succeedingThenComplete());
  }
}
