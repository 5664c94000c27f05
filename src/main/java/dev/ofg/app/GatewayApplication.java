package dev.ofg.app;

import dev.ofg.admin.AdminRoutes;
import dev.ofg.admin.GatewayHealth;
import dev.ofg.admin.ManagementVerticle;
import dev.ofg.admin.RetentionRoutes;
import dev.ofg.bank.BankStatementApi;
import dev.ofg.bank.BankStatementImporter;
import dev.ofg.config.ConfigException;
import dev.ofg.config.ConfigSource;
import dev.ofg.config.GatewayConfig;
import dev.ofg.config.RateLimitConfig;
import dev.ofg.config.WebhookConfig;
import dev.ofg.delivery.DeliveryService;
import dev.ofg.finance.FinanceApi;
import dev.ofg.finance.FinanceService;
import dev.ofg.http.CorrelationHandler;
import dev.ofg.http.ErrorFormat;
import dev.ofg.http.FailureHandler;
import dev.ofg.http.PublicApiVerticle;
import dev.ofg.http.RequestRecorder;
import dev.ofg.http.TraceContext;
import dev.ofg.odoo.OdooClient;
import dev.ofg.odoo.ResilientOdooClient;
import dev.ofg.odoo.facade.FacadeCalls;
import dev.ofg.odoo.facade.FacadeContext;
import dev.ofg.odoo.facade.FacadeSessions;
import dev.ofg.odoo.facade.Json2Facade;
import dev.ofg.odoo.facade.JsonRpcFacade;
import dev.ofg.odoo.facade.XmlRpcFacade;
import dev.ofg.policy.PolicyHolder;
import dev.ofg.policy.PolicySnapshot;
import dev.ofg.policy.idempotency.IdempotencyPolicy;
import dev.ofg.policy.limits.BodyFormat;
import dev.ofg.policy.limits.RequestBodyHandler;
import dev.ofg.policy.reload.PolicyFileWatcher;
import dev.ofg.policy.reload.PolicyReloadRoutes;
import dev.ofg.policy.reload.PolicyReloader;
import dev.ofg.policy.ratelimit.OutboundRateLimiter;
import dev.ofg.policy.ratelimit.RateLimitHandler;
import dev.ofg.policy.ratelimit.RateLimitMetrics;
import dev.ofg.policy.ratelimit.RateLimitStrategy;
import dev.ofg.policy.ratelimit.RemoteAddressRateLimitHandler;
import dev.ofg.policy.schema.SchemaCatalog;
import dev.ofg.policy.auth.ClientAuthenticationHandler;
import dev.ofg.policy.auth.ClientAuthenticator;
import dev.ofg.policy.auth.JwtAuthenticator;
import dev.ofg.policy.authz.AdminRoleHandler;
import dev.ofg.store.Database;
import dev.ofg.store.ExternalRefLedger;
import dev.ofg.store.IdempotencyRecords;
import dev.ofg.store.PgAuditTrail;
import dev.ofg.store.RetentionJob;
import dev.ofg.store.StoreLocator;
import dev.ofg.webhook.ingest.WebhookIngestion;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles one gateway process from its configuration: store, audit trail, Odoo client, policies, and
 * the public and management verticles; and takes it down in the reverse order.
 */
