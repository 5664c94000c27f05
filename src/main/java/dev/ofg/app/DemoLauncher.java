package dev.ofg.app;

import dev.ofg.Main;
import dev.ofg.config.GatewayConfig;
import dev.ofg.config.ConfigSource;
import dev.ofg.config.SandboxConfig;
import dev.ofg.config.Secret;
import dev.ofg.config.StoreConfig;
import dev.ofg.policy.auth.DemoTokens;
import dev.ofg.sandbox.OdooSandbox;
import dev.ofg.store.Database;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the demo: the Odoo sandbox (or one already listening on its port), the gateway on conf/demo.yaml,
 * and PostgreSQL (the configured server if it answers, else an embedded one); then prints credentials and
 * ready-to-paste curl commands.
 */
public final class DemoLauncher {
  private static final Logger LOG = LoggerFactory.getLogger(DemoLauncher.class);
  /** The demo resets only schemas named like this (conf/demo.yaml: {@code ofg_demo}). */
  static final String DEMO_SCHEMA_PREFIX = "ofg_demo";
  public static final String CLIENT_ID = "demo-erp";

  private DemoLauncher() {
  }

  /** Describes a running demo. */
  public record Demo(GatewayApplication gateway, OdooSandbox sandbox, DemoSecrets secrets) {
    public Future<Void> stop() {
      Future<Void> gatewayStopped = gateway.stop();
      return sandbox == null ? gatewayStopped : gatewayStopped.eventually(sandbox::close);
    }
  }

  public static void main(String configPath) {
    DemoSecrets secrets = new DemoSecrets(System.getenv());
    PrometheusMeterRegistry registry = GatewayRuntime.registry();
    Vertx vertx = GatewayRuntime.vertx(registry);
    Demo demo = Main.startOrExit(vertx, () -> start(vertx, registry, configPath, secrets));
    Main.stopOnShutdown(vertx, demo::stop, demo.gateway().config().server().shutdownGrace().toMillis());
    printBanner(System.out, demo);
  }

  /**
   * Starts the demo; the configuration is read with the generated secrets in place. When an Odoo sandbox already
   * listens on the configured port (the {@code sandbox} command), the demo uses it, with the credentials that
   * sandbox shared through {@link SandboxCredentials}.
   */
  public static Future<Demo> start(Vertx vertx, PrometheusMeterRegistry registry, String configPath,
      DemoSecrets secrets) {
    secrets.get("DEMO_API_KEY");
    secrets.get("DEMO_ODOO_PASSWORD");
    secrets.get("DEMO_JWT_SECRET");
    DemoWebhooks.generate(secrets);
    secrets.get("DEMO_TREASURY_SECRET", DemoSecrets::webhookSecret);
    return load(vertx, configPath, secrets).compose(config -> probe(vertx, config.sandbox()).compose(found -> {
      switch (found) {
        case NONE:
          return resetDemoStore(vertx, config.store()).compose(v -> startWith(vertx, registry, config, secrets,
              SandboxLauncher.start(vertx, config.sandbox().port(), config.sandbox().database(),
                  config.sandbox().serverVersion(), secrets), configPath));
        case SANDBOX:
          LOG.info("reusing the Odoo sandbox already listening on {}:{}", config.sandbox().host(),
              config.sandbox().port());
          return vertx.executeBlocking(() -> secrets.with(SandboxCredentials.read(
                  SandboxCredentials.directory(secrets.environment()), config.sandbox().port())), false)
              .compose(shared -> load(vertx, configPath, shared).compose(reloaded ->
                  startWith(vertx, registry, reloaded, shared, Future.succeededFuture(null), configPath)));
        case OTHER:
          return Future.failedFuture(new IllegalStateException("port " + config.sandbox().port()
              + " is in use by something that is not the Odoo sandbox; set SANDBOX_PORT to a free port"));
        default:
          return startWith(vertx, registry, config, secrets, Future.succeededFuture(null), configPath);
      }
    }));
  }

