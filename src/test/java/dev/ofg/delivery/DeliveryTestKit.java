package dev.ofg.delivery;

import dev.ofg.app.GatewayApplication;
import dev.ofg.app.GatewayRuntime;
import dev.ofg.config.GatewayConfig;
import dev.ofg.config.GatewayConfigLoader;
import dev.ofg.config.Secret;
import dev.ofg.finance.FinanceEvent;
import dev.ofg.finance.FinanceService;
import dev.ofg.policy.auth.DemoTokens;
import dev.ofg.sandbox.DeliverySink;
import dev.ofg.sandbox.DeliverySinks;
import dev.ofg.sandbox.OdooSandbox;
import dev.ofg.sandbox.SandboxOptions;
import dev.ofg.sandbox.SandboxUser;
import dev.ofg.store.Database;
import dev.ofg.store.ExternalRefLedger;
import dev.ofg.store.OutboxRecords;
import dev.ofg.store.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Starts what a delivery test needs, all real: a fresh PostgreSQL database, the Odoo sandbox with its treasury and
 * analytics sinks on a random port, and one or more gateways (ports 0) configured through the YAML loader with the
 * test's {@code delivery:} section. {@code ${SANDBOX_URL}} and {@code ${TREASURY_SECRET}} resolve in that section.
 * The admin API on the management port takes the tokens of {@link #token}.
 */
public final class DeliveryTestKit {
  public static final String SERVICE_LOGIN = "gateway-service";
  /** The operator client: {@link #adminToken()} carries its id and the admin role. */
  public static final String OPS = "ops";
  /** The treasury target (under {@code delivery.targets}) pointing at the sandbox's treasury sink. */
  public static final String TREASURY_TARGET = String.join("\n",
      "    treasury:",
      "      url: ${SANDBOX_URL}/sinks/treasury",
      "      secret: ${TREASURY_SECRET}");

  private final TestDatabase database;
  private final OdooSandbox sandbox;
  private final DeliverySinks sinks;
  private final Map<String, String> env;
  private final String deliveryYaml;
  private final List<GatewayApplication> gateways = new CopyOnWriteArrayList<>();
  private final Database store;
  private FinanceService finance;

  private DeliveryTestKit(TestDatabase database, Database store, OdooSandbox sandbox, DeliverySinks sinks,
      Map<String, String> env, String deliveryYaml) {
    this.database = database;
    this.store = store;
    this.sandbox = sandbox;
    this.sinks = sinks;
    this.env = env;
    this.deliveryYaml = deliveryYaml;
  }

  /** Starts the database, the sandbox with sinks, and one gateway; the database is created on the calling thread. */
  public static Future<DeliveryTestKit> start(Vertx vertx, String deliveryYaml) {
    return startWithoutGateway(vertx, deliveryYaml).compose(kit -> kit.startGateway(vertx).map(kit));
  }

  /**
   * Starts the database (migrated) and the sandbox with sinks, but no gateway: for tests that run the gateway in
   * another process.
   */
  public static Future<DeliveryTestKit> startWithoutGateway(Vertx vertx, String deliveryYaml) {
    TestDatabase database = TestDatabase.create();
    Map<String, String> env = new HashMap<>();
    env.put("ODOO_PASSWORD", "svc-" + UUID.randomUUID());
    env.put("ERP_KEY", "erp-" + UUID.randomUUID());
    env.put("JWT_SECRET", "jwt-" + UUID.randomUUID() + UUID.randomUUID());
    env.put("TREASURY_SECRET", "whsec_" + Base64.getEncoder().encodeToString(
        UUID.randomUUID().toString().substring(0, 32).getBytes(StandardCharsets.UTF_8)));
    SandboxUser admin = SandboxUser.admin(SandboxOptions.DEFAULT_ADMIN_UID, "admin", "admin-" + UUID.randomUUID(),
        "admin-key-" + UUID.randomUUID(), List.of(1L, 2L));
    SandboxUser service = SandboxUser.financeService(SandboxOptions.DEFAULT_SERVICE_UID, SERVICE_LOGIN,
        env.get("ODOO_PASSWORD"), "svc-key-" + UUID.randomUUID(), List.of(1L));
    SandboxOptions options = new SandboxOptions("127.0.0.1", 0, "testdb", "19.0", List.of(admin, service), true);
    return OdooSandbox.start(vertx, options).compose(sandbox -> {
      env.put("SANDBOX_URL", sandbox.baseUrl());
      Map<String, String> secrets = new HashMap<>();
      secrets.put(DeliverySinks.TREASURY, env.get("TREASURY_SECRET"));
      secrets.put(DeliverySinks.ANALYTICS, null);
      DeliverySinks sinks = DeliverySinks.create(vertx, secrets).mount(sandbox.router());
      return Database.open(vertx, database.config())
          .map(store -> new DeliveryTestKit(database, store, sandbox, sinks, env, deliveryYaml));
    });
  }

  /** Starts another gateway instance on the same database and sandbox (a second relay). */
  public Future<GatewayApplication> startGateway(Vertx vertx) {
    GatewayConfig config = new GatewayConfigLoader(env).parse(yaml(), "delivery-test.yaml");
    return GatewayApplication.start(vertx, config, GatewayRuntime.registry()).map(gateway -> {
      gateways.add(gateway);
      if (finance == null) {
        finance = new FinanceService(gateway.odoo(), new ExternalRefLedger(gateway.database().pool(),
            Duration.ofSeconds(10)));
      }
      return gateway;
    });
  }

  public String yaml() {
    return String.join("\n",
        "server:",
        "  host: 127.0.0.1",
        "  publicPort: 0",
        "  managementPort: 0",
        "  instances: 1",
        "store:",
        "  host: " + database.config().host(),
        "  port: " + database.config().port(),
        "  database: " + database.config().database(),
        "  user: " + database.config().user(),
        "  poolSize: 6",
        "odoo:",
        "  url: " + sandbox.baseUrl(),
        "  protocol: json-rpc",
        "  database: testdb",
        "  login: " + SERVICE_LOGIN,
        "  password: ${ODOO_PASSWORD}",
        "  timeout: 3s",
        "  maxConcurrency: 8",
        "  retry:",
        "    maxAttempts: 2",
        "    initialBackoff: 10ms",
        "    maxBackoff: 20ms",
        "audit:",
        "  flushInterval: 50ms",
        "retention:",
        "  enabled: false",
        "jwt:",
        "  issuers: [" + DemoTokens.ISSUER + "]",
        "  audiences: [" + DemoTokens.AUDIENCE + "]",
        "  algorithms: [HS256]",
        "  hmacSecret: ${JWT_SECRET}",
        "roles:",
        "  finance-integration:",
        "    models:",
        "      res.partner: ['@read', '@write']",
        "  gateway-admin:",
        "    admin: true",
        "clients:",
        "  - id: erp",
        "    uid: 200001",
        "    roles: [finance-integration]",
        "    apiKeys:",
        "      - key: ${ERP_KEY}",
        "  - id: " + OPS,
        "    uid: 200009",
        "    roles: [gateway-admin]",
        deliveryYaml,
        "");
  }

  public Future<Void> stop() {
    Future<Void> stopped = Future.succeededFuture();
    for (GatewayApplication gateway : gateways) {
      stopped = stopped.eventually(gateway::stop);
    }
    return stopped.eventually(store::close).eventually(sandbox::close).eventually(() -> {
      database.close();
      return Future.succeededFuture();
    });
  }

  public GatewayApplication gateway() {
    return gateways.get(0);
  }

  public DeliveryService delivery() {
    return gateway().delivery();
  }

  /** The test's own pool on the gateway's database. */
  public Pool pool() {
    return store.pool();
  }

  public OdooSandbox sandbox() {
    return sandbox;
  }

  public DeliverySink sink(String name) {
    return sinks.sink(name);
  }

  public FinanceService finance() {
    return finance;
  }

  public Map<String, String> env() {
    return env;
  }

  public TestDatabase database() {
    return database;
  }

  /** Mints a token for a configured client with these roles, valid for five minutes. */
  public String token(String clientId, List<String> roles) {
    return DemoTokens.hs256(Secret.of(env.get("JWT_SECRET")), clientId, roles, Duration.ofMinutes(5));
  }

  /** Returns a token of the operator client {@link #OPS} with the admin role. */
  public String adminToken() {
    return token(OPS, List.of("gateway-admin"));
  }

  /** Writes events to the outbox in one transaction, as any producer does. */
  public Future<Void> append(List<FinanceEvent> events) {
    return pool().withTransaction(tx -> OutboxRecords.append(tx, events));
  }

  public static FinanceEvent event(String type, String aggregateType, String aggregateId, JsonObject data) {
    return new FinanceEvent(UUID.randomUUID(), type, 1, aggregateType, aggregateId, "test", null,
        "corr-" + UUID.randomUUID(), Instant.now(), data, null);
  }

  /** Returns the rows of a query against the gateway's store. */
  public Future<List<Row>> rows(String sql, Tuple args) {
    return pool().preparedQuery(sql).execute(args).map(rows -> {
      List<Row> out = new ArrayList<>();
      rows.forEach(out::add);
      return out;
    });
  }

  /** Returns the status of one event's delivery to one target (null while it has none). */
  public Future<String> status(UUID eventId, String target) {
    return rows("SELECT status FROM deliveries WHERE event_id = $1 AND target = $2", Tuple.of(eventId, target))
        .map(rows -> rows.isEmpty() ? null : rows.get(0).getString("status"));
  }

  /** Polls {@code condition} every 50 ms until it holds, failing with {@code what} after {@code timeout}. */
  public static Future<Void> await(Vertx vertx, String what, Duration timeout,
      Supplier<Future<Boolean>> condition) {
    Promise<Void> done = Promise.promise();
    long deadline = System.nanoTime() + timeout.toNanos();
    poll(vertx, what, deadline, condition, done);
    return done.future();
  }

  private static void poll(Vertx vertx, String what, long deadline, Supplier<Future<Boolean>> condition,
      Promise<Void> done) {
    condition.get().onComplete(result -> {
      if (result.succeeded() && Boolean.TRUE.equals(result.result())) {
        done.complete();
      } else if (System.nanoTime() > deadline) {
        done.fail(new AssertionError("timed out waiting for: " + what
            + (result.failed() ? " (last check failed: " + result.cause() + ")" : "")));
      } else {
        vertx.setTimer(50, id -> poll(vertx, what, deadline, condition, done));
      }
    });
  }

  /** Like {@link #await} for a condition that needs no I/O. */
  public static Future<Void> awaitTrue(Vertx vertx, String what, Duration timeout, Supplier<Boolean> condition) {
    return await(vertx, what, timeout, () -> Future.succeededFuture(condition.get()));
  }
}
