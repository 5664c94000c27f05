package dev.ofg.app;

import dev.ofg.Main;
import dev.ofg.sandbox.OdooSandbox;
import dev.ofg.sandbox.SandboxOptions;
import dev.ofg.sandbox.SandboxUser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/** Runs the Odoo sandbox alone ({@code sandbox} command), with the same users the demo expects. */
public final class SandboxLauncher {
  static final String SERVICE_LOGIN = "gateway-service";

  private SandboxLauncher() {
  }

  public static void main(int port) {
    DemoSecrets secrets = new DemoSecrets(System.getenv());
    Vertx vertx = Vertx.vertx();
    OdooSandbox sandbox = Main.startOrExit(vertx, () -> start(vertx, port, "demo", "19.0", secrets));
    Main.stopOnShutdown(vertx, sandbox::close, 5_000);
    System.out.println("Odoo sandbox listening on " + sandbox.baseUrl() + " (database demo)");
    if (secrets.generated("DEMO_ODOO_PASSWORD")) {
      System.out.println("service account: " + SERVICE_LOGIN + " / password " + secrets.get("DEMO_ODOO_PASSWORD")
          + "  (export DEMO_ODOO_PASSWORD=... before starting the demo against this sandbox)");
    }
  }

  /** Starts a sandbox whose service account is the one conf/demo.yaml logs in with. */
  public static Future<OdooSandbox> start(Vertx vertx, int port, String database, String version,
      DemoSecrets secrets) {
    SandboxUser admin = SandboxUser.admin(SandboxOptions.DEFAULT_ADMIN_UID, "admin", DemoSecrets.random(),
        DemoSecrets.random(), List.of(1L, 2L));
    SandboxUser service = SandboxUser.financeService(SandboxOptions.DEFAULT_SERVICE_UID, SERVICE_LOGIN,
        secrets.get("DEMO_ODOO_PASSWORD"), DemoSecrets.random(), List.of(1L));
    SandboxOptions options = new SandboxOptions("127.0.0.1", port, database, version, List.of(admin, service), true);
    return OdooSandbox.start(vertx, options);
  }
}