  /**
   * Empties the demo's schema before a new sandbox starts: what it holds (external references, outbox, deliveries)
   * describes the previous sandbox's Odoo, which died with it, so a payment recorded there would be "already in
   * Odoo" here. Only a schema named {@code ofg_demo...} is touched, so a demo pointed at another schema never loses
   * data; a demo that reuses a running sandbox keeps its schema (the restart-after-crash demonstration). An
   * unreachable server is no error: the embedded fallback starts empty anyway.
   */
  static Future<Void> resetDemoStore(Vertx vertx, StoreConfig store) {
    if (!store.schema().startsWith(DEMO_SCHEMA_PREFIX)) {
      LOG.info("store schema {} kept: only {}* schemas are reset by the demo", store.schema(), DEMO_SCHEMA_PREFIX);
      return Future.succeededFuture();
    }
    return Database.dropSchema(vertx, store)
        .onSuccess(v -> LOG.info("store schema {} reset for the new sandbox", store.schema()))
        .recover(failure -> {
          LOG.info("store schema {} not reset ({}); an embedded store starts empty", store.schema(),
              failure.toString());
          return Future.succeededFuture();
        });
  }

  private static Future<GatewayConfig> load(Vertx vertx, String configPath, DemoSecrets secrets) {
    return vertx.executeBlocking(new ConfigSource(configPath, secrets.environment())::load, false);
  }

  /** Starts the gateway; the configuration source lets it reload the demo's policy when conf/demo.yaml changes. */
  private static Future<Demo> startWith(Vertx vertx, PrometheusMeterRegistry registry, GatewayConfig config,
      DemoSecrets secrets, Future<OdooSandbox> sandboxStarted, String configPath) {
    ConfigSource source = new ConfigSource(configPath, secrets.environment());
    return sandboxStarted.compose(sandbox -> GatewayApplication.start(vertx, config, registry, source)
        .map(gateway -> new Demo(gateway, sandbox, secrets))
        .recover(failure -> sandbox == null ? Future.failedFuture(failure)
            : sandbox.close().transform(v -> Future.failedFuture(failure))));
  }

  /** Says what listens on the sandbox port. */
  enum Listener {
    /** Sandbox disabled in the configuration: nothing to probe. */
    DISABLED,
    /** Nothing listens: the demo starts its own sandbox. */
    NONE,
    /** The Odoo sandbox listens: it answers {@code GET /sandbox/faults} with its fault settings. */
    SANDBOX,
    /** Something else listens. */
    OTHER
  }

