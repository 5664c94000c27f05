package dev.ofg.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ofg.app.GatewayApplication;
import dev.ofg.app.GatewayRuntime;
import dev.ofg.config.ConfigSource;
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
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Starts what an integration test needs, all real: a fresh PostgreSQL database, the Odoo sandbox on a random
 * port, and the gateway on random ports, configured through the real YAML loader from a file on disk (which
 * {@code POST /admin/reload} reads again).
 *
 * <p>The sandbox's service account reaches companies 1 and 2, so company-bound clients can be tested. The
 * configuration always has the admin client {@link #OPS} (role {@code gateway-admin}, JWT only); with
 * {@link Options#withJwt()} the gateway accepts HS256 tokens minted by {@link #token}.
 */
public final class GatewayTestKit {
  public static final String ERP = "erp";
  public static final String READER = "reader";
  /** The admin client: it authenticates only with a JWT carrying the role {@code gateway-admin}. */
  public static final String OPS = "ops";
  public static final String SERVICE_LOGIN = "gateway-service";
  public static final String JWT_ISSUER = "https://idp.test/realms/finance";
  public static final String JWT_AUDIENCE = "odoo-finance-gateway";

  private final Vertx vertx;
  private final TestDatabase database;
  private final OdooSandbox sandbox;
  private final OdooTarget odoo;
  private final Map<String, String> env;
  private final Path configFile;
  private volatile GatewayApplication gateway;
  private volatile WebClient http;
  private volatile WebClient management;

  /** Says where the gateway's Odoo is: the sandbox or a real server, possibly behind the fault proxy. */
  private record OdooTarget(String url, String database, String login, FaultyOdooProxy proxy, RealOdoo real) {
  }

  private GatewayTestKit(Vertx vertx, TestDatabase database, OdooSandbox sandbox, OdooTarget odoo,
      Map<String, String> env, Path configFile) {
    this.vertx = vertx;
    this.database = database;
    this.sandbox = sandbox;
    this.odoo = odoo;
    this.env = env;
    this.configFile = configFile;
  }

  /**
   * Describes how to start: Odoo series, protocol, YAML appended to the base configuration (right after the
   * clients list, so it may add clients and then further top-level sections), YAML added to {@code roles:}, and
   * which Odoo: the sandbox (default) or a real one ({@link #withRealOdoo}), optionally behind a
   * {@link FaultyOdooProxy} ({@link #withFaultProxy}).
   */
  public record Options(String odooVersion, String protocol, String extraYaml, String extraRoles, boolean jwt,
      UnaryOperator<SandboxOptions> sandbox, RealOdoo realOdoo, boolean faultProxy) {
    public static Options defaults() {
      return new Options("19.0", "json-rpc", "", "", false, UnaryOperator.identity(), null, false);
    }

    public Options withProtocol(String newProtocol) {
      return new Options(odooVersion, newProtocol, extraYaml, extraRoles, jwt, sandbox, realOdoo, faultProxy);
    }

    public Options withOdooVersion(String version) {
      return new Options(version, protocol, extraYaml, extraRoles, jwt, sandbox, realOdoo, faultProxy);
    }

    public Options withYaml(String yaml) {
      return new Options(odooVersion, protocol, extraYaml + yaml, extraRoles, jwt, sandbox, realOdoo, faultProxy);
    }

    /** Changes the sandbox's options, e.g. an Odoo without the statement-import module. */
    public Options withSandbox(UnaryOperator<SandboxOptions> change) {
      return new Options(odooVersion, protocol, extraYaml, extraRoles, jwt,
          options -> change.apply(sandbox.apply(options)), realOdoo, faultProxy);
    }

    /** Adds roles, indented as entries of {@code roles:} ({@code "  cashier:\n    models: ..."}). */
    public Options withRoles(String yaml) {
      return new Options(odooVersion, protocol, extraYaml, extraRoles + yaml, jwt, sandbox, realOdoo, faultProxy);
    }

    /** Accepts HS256 client tokens signed with the kit's secret, from {@link #JWT_ISSUER} for {@link #JWT_AUDIENCE}. */
    public Options withJwt() {
      return new Options(odooVersion, protocol, extraYaml, extraRoles, true, sandbox, realOdoo, faultProxy);
    }

    /** Puts the gateway in front of a real Odoo instead of the sandbox (no sandbox is started). */
    public Options withRealOdoo(RealOdoo odoo) {
      return new Options(odooVersion, protocol, extraYaml, extraRoles, jwt, sandbox, odoo, faultProxy);
    }

    /** Puts a {@link FaultyOdooProxy} between the gateway and its Odoo (sandbox or real); see {@link #proxy()}. */
    public Options withFaultProxy() {
      return new Options(odooVersion, protocol, extraYaml, extraRoles, jwt, sandbox, realOdoo, true);
    }

    String jwtYaml() {
      return !jwt ? "" : String.join("\n",
          "jwt:",
          "  issuers: [" + JWT_ISSUER + "]",
          "  audiences: [" + JWT_AUDIENCE + "]",
          "  algorithms: [HS256]",
          "  hmacSecret: ${JWT_SECRET}",
          "  clockSkew: 5s");
    }
  }

  /** Starts everything; the database and the configuration file are created on the calling (test) thread. */
  public static Future<GatewayTestKit> start(Vertx vertx, Options options) {
    TestDatabase database = TestDatabase.create();
    Map<String, String> env = new HashMap<>();
    RealOdoo real = options.realOdoo();
    env.put("ODOO_PASSWORD", real != null ? real.password() : "svc-" + UUID.randomUUID());
    env.put("ODOO_API_KEY", real != null && real.apiKey() != null ? real.apiKey() : "svc-key-" + UUID.randomUUID());
    env.put("ERP_KEY", "erp-" + UUID.randomUUID());
    env.put("READER_KEY", "reader-" + UUID.randomUUID());
    env.put("OTHER_KEY", "other-" + UUID.randomUUID());
    env.put("JWT_SECRET", "jwt-" + UUID.randomUUID() + UUID.randomUUID());
    Path configFile = createConfigFile();
    Future<OdooSandbox> sandboxStarted;
    if (real != null) {
      sandboxStarted = Future.succeededFuture(null);
    } else {
      SandboxUser admin = SandboxUser.admin(SandboxOptions.DEFAULT_ADMIN_UID, "admin", "admin-" + UUID.randomUUID(),
          "admin-key-" + UUID.randomUUID(), List.of(1L, 2L));
      SandboxUser service = SandboxUser.financeService(SandboxOptions.DEFAULT_SERVICE_UID, SERVICE_LOGIN,
          env.get("ODOO_PASSWORD"), env.get("ODOO_API_KEY"), List.of(1L, 2L));
      SandboxOptions sandboxOptions = options.sandbox().apply(new SandboxOptions("127.0.0.1", 0, "testdb",
          options.odooVersion(), List.of(admin, service), true));
      sandboxStarted = OdooSandbox.start(vertx, sandboxOptions);
    }
    return sandboxStarted.compose(sandbox -> {
      String url = real != null ? real.url() : sandbox.baseUrl();
      Future<FaultyOdooProxy> proxy = options.faultProxy() ? FaultyOdooProxy.start(vertx, url)
          : Future.succeededFuture(null);
      return proxy.compose(started -> {
        OdooTarget target = new OdooTarget(started != null ? started.baseUrl() : url,
            real != null ? real.database() : "testdb", real != null ? real.login() : SERVICE_LOGIN, started, real);
        GatewayTestKit kit = new GatewayTestKit(vertx, database, sandbox, target, env, configFile);
        return kit.writeConfig(options).compose(v -> kit.startGateway()).map(kit);
      });
    });
  }

  private static Path createConfigFile() {
    try {
      return Files.createTempFile("ofg-gateway-", ".yaml");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a gateway from the configuration file, on the same database and sandbox (after {@link #stopGateway}). */
  public Future<Void> startGateway() {
    ConfigSource source = new ConfigSource(configFile.toString(), env);
    return vertx.executeBlocking(source::load, false)
        .compose(config -> GatewayApplication.start(vertx, config, GatewayRuntime.registry(), source))
        .map(started -> {
          gateway = started;
          http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
              .setDefaultPort(started.publicPort()));
          management = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
              .setDefaultPort(started.managementPort()));
          return null;
        });
  }

  /** Stops the gateway only: the database and the sandbox keep running, as after a gateway crash. */
  public Future<Void> stopGateway() {
    http.close();
    management.close();
    return gateway.stop();
  }

  /** Stops the gateway and starts a new one on the same database, sandbox and configuration file. */
  public Future<Void> restartGateway() {
    return stopGateway().compose(v -> startGateway());
  }

  /** Rewrites the configuration file from {@code options} (atomically, so a watcher never reads half a file). */
  public Future<Void> writeConfig(Options options) {
    return writeConfigText(yaml(database, odoo, options));
  }

  /** Returns the configuration text {@link #writeConfig} would write, for tests that edit it further. */
  public String configText(Options options) {
    return yaml(database, odoo, options);
  }

  /** Rewrites the configuration file with any text, valid or not. */
  public Future<Void> writeConfigText(String text) {
    return vertx.executeBlocking(() -> {
      Path next = Files.createTempFile(configFile.getParent(), "ofg-next-", ".yaml");
      Files.writeString(next, text, StandardCharsets.UTF_8);
      Files.move(next, configFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return null;
    }, false);
  }

  /**
   * Mints an HS256 token as the identity provider of {@link Options#withJwt()} would.
   *
   * @param expiresIn negative for a token that has already expired
   */
  public String token(String subject, List<String> roles, Duration expiresIn) {
    Instant now = Instant.now();
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(JWT_ISSUER).audience(JWT_AUDIENCE).subject(subject)
        .claim("roles", roles).issueTime(Date.from(now.minusSeconds(60)))
        .expirationTime(Date.from(now.plus(expiresIn))).build();
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
      jwt.sign(new MACSigner(env.get("JWT_SECRET").getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Confines the sandbox's service account to company 1, so company-2 records are invisible to the gateway. */
  public static SandboxOptions serviceInCompanyOneOnly(SandboxOptions options) {
    List<SandboxUser> users = new ArrayList<>();
    for (SandboxUser user : options.users()) {
      users.add(!user.login().equals(SERVICE_LOGIN) ? user : new SandboxUser(user.uid(), user.login(), user.password(),
          user.apiKey(), user.name(), List.of(1L), user.accessRights(), user.admin()));
    }
    return options.withUsers(users);
  }

  /** Returns a token of the admin client {@link #OPS}, valid for five minutes. */
  public String adminToken() {
    return token(OPS, List.of("gateway-admin"), Duration.ofMinutes(5));
  }

  private static String yaml(TestDatabase database, OdooTarget odoo, Options options) {
    return String.join("\n",
        options.jwtYaml(),
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
        "  url: " + odoo.url(),
        "  protocol: " + options.protocol(),
        "  database: " + odoo.database(),
        "  login: " + odoo.login(),
        "  password: ${ODOO_PASSWORD}",
        "  apiKey: ${ODOO_API_KEY}",
        "  timeout: " + (odoo.real() != null ? "15s" : "2s"),
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
        "retention:",
        "  enabled: false",
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
        options.extraRoles(),
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
        "    uid: 200009",
        "    roles: [gateway-admin]",
        options.extraYaml());
  }

  public Future<Void> stop() {
    return stopGateway()
        .eventually(() -> odoo.proxy() == null ? Future.succeededFuture() : odoo.proxy().close())
        .eventually(() -> sandbox == null ? Future.succeededFuture() : sandbox.close()).eventually(() -> vertx.executeBlocking(() -> {
      database.close();
      Files.deleteIfExists(configFile);
      return null;
    }, false)).mapEmpty();
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

  /** Returns a client of the management port ({@code /admin/*}, {@code /metrics}). */
  public WebClient management() {
    return management;
  }

  /** Returns the sandbox; fails on a kit in front of a real Odoo (use {@link #odooAdmin()} to read Odoo there). */
  public OdooSandbox sandbox() {
    if (sandbox == null) {
      throw new IllegalStateException("this kit runs against " + odoo.real() + ", not the sandbox");
    }
    return sandbox;
  }

  /** Tells whether the gateway is in front of a real Odoo ({@link Options#withRealOdoo}). */
  public boolean realOdoo() {
    return odoo.real() != null;
  }

  /** Returns the Odoo database name the gateway is configured with (facade clients must send it). */
  public String odooDatabase() {
    return odoo.database();
  }

  /** Returns the fault proxy between the gateway and Odoo; fails unless started {@link Options#withFaultProxy}. */
  public FaultyOdooProxy proxy() {
    if (odoo.proxy() == null) {
      throw new IllegalStateException("start the kit withFaultProxy() to inject Odoo faults");
    }
    return odoo.proxy();
  }

  /**
   * Returns a direct JSON-RPC client of the gateway's Odoo as an administrator, bypassing the gateway and the
   * proxy: to prepare data and read back what Odoo stored, on the sandbox and on a real Odoo alike.
   */
  public OdooJsonRpc odooAdmin() {
    if (odoo.real() != null) {
      return odoo.real().admin(vertx);
    }
    SandboxUser admin = sandbox.options().users().stream().filter(SandboxUser::admin).findFirst()
        .orElseThrow(() -> new IllegalStateException("the sandbox has no admin user"));
    return new OdooJsonRpc(vertx, sandbox.baseUrl(), sandbox.options().database(), admin.login(), admin.password());
  }

  public GatewayApplication gateway() {
    return gateway;
  }

  public TestDatabase database() {
    return database;
  }

  /**
   * Retries {@code attempt} every 50 ms until {@code done} accepts its result, for at most {@code within}; the
   * future fails with the last result when time runs out. For conditions the gateway reaches asynchronously (audit
   * rows flushed, a watched file reloaded), never for sleeping.
   */
  public <T> Future<T> eventually(Supplier<Future<T>> attempt, Predicate<T> done, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    return eventually(attempt, done, deadline);
  }

  private <T> Future<T> eventually(Supplier<Future<T>> attempt, Predicate<T> done, long deadline) {
    return attempt.get().transform(result -> {
      if (result.succeeded() && done.test(result.result())) {
        return Future.succeededFuture(result.result());
      }
      if (System.nanoTime() > deadline) {
        return Future.failedFuture(new AssertionError("condition not reached in time; last result: "
            + (result.succeeded() ? result.result() : result.cause())));
      }
      return vertx.timer(50).compose(fired -> eventually(attempt, done, deadline));
    });
  }

  /** Returns the audit rows of one request (by correlation id), waiting for the trail to flush them. */
  public Future<List<JsonObject>> auditRows(String correlationId) {
    return eventually(() -> gateway.database().pool()
            .preparedQuery("SELECT client_id, route, http_method, odoo_model, odoo_method, outcome, status, reason "
                + "FROM audit_log WHERE correlation_id = $1 ORDER BY id")
            .execute(Tuple.of(correlationId))
            .map(rows -> {
              List<JsonObject> out = new ArrayList<>();
              rows.forEach(row -> out.add(row.toJson()));
              return out;
            }),
        rows -> !rows.isEmpty(), Duration.ofSeconds(10));
  }

  /** Returns a valid canonical invoice body: one line of 100.00, dated 2026-11-20, due a month later. */
  public static JsonObject invoiceBody(String ref, String partnerRef, String currency) {
    return new JsonObject().put("externalRef", ref).put("kind", "customer_invoice")
        .put("partner", new JsonObject().put("externalRef", partnerRef)).put("currency", currency)
        .put("invoiceDate", "2026-11-20").put("dueDate", "2026-12-20")
        .put("lines", new JsonArray().add(new JsonObject().put("description", "Service").put("quantity", "1")
            .put("unitPrice", "100.00")));
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
    return executeKwWithKey(key(clientId), uid, model, method, args, kwargs);
  }

  /** Calls {@code object.execute_kw} with a uid and an API key (for clients configured in a test's own YAML). */
  public Future<HttpResponse<Buffer>> executeKwWithKey(String apiKey, int uid, String model, String method,
      JsonArray args, JsonObject kwargs) {
    return http.post("/jsonrpc").putHeader("Content-Type", "application/json")
        .sendBuffer(executeKwCall(apiKey, uid, model, method, args, kwargs).toBuffer());
  }

  /** Returns the JSON-RPC envelope of an {@code object.execute_kw} call, for tests that send it themselves. */
  public static JsonObject executeKwCall(String apiKey, int uid, String model, String method, JsonArray args,
      JsonObject kwargs) {
    return new JsonObject().put("jsonrpc", "2.0").put("method", "call").put("id", 7)
        .put("params", new JsonObject().put("service", "object").put("method", "execute_kw").put("args",
            new JsonArray().add("testdb").add(uid).add(apiKey).add(model).add(method).add(args).add(kwargs)));
  }
}
