package dev.ofg.delivery;

import dev.ofg.admin.AdminRoutes;
import dev.ofg.bank.BankStatementImporter;
import dev.ofg.config.DeliveryConfig;
import dev.ofg.delivery.admin.DeliveryAdminRoutes;
import dev.ofg.delivery.analytics.AnalyticsDeliveryVerticle;
import dev.ofg.delivery.bank.BankDeliveryVerticle;
import dev.ofg.delivery.statement.StatementImportDeliveryVerticle;
import dev.ofg.delivery.treasury.TreasuryDeliveryVerticle;
import dev.ofg.finance.FinanceService;
import dev.ofg.odoo.OdooClient;
import dev.ofg.store.AnalyticsBatchRecords;
import dev.ofg.store.AuditRecord;
import dev.ofg.store.AuditTrail;
import dev.ofg.store.DeliveryInspection;
import dev.ofg.store.DeliveryRecords;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Assembles event delivery for one gateway process: the outbox relay and the treasury, bank, analytics and statements
 * delivery verticles that are configured, plus the operator view and admin routes. Several processes may run it on one
 * database: they share the work through the store, never an attempt.
 */
public final class DeliveryService {
  /** Event-bus address that makes the relay run a pass now (after a resume or a replay). */
  public static final String WAKE_ADDRESS = "ofg.delivery.relay.wake";

  private final Vertx vertx;
  private final DeliveryConfig config;
  private final Pool pool;
  private final OdooClient odoo;
  private final FinanceService finance;
  private final BankStatementImporter statements;
  private final AuditTrail audit;
  private final MeterRegistry registry;
  private final String relayId;
  private final Clock clock;
  private final DeliveryRecords records;
  private final DeliveryInspection inspection;
  private final AnalyticsBatchRecords analytics;
  private final DeliveryMetrics metrics;
  private final List<String> deployments = new ArrayList<>();
  private OutboxRelay relay;

  private DeliveryService(Vertx vertx, DeliveryConfig config, Pool pool, OdooClient odoo, FinanceService finance,
      BankStatementImporter statements, AuditTrail audit, MeterRegistry registry, String relayId, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.pool = pool;
    this.odoo = odoo;
    this.finance = finance;
    this.statements = statements;
    this.audit = audit;
    this.registry = registry;
    this.relayId = relayId;
    this.clock = clock;
    this.records = new DeliveryRecords(pool);
    this.inspection = new DeliveryInspection(pool);
    this.analytics = new AnalyticsBatchRecords(pool);
    this.metrics = new DeliveryMetrics(registry);
  }

  /**
   * Creates the service; nothing runs until {@link #start()}.
   *
   * @param statements the importer of statement files received by webhook sources (the statements target)
   */
  public static DeliveryService create(Vertx vertx, DeliveryConfig config, Pool pool, OdooClient odoo,
      FinanceService finance, BankStatementImporter statements, AuditTrail audit, MeterRegistry registry) {
    return new DeliveryService(vertx, config, pool, odoo, finance, statements, audit, registry, newRelayId(),
        Clock.systemUTC());
  }

  /** Deploys the configured delivery verticles, then the relay; does nothing when delivery is disabled. */
  public Future<Void> start() {
    if (!config.enabled()) {
      return Future.succeededFuture();
    }
    relay = new OutboxRelay(config, pool, metrics, audit, relayId, clock);
    List<Deployable> verticles = new ArrayList<>();
    if (config.treasury() != null) {
      verticles.add(new TreasuryDeliveryVerticle(config.treasury(), clock));
    }
    if (config.bank() != null) {
      verticles.add(new BankDeliveryVerticle(config.bank(), finance, registry));
    }
    if (config.analytics() != null) {
      verticles.add(new AnalyticsDeliveryVerticle(config.analytics(), odoo, pool, registry, relayId, clock));
    }
    if (config.statements() != null) {
      verticles.add(new StatementImportDeliveryVerticle(statements, pool));
    }
    verticles.add(relay);
    Future<Void> deployed = records.ensureTargets(config.configuredTargets());
    for (Deployable verticle : verticles) {
      deployed = deployed.compose(v -> vertx.deployVerticle(verticle)).map(id -> {
        deployments.add(id);
        return null;
      });
    }
    return deployed;
  }

  /** Stops the relay first (attempts in flight finish or are taken over after their lease), then the targets. */
  public Future<Void> stop() {
    Future<Void> stopped = Future.succeededFuture();
    for (int i = deployments.size() - 1; i >= 0; i--) {
      String id = deployments.get(i);
      stopped = stopped.compose(v -> vertx.undeploy(id).otherwiseEmpty());
    }
    deployments.clear();
    return stopped;
  }

  public AdminRoutes adminRoutes() {
    return new DeliveryAdminRoutes(this);
  }

  public DeliveryConfig config() {
    return config;
  }

  public DeliveryRecords records() {
    return records;
  }

  public DeliveryInspection inspection() {
    return inspection;
  }

  public AnalyticsBatchRecords analytics() {
    return analytics;
  }

  /** Identifies this process's relay in claims and attempt history. */
  public String relayId() {
    return relayId;
  }

  /** Asks the relay to run a pass now. */
  public void wake() {
    vertx.eventBus().send(WAKE_ADDRESS, null, new DeliveryOptions().setLocalOnly(true));
  }

  /**
   * Counts a delivery an operator discarded and adds its audit row under the event's correlation id, as every final
   * delivery outcome does ({@code route = delivery:<target>}, outcome {@code discarded}, the operator and the reason).
   *
   * @param discarded the delivery as {@link DeliveryInspection} describes it, after the discard
   */
  public void discarded(JsonObject discarded) {
    String target = discarded.getString("target");
    metrics.discarded(target);
    audit.record(new AuditRecord(clock.instant(), discarded.getString("correlationId"),
        discarded.getString("discardedBy"), "delivery:" + target, null, null, null, "discarded", 0, 0,
        discarded.getString("discardReason")));
  }

  /** Runs an analytics batch now and answers what it did. */
  public Future<JsonObject> runAnalyticsBatch() {
    if (config.analytics() == null || !config.enabled()) {
      return Future.succeededFuture(new JsonObject().put("status", "not_configured"));
    }
    long timeout = config.analytics().policy().timeout().multipliedBy(
        config.analytics().maxRows() / config.analytics().pageSize() + 3).toMillis();
    return vertx.eventBus().<JsonObject>request(AnalyticsDeliveryVerticle.RUN_BATCH_ADDRESS, null,
        new DeliveryOptions().setLocalOnly(true).setSendTimeout(timeout)).map(reply -> reply.body());
  }

  /** Describes this process's view of a target: breaker state, attempts in flight, window; null if unconfigured. */
  public JsonObject laneView(String target) {
    TargetLane lane = relay == null ? null : relay.lane(target);
    if (lane == null) {
      return null;
    }
    return new JsonObject().put("breaker", lane.breaker().state().name().toLowerCase(Locale.ROOT))
        .put("inFlight", lane.inFlight()).put("window", lane.policy().config().window())
        .put("maxInFlightSeen", lane.highWater());
  }

  /** Names this process without a DNS lookup (the constructor may run on an event loop). */
  private static String newRelayId() {
    String host = System.getenv().getOrDefault("HOSTNAME", "gateway");
    return host + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
  }
}
