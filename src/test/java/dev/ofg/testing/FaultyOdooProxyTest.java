package dev.ofg.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.sandbox.OdooSandbox;
import dev.ofg.sandbox.SandboxOptions;
import dev.ofg.sandbox.SandboxUser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Checks the fault proxy itself against the sandbox: a dropped answer still commits, a refusal never arrives. */
@ExtendWith(VertxExtension.class)
class FaultyOdooProxyTest {
  private OdooSandbox sandbox;
  private FaultyOdooProxy proxy;
  private OdooJsonRpc throughProxy;
  private OdooJsonRpc direct;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext test) {
    String password = "admin-" + UUID.randomUUID();
    SandboxUser admin = SandboxUser.admin(SandboxOptions.DEFAULT_ADMIN_UID, "admin", password, "key-" + UUID.randomUUID(),
        List.of(1L));
    OdooSandbox.start(vertx, new SandboxOptions("127.0.0.1", 0, "proxydb", "19.0", List.of(admin), true))
        .compose(started -> {
          sandbox = started;
          return FaultyOdooProxy.start(vertx, started.baseUrl());
        })
        .onComplete(test.succeeding(started -> {
          proxy = started;
          throughProxy = new OdooJsonRpc(vertx, proxy.baseUrl(), "proxydb", "admin", password);
          direct = new OdooJsonRpc(vertx, sandbox.baseUrl(), "proxydb", "admin", password);
          test.completeNow();
        }));
  }

  @AfterEach
  void stop(VertxTestContext test) {
    proxy.close().eventually(sandbox::close).onComplete(test.succeedingThenComplete());
  }

  private static JsonObject partner(String ref) {
    return new JsonObject().put("name", "Proxy test " + ref).put("ref", ref);
  }

  private Future<Long> partnersWithRef(String ref) {
    return direct.count("res.partner", new JsonArray().add(OdooJsonRpc.leaf("ref", "=", ref)));
  }

  @Test
  void dropsTheAnswerOfACallThatOdooCommitted(VertxTestContext test) {
    String ref = "PROXY-" + UUID.randomUUID();
    proxy.dropAnswerAfterCommit("res.partner", "create", 1);
    throughProxy.create("res.partner", partner(ref))
        .transform(created -> {
          test.verify(() -> assertThat(created.failed()).as("the caller never gets the answer").isTrue());
          return partnersWithRef(ref);
        })
        .compose(count -> throughProxy.create("res.partner", partner(ref + "-2")).map(count))
        .onComplete(test.succeeding(count -> test.verify(() -> {
          assertThat(count).as("Odoo committed the create whose answer was dropped").isEqualTo(1);
          assertThat(proxy.injected()).isEqualTo(1);
          assertThat(proxy.forwardedCount("res.partner", "create")).isEqualTo(2);
          test.completeNow();
        })));
  }

  @Test
  void refusesACallWithAnOdooUserErrorWithoutForwardingIt(VertxTestContext test) {
    String ref = "PROXY-" + UUID.randomUUID();
    proxy.refuse("res.partner", "create", 1, "refused by the test");
    throughProxy.create("res.partner", partner(ref))
        .transform(created -> {
          test.verify(() -> {
            assertThat(created.failed()).isTrue();
            assertThat(created.cause()).isInstanceOf(OdooJsonRpc.OdooCallFailed.class);
            assertThat(((OdooJsonRpc.OdooCallFailed) created.cause()).name()).isEqualTo("odoo.exceptions.UserError");
          });
          return partnersWithRef(ref);
        })
        .onComplete(test.succeeding(count -> test.verify(() -> {
          assertThat(count).as("the refused call never reached Odoo").isZero();
          assertThat(proxy.forwardedCount("res.partner", "create")).isZero();
          test.completeNow();
        })));
  }
}
