package dev.ofg.testing;

import dev.ofg.app.GatewayApplication;
import dev.ofg.app.GatewayRuntime;
import dev.ofg.config.GatewayConfig;
import dev.ofg.config.GatewayConfigLoader;
import dev.ofg.config.Secret;
import dev.ofg.policy.auth.DemoTokens;
import dev.ofg.sandbox.OdooSandbox;
import dev.ofg.sandbox.SandboxOptions;
import dev.ofg.sandbox.SandboxUser;
import dev.ofg.store.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Starts what an integration test needs, all real: a fresh PostgreSQL database, the Odoo sandbox on a random
 * port, and the gateway on random ports, configured through the real YAML loader.
 */
public final class GatewayTestKit {
  public static final String ERP = "erp";
  public static final String READER = "reader";
  public static final String SERVICE_LOGIN = "gateway-service";
  /** The operator client: admin only through a JWT (see {@link Options#withJwt()} and {@link #adminToken()}). */
  public static final String OPS = "ops";

  private final TestDatabase database;
  private final OdooSandbox sandbox;
  private final GatewayApplication gateway;
  private final WebClient http;
  private final WebClient management;
  private final Map<String, String> env;

  private GatewayTestKit(Vertx vertx, TestDatabase database, OdooSandbox sandbox, GatewayApplication gateway,
      WebClient http, Map<String, String> env) {
    this.database = database;
    this.sandbox = sandbox;
    this.gateway = gateway;
    this.http = http;
    this.management = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(gateway.managementPort()));
    this.env = env;
  }

  /**
   * Describes how to start: Odoo series, protocol, YAML appended to the base configuration, and changes to the
   * sandbox's options (e.g. without the statement-import module).
   */
  public record Options(String odooVersion, String protocol, String extraYaml, UnaryOperator<SandboxOptions> sandbox) {
    public static Options defaults() {
      return new Options("19.0", "json-rpc", "", UnaryOperator.identity());
    }

    public Options withProtocol(String newProtocol) {
      return new Options(odooVersion, newProtocol, extraYaml, sandbox);
    }

    public Options withOdooVersion(String version) {
      return new Options(version, protocol, extraYaml, sandbox);
    }

    public Options withYaml(String yaml) {
      return new Options(odooVersion, protocol, extraYaml + yaml, sandbox);
    }

    public Options withSandbox(UnaryOperator<SandboxOptions> change) {
      return new Options(odooVersion, protocol, extraYaml, options -> change.apply(sandbox.apply(options)));
    }

    /** Accepts HS256 tokens signed with the kit's {@code JWT_SECRET}, as {@link #adminToken()} mints them. */
    public Options withJwt() {
      return withYaml(String.join("\n", "", "jwt:", "  issuers: [" + DemoTokens.ISSUER + "]",
          "  audiences: [" + DemoTokens.AUDIENCE + "]", "  hmacSecret: ${JWT_SECRET}", ""));
    }
  }

  /** Starts everything; the database is created on the calling (test) thread. */
  public static Future<GatewayTestKit> start(Vertx vertx, Options options) {
    TestDatabase database = TestDatabase.create();
    Map<String, String> env = new HashMap<>();
    env.put("ODOO_PASSWORD", "svc-" + UUID.randomUUID());
    env.put("ODOO_API_KEY", "svc-key-" + UUID.randomUUID());
    env.put("ERP_KEY", "erp-" + UUID.randomUUID());
    env.put("READER_KEY", "reader-" + UUID.randomUUID());
    env.put("OTHER_KEY", "other-" + UUID.randomUUID());
    env.put("JWT_SECRET", DemoTokens.randomSecret());
    SandboxUser admin = SandboxUser.admin(SandboxOptions.DEFAULT_ADMIN_UID, "admin", "admin-" + UUID.randomUUID(),
        "admin-key-" + UUID.randomUUID(), List.of(1L, 2L));
    SandboxUser service = SandboxUser.financeService(SandboxOptions.DEFAULT_SERVICE_UID, SERVICE_LOGIN,
        env.get("ODOO_PASSWORD"), env.get("ODOO_API_KEY"), List.of(1L));
    SandboxOptions sandboxOptions = options.sandbox().apply(new SandboxOptions("127.0.0.1", 0, "testdb",
        options.odooVersion(), List.of(admin, service), true));
    return OdooSandbox.start(vertx, sandboxOptions).compose(sandbox -> {
      GatewayConfig config = new GatewayConfigLoader(env).parse(yaml(database, sandbox, options), "test.yaml");
      return GatewayApplication.start(vertx, config, GatewayRuntime.registry())
          .map(gateway -> new GatewayTestKit(vertx, database, sandbox, gateway,
              WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                  .setDefaultPort(gateway.publicPort())), env));
    });
  }

  static String yaml(TestDatabase database, OdooSandbox sandbox, Options options) {
    return String.join("\n",
        "server:",
        "  host: 127.0.0.1",
        "  publicPort: 0",
        "  managementPort: 0",
        "  instances: 2",
        "  maxBodyBytes: 65536",
        "store:",
        "  host: " + database.config().host(),
        "  port: " + database.config().port(),
        "  database: " + database.config().database(),
        "  user: " + database.config().user(),
        "  poolSize: 8",
        "odoo:",
        "  url: " + sandbox.baseUrl(),
        "  protocol: " + options.protocol(),
        "  database: testdb",
        "  login: " + SERVICE_LOGIN,
        "  password: ${ODOO_PASSWORD}",
        "  apiKey: ${ODOO_API_KEY}",
        "  timeout: 2s",
        "  maxConcurrency: 8",
        "  retry:",
        "    maxAttempts: 3",
        "    initialBackoff: 10ms",
        "    maxBackoff: 50ms",
        "  breaker:",
        "    failureThreshold: 5",
        "    failureWindow: 10s",
        "    resetTimeout: 1s",
        "audit:",
        "  flushInterval: 50ms",
        "idempotency:",
        "  inFlightLease: 3s",
        "roles:",
        "  finance-integration:",
        "    models:",
        "      res.partner: ['@read', '@write']",
        "      account.journal: ['@read']",
        "      account.move: ['@read', '@write', action_post]",
        "      account.move.line: ['@read']",
        "      account.payment: ['@read', '@write', action_post]",
        "      account.bank.statement.line: ['@read', '@write']",
        "  reader:",
        "    models:",
        "      res.partner: ['@read']",
        "      account.move: ['@read']",
        "  gateway-admin:",
        "    admin: true",
        "clients:",
        "  - id: " + ERP,
        "    uid: 200001",
        "    roles: [finance-integration]",
        "    apiKeys:",
        "      - key: ${ERP_KEY}",
        "  - id: " + READER,
        "    uid: 200002",
        "    roles: [reader]",
        "    apiKeys:",
        "      - key: ${READER_KEY}",
        "  - id: " + OPS,
        "    uid: 200099",
        "    roles: [gateway-admin]",
        options.extraYaml());
  }

  public Future<Void> stop() {
    http.close();
    management.close();
    return gateway.stop().eventually(sandbox::close).eventually(() -> {
      database.close();
      return Future.succeededFuture();
    });
  }

  public String key(String clientId) {
    return env.get(clientId.toUpperCase(java.util.Locale.ROOT) + "_KEY");
  }

  public String odooPassword() {
    return env.get("ODOO_PASSWORD");
  }

  public WebClient http() {
    return http;
  }

  /** Returns a client for the management port (metrics, health, admin API). */
  public WebClient management() {
    return management;
  }

  /** Mints a token for {@link #OPS} with the admin role; needs {@link Options#withJwt()}. */
  public String adminToken() {
    return DemoTokens.hs256(Secret.of(env.get("JWT_SECRET")), OPS, List.of("gateway-admin"), Duration.ofHours(1));
  }

  public OdooSandbox sandbox() {
    return sandbox;
  }

  public GatewayApplication gateway() {
    return gateway;
  }

  public TestDatabase database() {
    return database;
  }

  /** Sends a JSON-RPC call to the gateway's {@code /jsonrpc}. */
  public Future<HttpResponse<Buffer>> jsonRpc(String service, String method, JsonArray args) {
    JsonObject envelope = new JsonObject().put("jsonrpc", "2.0").put("method", "call").put("id", 7)
        .put("params", new JsonObject().put("service", service).put("method", method).put("args", args));
    return http.post("/jsonrpc").putHeader("Content-Type", "application/json").sendBuffer(envelope.toBuffer());
  }

  /** Calls {@code object.execute_kw} as a client with its uid and API key. */
  public Future<HttpResponse<Buffer>> executeKw(String clientId, int uid, String model, String method, JsonArray args,
      JsonObject kwargs) {
    return jsonRpc("object", "execute_kw", new JsonArray().add("testdb").add(uid).add(key(clientId))
        .add(model).add(method).add(args).add(kwargs));
  }
}
