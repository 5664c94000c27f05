package dev.ofg.app;

import dev.ofg.Main;
import dev.ofg.sandbox.DeliverySinks;
import dev.ofg.sandbox.OdooSandbox;
import dev.ofg.sandbox.SandboxOptions;
import dev.ofg.sandbox.SandboxUser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Odoo sandbox and its delivery sinks alone ({@code sandbox} command), with the users the demo expects,
 * and shares its generated credentials with a later {@code demo} through {@link SandboxCredentials}.
 */
public final class SandboxLauncher {
  static final String SERVICE_LOGIN = "gateway-service";
  private static final Logger LOG = LoggerFactory.getLogger(SandboxLauncher.class);

  private SandboxLauncher() {
  }

  public static void main(int port) {
    DemoSecrets secrets = new DemoSecrets(System.getenv());
    secrets.get("DEMO_TREASURY_SECRET", DemoSecrets::webhookSecret);
    Vertx vertx = Vertx.vertx();
    OdooSandbox sandbox = Main.startOrExit(vertx, () -> start(vertx, port, "demo", "19.0", secrets));
    Path directory = SandboxCredentials.directory(System.getenv());
    Path file = shareCredentials(directory, sandbox.port(), secrets);
    Main.stopOnShutdown(vertx, () -> {
      SandboxCredentials.delete(directory, sandbox.port());
      return sandbox.close();
    }, 5_000);
    System.out.println("Odoo sandbox listening on " + sandbox.baseUrl() + " (database demo)");
    System.out.println("sinks         " + sandbox.baseUrl() + "/sinks/treasury/events, "
        + sandbox.baseUrl() + "/sinks/analytics/events");
    System.out.println(file != null
        ? "credentials   " + file + " (mode 0600): `demo` on this machine reads them"
        : "credentials   not shared; export DEMO_ODOO_PASSWORD and DEMO_TREASURY_SECRET before the demo");
    if (file == null && secrets.generated("DEMO_ODOO_PASSWORD")) {
      System.out.println("service account: " + SERVICE_LOGIN + " / password " + secrets.get("DEMO_ODOO_PASSWORD"));
    }
  }

  /**
   * Starts a sandbox whose service account is the one conf/demo.yaml logs in with, with the treasury sink (checking
   * {@code DEMO_TREASURY_SECRET} signatures) and the analytics sink mounted on its port.
   */
  public static Future<OdooSandbox> start(Vertx vertx, int port, String database, String version,
      DemoSecrets secrets) {
    SandboxUser admin = SandboxUser.admin(SandboxOptions.DEFAULT_ADMIN_UID, "admin", DemoSecrets.random(),
        DemoSecrets.random(), List.of(1L, 2L));
    SandboxUser service = SandboxUser.financeService(SandboxOptions.DEFAULT_SERVICE_UID, SERVICE_LOGIN,
        secrets.get("DEMO_ODOO_PASSWORD"), DemoSecrets.random(), List.of(1L));
    SandboxOptions options = new SandboxOptions("127.0.0.1", port, database, version, List.of(admin, service), true);
    Map<String, String> sinkSecrets = new HashMap<>();
    sinkSecrets.put(DeliverySinks.TREASURY, secrets.get("DEMO_TREASURY_SECRET", DemoSecrets::webhookSecret));
    sinkSecrets.put(DeliverySinks.ANALYTICS, null);
    return OdooSandbox.start(vertx, options).map(sandbox -> {
      DeliverySinks.create(vertx, sinkSecrets).mount(sandbox.router());
      return sandbox;
    });
  }

  private static Path shareCredentials(Path directory, int port, DemoSecrets secrets) {
    Map<String, String> values = new HashMap<>();
    for (String name : SandboxCredentials.NAMES) {
      values.put(name, secrets.get(name));
    }
    try {
      return SandboxCredentials.write(directory, port, values);
    } catch (IOException | RuntimeException e) {
      LOG.warn("sandbox credentials not written to {}: {}", directory, e.getMessage());
      return null;
    }
  }
}
