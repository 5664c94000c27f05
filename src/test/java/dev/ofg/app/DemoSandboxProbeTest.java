package dev.ofg.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.config.SandboxConfig;
import dev.ofg.sandbox.OdooSandbox;
import dev.ofg.sandbox.SandboxOptions;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Shows the demo tells a listening Odoo sandbox from a free port and from any other server. */
@ExtendWith(VertxExtension.class)
class DemoSandboxProbeTest {
  private static SandboxConfig at(int port) {
    return new SandboxConfig(true, "127.0.0.1", port, "demo", "19.0");
  }

  @Test
  void recognisesTheSandbox(Vertx vertx, VertxTestContext test) {
    OdooSandbox.start(vertx, SandboxOptions.defaults().withPort(0))
        .compose(sandbox -> DemoLauncher.probe(vertx, at(sandbox.port())).eventually(sandbox::close))
        .onComplete(test.succeeding(found -> test.verify(() -> {
          assertThat(found).isEqualTo(DemoLauncher.Listener.SANDBOX);
          test.completeNow();
        })));
  }

  @Test
  void takesAnotherServerForWhatItIs(Vertx vertx, VertxTestContext test) {
    vertx.createHttpServer().requestHandler(req -> req.response().end("{\"hello\":1}")).listen(0, "127.0.0.1")
        .compose(server -> DemoLauncher.probe(vertx, at(server.actualPort())).eventually(server::close))
        .onComplete(test.succeeding(found -> test.verify(() -> {
          assertThat(found).isEqualTo(DemoLauncher.Listener.OTHER);
          test.completeNow();
        })));
  }

  @Test
  void findsAFreePortFree(Vertx vertx, VertxTestContext test) {
    vertx.createHttpServer().requestHandler(req -> req.response().end()).listen(0, "127.0.0.1")
        .compose(server -> server.close().map(server.actualPort()))
        .compose(port -> DemoLauncher.probe(vertx, at(port)))
        .onComplete(test.succeeding(found -> test.verify(() -> {
          assertThat(found).isEqualTo(DemoLauncher.Listener.NONE);
          test.completeNow();
        })));
  }
}