public final class GatewayApplication {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayApplication.class);

  private final Vertx vertx;
  private final GatewayConfig config;
  private final PrometheusMeterRegistry registry;
  private final StoreLocator.Located store;
  private final Database database;
  private final PgAuditTrail audit;
  private final OdooClient odoo;
  private final PolicyHolder policy;
  private final FacadeContext facade;
  private final GatewayHealth health;
  private final FinanceService finance;
  private final BankStatementImporter bankImporter;
  private final DeliveryService delivery;
  private final IdempotencyPolicy idempotency;
  private final RateLimitMetrics rateLimitMetrics;
  private final RateLimitStrategy rateLimits;
  private final Map<String, RateLimitHandler> rateLimitHandlers = new ConcurrentHashMap<>();
  private final JwtAuthenticator jwt;
  private final RemoteAddressRateLimitHandler preAuthentication;
  private final ClientAuthenticator authenticator;
  private final WebhookIngestion webhooks;
  private final long reaperTimer;
  private final RetentionJob retention;
  private final PolicyReloader reloader;
  private PolicyFileWatcher watcher;
  private final List<String> deployments = new ArrayList<>();
  private final List<AdminRoutes> adminRoutes = new ArrayList<>();
  private int publicPort = -1;
  private int managementPort = -1;

  private GatewayApplication(Vertx vertx, GatewayConfig config, PrometheusMeterRegistry registry,
      StoreLocator.Located store, Database database, SchemaCatalog schemas, ConfigSource source) {
    this.vertx = vertx;
    this.config = config;
    this.registry = registry;
    this.store = store;
    this.database = database;
    this.audit = new PgAuditTrail(vertx, database.pool(), config.audit(), registry);
    this.policy = new PolicyHolder(PolicySnapshot.of(config, schemas));
    this.rateLimitMetrics = new RateLimitMetrics(registry);
    this.rateLimits = RateLimitStrategy.create(vertx, config.rateLimits(), this::rateLimitRules, rateLimitMetrics);
    OutboundRateLimiter outbound = config.rateLimits().outbound() == null ? null
        : OutboundRateLimiter.create(vertx, config.rateLimits().outbound(), rateLimitMetrics);
    this.odoo = ResilientOdooClient.create(vertx, config.odoo(), registry, outbound);
    this.preAuthentication = config.rateLimits().preAuthentication() == null ? null
        : RemoteAddressRateLimitHandler.create(config.rateLimits().preAuthentication(),
            config.rateLimits().maxBuckets(), rateLimitMetrics);
    this.jwt = config.jwt() == null ? null : JwtAuthenticator.create(vertx, config.jwt(), registry);
    this.authenticator = new ClientAuthenticator(policy, jwt);
    this.idempotency = new IdempotencyPolicy(new IdempotencyRecords(database.pool()), config.idempotency(), registry);
    this.reaperTimer = vertx.setPeriodic(config.idempotency().reapInterval().toMillis(),
        id -> idempotency.reapExpired().onFailure(failure -> LOG.warn("idempotency reaper: {}", failure.toString())));
    this.facade = new FacadeContext(new FacadeCalls(odoo, idempotency, rateLimitHandler("facade")), policy,
        new FacadeSessions(Duration.ofHours(8), 100_000), odoo, config.odoo().database());
    this.health = new GatewayHealth(vertx, database, odoo);
    // A claim older than two Odoo timeouts belongs to a request that can no longer be running.
    this.finance = new FinanceService(odoo, new ExternalRefLedger(database.pool(),
        config.odoo().timeout().multipliedBy(2).plusSeconds(5)));
    this.webhooks = WebhookIngestion.create(vertx, config.webhooks(), database.pool(), registry);
    addAdminRoutes(webhooks.adminRoutes());
    this.bankImporter = BankStatementImporter.create(vertx, odoo, database.pool(), config.bankImport(),
        config.odoo().timeout(), registry);
    this.reloader = new PolicyReloader(vertx, source, config, policy, this::routeTemplates, registry);
    addAdminRoutes(new PolicyReloadRoutes(reloader));
    this.delivery = DeliveryService.create(vertx, config.delivery(), database.pool(), odoo, finance, bankImporter,
        audit, registry);
    addAdminRoutes(delivery.adminRoutes());
    this.retention = new RetentionJob(vertx, database.pool(), config.retention(), registry);
    config.retention().inboxRetentionWarning(config.webhooks().sources().values().stream()
        .map(WebhookConfig.Source::type).toList()).ifPresent(LOG::warn);
    addAdminRoutes(new RetentionRoutes(retention));
  }

  /** Starts every part of the gateway; the future completes when both ports listen. Nothing to reload from. */
  public static Future<GatewayApplication> start(Vertx vertx, GatewayConfig config, PrometheusMeterRegistry registry) {
    return start(vertx, config, registry, null);
  }

  /**
   * Starts every part of the gateway; {@code source} is where {@code config} was read from, read again by
   * {@code POST /admin/reload} and the policy file watch (null: no reload).
   */
  public static Future<GatewayApplication> start(Vertx vertx, GatewayConfig config, PrometheusMeterRegistry registry,
      ConfigSource source) {
    return vertx.executeBlocking(() -> SchemaCatalog.load(config.schemaDirectory(), "v1"), false)
        .compose(schemas -> StoreLocator.locate(vertx, config.store()).compose(located ->
        Database.open(vertx, located.config())
            .map(database -> new GatewayApplication(vertx, config, registry, located, database, schemas, source))
            .compose(GatewayApplication::deploy)
            .onFailure(failure -> located.close())));
  }

  private Future<GatewayApplication> deploy() {
    ManagementVerticle management = new ManagementVerticle(config.server().host(), config.server().managementPort(),
        this::managementRouter);
    List<String> routeProblems = PolicyReloader.routeProblems(config, routeTemplates());
    if (!routeProblems.isEmpty()) {
      return Future.failedFuture(new ConfigException(routeProblems));
    }
    Future<Void> identity = jwt == null ? Future.succeededFuture() : jwt.start();
    return identity.compose(ready -> vertx.deployVerticle(management))
        .compose(id -> {
          deployments.add(id);
          managementPort = management.actualPort();
          return deployPublic();
        })
        .compose(v -> facade.warmUp(TraceContext.generate()))
        .compose(v -> watchPolicy())
        .compose(v -> delivery.start())
        .map(v -> {
          retention.start();
          LOG.info("gateway listening: public {}:{}, management {}:{}", config.server().host(), publicPort,
              config.server().host(), managementPort);
          return this;
        });
  }

  /**
   * Deploys one public verticle per configured instance, all on one listening socket. Port 0 means "any free
   * port"; Vert.x shares a random port between instances only when asked for a negative port.
   */
  private Future<Void> deployPublic() {
    int port = config.server().publicPort() == 0 ? -1 : config.server().publicPort();
    List<PublicApiVerticle> instances = new CopyOnWriteArrayList<>();
    return vertx.deployVerticle(() -> {
      PublicApiVerticle verticle = new PublicApiVerticle(config.server().host(), port, this::publicRouter);
      instances.add(verticle);
      return verticle;
    }, new DeploymentOptions().setInstances(config.server().instances())).map(id -> {
      deployments.add(id);
      publicPort = instances.get(0).actualPort();
      return null;
    });
  }

  /** Starts the policy file watch when configured; a configuration that is no file cannot be watched. */
  private Future<Void> watchPolicy() {
    if (!config.reload().watch() || reloader.source() == null) {
      return Future.succeededFuture();
    }
    watcher = new PolicyFileWatcher(vertx, reloader.source().location(), config.reload().watchInterval(),
        () -> reloader.reload("watch"));
    return watcher.start().recover(failure -> {
      LOG.warn("policy.watch is on but {} cannot be watched ({}); use POST /admin/reload", reloader.source(),
          failure.getMessage());
      return Future.succeededFuture();
    });
  }

  /** Returns the rate-limit rules in force (the last reload's). */
  private RateLimitConfig rateLimitRules() {
    RateLimitConfig current = policy.current().rateLimits();
    return current != null ? current : config.rateLimits();
  }

  /** Lists the templates of the public routes, which {@code limits.routes} may name. */
  private Set<String> routeTemplates() {
    Set<String> templates = new TreeSet<>();
    for (Route route : publicRouter(vertx).getRoutes()) {
      // Parameterised paths keep their template in getPath(); only pathRegex routes have none.
      if (route.getPath() != null) {
        templates.add(route.isExactPath() ? route.getPath() : route.getPath() + "*");
      }
    }
    return templates;
  }

  Router publicRouter(Vertx vertx) {
    Router router = Router.router(vertx);
    FailureHandler failures = failureHandler();
    router.route().handler(new CorrelationHandler()).handler(new RequestRecorder(registry, audit));
    if (config.rateLimits().preAuthentication() != null) {
      router.route().handler(preAuthentication);
    }
    new JsonRpcFacade(facade).mount(router, bodyHandler("facade", BodyFormat.JSON));
    new Json2Facade(facade).mount(router, bodyHandler("facade", BodyFormat.JSON));
    new XmlRpcFacade(facade).mount(router, bodyHandler("facade", BodyFormat.XML));
    // GET routes carry no body, so the write class's limits are the ones that matter on the canonical API.
    new FinanceApi(finance, new ClientAuthenticationHandler(authenticator), policy, idempotency,
        this::rateLimitHandler).mount(router, bodyHandler("finance-write", BodyFormat.JSON));
    webhooks.mount(router, this::rateLimitHandler);
    new BankStatementApi(vertx, bankImporter, config.bankImport(), new ClientAuthenticationHandler(authenticator),
        idempotency, this::rateLimitHandler).mount(router);
    mountHealth(router);
    router.route().failureHandler(failures);
    router.errorHandler(404, failures).errorHandler(405, failures);
    return router;
  }

  /** Returns the body reader of a route class: size and content type per route, from the policy in force. */
  private RequestBodyHandler bodyHandler(String routeClass, BodyFormat format) {
    return RequestBodyHandler.create(() -> policy.current().requestLimits(), routeClass, format);
  }

  /** Returns the (shared) rate-limit handler of a route class; one per class, so all event loops share buckets. */
  RateLimitHandler rateLimitHandler(String routeClass) {
    return rateLimitHandlers.computeIfAbsent(routeClass,
        name -> RateLimitHandler.create(rateLimits, this::rateLimitRules, name, rateLimitMetrics));
  }

  Router managementRouter(Vertx vertx) {
    Router router = Router.router(vertx);
    FailureHandler failures = failureHandler();
    router.route().handler(new CorrelationHandler());
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    mountHealth(router);
    router.route("/admin/*").subRouter(adminRouter(vertx));
    router.route().failureHandler(failures);
    router.errorHandler(404, failures).errorHandler(405, failures);
    return router;
  }

  /**
   * Builds {@code /admin}: authentication (a JWT with the admin role), the admin role check, then the routes
   * each capability contributes; every admin call is recorded in the audit trail.
   */
  private Router adminRouter(Vertx vertx) {
    Router admin = Router.router(vertx);
    admin.route().handler(new RequestRecorder(registry, audit))
        .handler(BodyHandler.create(false).setBodyLimit(config.server().maxBodyBytes()))
        .handler(new ClientAuthenticationHandler(authenticator))
        .handler(new AdminRoleHandler());
    for (AdminRoutes routes : adminRoutes) {
      routes.mount(admin);
    }
    return admin;
  }

  /** Registers operator endpoints; call before {@link #start} deploys (i.e. from the constructor). */
  private void addAdminRoutes(AdminRoutes routes) {
    adminRoutes.add(routes);
  }

  private void mountHealth(Router router) {
    router.get("/health/live").handler(health.livenessHandler());
    router.get("/health/ready").handler(health.readinessHandler());
  }

  private FailureHandler failureHandler() {
    return new FailureHandler(registry)
        .renderer(ErrorFormat.JSON_RPC, new JsonRpcFacade(facade).errorRenderer())
        .renderer(ErrorFormat.JSON_2, new Json2Facade(facade).errorRenderer())
        .renderer(ErrorFormat.XML_RPC, new XmlRpcFacade(facade).errorRenderer());
  }

  /** Stops taking requests, drains the audit trail, and closes the Odoo client, pool and embedded store. */
  public Future<Void> stop() {
    Future<Void> undeployed = delivery.stop().otherwiseEmpty()
        .compose(v -> retention.stop());
    for (int i = deployments.size() - 1; i >= 0; i--) {
      String id = deployments.get(i);
      undeployed = undeployed.compose(v -> vertx.undeploy(id).otherwiseEmpty());
    }
    vertx.cancelTimer(reaperTimer);
    if (watcher != null) {
      watcher.stop();
    }
    return undeployed
        .compose(v -> audit.close().otherwiseEmpty())
        .compose(v -> odoo.close().otherwiseEmpty())
        .compose(v -> rateLimits.close().otherwiseEmpty())
        .compose(v -> {
          if (jwt != null) {
            jwt.close();
          }
          return Future.<Void>succeededFuture();
        })
        .compose(v -> webhooks.close().otherwiseEmpty())
        .compose(v -> database.close().otherwiseEmpty())
        .eventually(() -> vertx.executeBlocking(() -> {
          store.close();
          return null;
        }, false))
        .mapEmpty();
  }

  public int publicPort() {
    return publicPort;
  }

  public int managementPort() {
    return managementPort;
  }

  public GatewayConfig config() {
    return config;
  }

  public Database database() {
    return database;
  }

  public PolicyHolder policy() {
    return policy;
  }

  /** Returns the reloader behind {@code POST /admin/reload} (and the policy file watch). */
  public PolicyReloader reloader() {
    return reloader;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public OdooClient odoo() {
    return odoo;
  }

  /** Returns the statement importer (uploads, and statement files received by webhook sources). */
  public BankStatementImporter bankStatementImporter() {
    return bankImporter;
  }

  public DeliveryService delivery() {
    return delivery;
  }
}