  /**
   * Finds out what listens on the sandbox port by asking for the sandbox's own control endpoint: a TCP connect alone
   * would take any server for a sandbox.
   */
  static Future<Listener> probe(Vertx vertx, SandboxConfig config) {
    if (!config.enabled()) {
      return Future.succeededFuture(Listener.DISABLED);
    }
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(1000).setIdleTimeout(2));
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost(config.host())
        .setPort(config.port()).setURI("/sandbox/faults");
    return client.request(request)
        .compose(HttpClientRequest::send)
        .compose(response -> response.body().map(body -> response.statusCode() == 200 && isSandboxAnswer(body)
            ? Listener.SANDBOX : Listener.OTHER))
        .recover(failure -> Future.succeededFuture(failure instanceof ConnectException ? Listener.NONE
            : Listener.OTHER))
        .eventually(client::close);
  }

  private static boolean isSandboxAnswer(Buffer body) {
    try {
      return new JsonObject(body).containsKey("latencyMs");
    } catch (DecodeException | ClassCastException e) {
      return false;
    }
  }

  static void printBanner(PrintStream out, Demo demo) {
    GatewayConfig config = demo.gateway().config();
    String api = "http://127.0.0.1:" + demo.gateway().publicPort();
    String management = "http://127.0.0.1:" + demo.gateway().managementPort();
    String key = demo.secrets().get("DEMO_API_KEY");
    String db = config.odoo().database();
    String json = " -H 'Content-Type: application/json'";
    int uid = demo.gateway().policy().current().byId(CLIENT_ID).map(client -> client.uid()).orElse(0);
    out.println();
    out.println("=== Odoo Finance Gateway demo is running ===");
    out.println("public API    " + api + "      management " + management
        + "      Odoo sandbox " + config.odoo().url());
    out.println("client id     " + CLIENT_ID);
    out.println("API key       " + key + (demo.secrets().generated("DEMO_API_KEY") ? "   (random; set DEMO_API_KEY to fix it)" : ""));
    Secret jwtSecret = Secret.of(demo.secrets().get("DEMO_JWT_SECRET"));
    out.println("JWT (client)  " + DemoTokens.hs256(jwtSecret, CLIENT_ID, List.of(), Duration.ofHours(8)));
    String admin = DemoTokens.hs256(jwtSecret, "demo-ops", List.of("gateway-admin"), Duration.ofHours(8));
    out.println("JWT (admin)   " + admin + "   (role gateway-admin, for " + management + "/admin/...)");
    out.println("secrets       DEMO_API_KEY, DEMO_JWT_SECRET, DEMO_ODOO_PASSWORD, DEMO_TREASURY_SECRET"
        + " are read from the environment, random when unset");
    out.println();
    out.println("# Canonical API: create a customer, an invoice (posted), and pay it; retries are safe");
    out.println("curl -s -X PUT " + api + "/api/v1/partners/CUST-1 -H 'Authorization: Bearer " + key + "'"
        + json + " -H 'Idempotency-Key: partner-cust-1' -d '{\"name\":\"Acme BV\",\"email\":\"ap@acme.example\"}'");
    out.println("curl -s -X POST " + api + "/api/v1/invoices -H 'Authorization: Bearer " + key + "'" + json
        + " -H 'Idempotency-Key: inv-so-1001' -d '{\"externalRef\":\"SO-1001\",\"kind\":\"customer_invoice\","
        + "\"partner\":{\"externalRef\":\"CUST-1\"},\"currency\":\"EUR\",\"invoiceDate\":\"2026-11-20\","
        + "\"lines\":[{\"description\":\"Consulting\",\"quantity\":\"3\",\"unitPrice\":\"120.00\"}],\"post\":true}'");
    out.println("curl -s -X POST " + api + "/api/v1/payments -H 'Authorization: Bearer " + key + "'" + json
        + " -H 'Idempotency-Key: pay-1001' -d '{\"externalRef\":\"PAY-1001\",\"direction\":\"inbound\","
        + "\"partner\":{\"externalRef\":\"CUST-1\"},\"amount\":\"360.00\",\"currency\":\"EUR\",\"date\":\"2026-11-23\","
        + "\"invoice\":{\"externalRef\":\"SO-1001\"}}'");
    out.println("curl -s " + api + "/api/v1/invoices/SO-1001 -H 'Authorization: Bearer " + key + "'");
    out.println();
    out.println("# Odoo-compatible facade: existing Odoo clients work with the gateway's URL and this client's key");
    out.println("curl -s " + api + "/jsonrpc" + json + " -d '{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"id\":1,"
        + "\"params\":{\"service\":\"common\",\"method\":\"login\",\"args\":[\"" + db + "\",\"" + CLIENT_ID + "\",\"" + key + "\"]}}'");
    out.println("curl -s " + api + "/jsonrpc" + json + " -d '{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"id\":2,"
        + "\"params\":{\"service\":\"object\",\"method\":\"execute_kw\",\"args\":[\"" + db + "\"," + uid + ",\"" + key
        + "\",\"res.partner\",\"search_read\",[[]],{\"fields\":[\"name\",\"ref\"],\"limit\":5}]}}'");
    out.println("curl -s -X POST " + api + "/json/2/res.partner/search_read -H 'Authorization: bearer " + key + "'"
        + json + " -d '{\"domain\":[],\"fields\":[\"name\",\"ref\"],\"limit\":5}'");
    out.println("curl -s " + api + "/web/webclient/version_info" + json + " -d '{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"params\":{}}'");
    out.println();
    DemoWebhooks.print(out, api, management, admin, demo.secrets());
    out.println("# Operations");
    out.println("curl -s " + management + "/health/ready");
    out.println("curl -s " + management + "/metrics | grep gateway_requests");
    out.println();
    printDeliveryCommands(out, management, String.valueOf(config.odoo().url()), admin);
  }

  private static void printDeliveryCommands(PrintStream out, String management, String sandbox, String admin) {
    String bearer = " -H 'Authorization: Bearer " + admin + "'";
    out.println("# Event delivery: outbox -> treasury / bank / analytics; the sandbox sinks record what arrives");
    out.println("curl -s " + management + "/admin/delivery/targets" + bearer);
    out.println("curl -s -X POST " + management + "/admin/delivery/analytics/batches" + bearer
        + "   # cut a ledger batch now");
    out.println("curl -s " + sandbox + "/sinks/analytics/events");
    out.println("curl -s " + sandbox + "/sinks/treasury/events");
    out.println("curl -s " + management + "/admin/delivery/dead-letters" + bearer);
    out.println();
  }
}
