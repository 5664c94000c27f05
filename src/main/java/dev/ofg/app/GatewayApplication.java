package dev.ofg.app;

import dev.ofg.admin.AdminRoutes;
import dev.ofg.admin.GatewayHealth;
import dev.ofg.admin.ManagementVerticle;
import dev.ofg.config.GatewayConfig;
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
import dev.ofg.store.StoreLocator;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
  private final DeliveryService delivery;
  private final IdempotencyPolicy idempotency;
  private final RateLimitMetrics rateLimitMetrics;
  private final RateLimitStrategy rateLimits;
  private final Map<String, RateLimitHandler> rateLimitHandlers = new ConcurrentHashMap<>();
  private final JwtAuthenticator jwt;
  private final RemoteAddressRateLimitHandler preAuthentication;
  private final ClientAuthenticator authenticator;
  private final long reaperTimer;
  private final List<String> deployments = new ArrayList<>();
  private final List<AdminRoutes> adminRoutes = new ArrayList<>();
  private int publicPort = -1;
  private int managementPort = -1;

  private GatewayApplication(Vertx vertx, GatewayConfig config, PrometheusMeterRegistry registry,
      StoreLocator.Located store, Database database, SchemaCatalog schemas) {
    this.vertx = vertx;
    this.config = config;
    this.registry = registry;
    this.store = store;
    this.database = database;
    this.audit = new PgAuditTrail(vertx, database.pool(), config.audit(), registry);
    this.policy = new PolicyHolder(PolicySnapshot.of(config.policy(), schemas));
    this.rateLimitMetrics = new RateLimitMetrics(registry);
    this.rateLimits = RateLimitStrategy.create(vertx, config.rateLimits(), rateLimitMetrics);
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
    this.delivery = DeliveryService.create(vertx, config.delivery(), database.pool(), odoo, finance, audit, registry);
    addAdminRoutes(delivery.adminRoutes());
  }

  /** Starts every part of the gateway; the future completes when both ports listen. */
  public static Future<GatewayApplication> start(Vertx vertx, GatewayConfig config, PrometheusMeterRegistry registry) {
    return vertx.executeBlocking(() -> SchemaCatalog.load(config.schemaDirectory(), "v1"), false)
        .compose(schemas -> StoreLocator.locate(vertx, config.store()).compose(located ->
        Database.open(vertx, located.config())
            .map(database -> new GatewayApplication(vertx, config, registry, located, database, schemas))
            .compose(GatewayApplication::deploy)
            .onFailure(failure -> located.close())));
  }

  private Future<GatewayApplication> deploy() {
    ManagementVerticle management = new ManagementVerticle(config.server().host(), config.server().managementPort(),
        this::managementRouter);
    Future<Void> identity = jwt == null ? Future.succeededFuture() : jwt.start();
    return identity.compose(ready -> vertx.deployVerticle(management))
        .compose(id -> {
          deployments.add(id);
          managementPort = management.actualPort();
          return deployPublic();
        })
        .compose(v -> facade.warmUp(TraceContext.generate()))
        .compose(v -> delivery.start())
        .map(v -> {
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

  Router publicRouter(Vertx vertx) {
    Router router = Router.router(vertx);
    FailureHandler failures = failureHandler();
    router.route().handler(new CorrelationHandler()).handler(new RequestRecorder(registry, audit));
    if (config.rateLimits().preAuthentication() != null) {
      router.route().handler(preAuthentication);
    }
    BodyHandler body = BodyHandler.create(false).setBodyLimit(config.server().maxBodyBytes());
    new JsonRpcFacade(facade).mount(router, body);
    new Json2Facade(facade).mount(router, body);
    new XmlRpcFacade(facade).mount(router, body);
    new FinanceApi(finance, new ClientAuthenticationHandler(authenticator), policy, idempotency,
        this::rateLimitHandler).mount(router, body);
    mountHealth(router);
    router.route().failureHandler(failures);
    router.errorHandler(404, failures).errorHandler(405, failures);
    return router;
  }

  /** Returns the (shared) rate-limit handler of a route class; one per class, so all event loops share buckets. */
  RateLimitHandler rateLimitHandler(String routeClass) {
    return rateLimitHandlers.computeIfAbsent(routeClass,
        name -> RateLimitHandler.create(rateLimits, config.rateLimits(), name, rateLimitMetrics));
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
    Future<Void> undeployed = delivery.stop().otherwiseEmpty();
    for (int i = deployments.size() - 1; i >= 0; i--) {
      String id = deployments.get(i);
      undeployed = undeployed.compose(v -> vertx.undeploy(id).otherwiseEmpty());
    }
    vertx.cancelTimer(reaperTimer);
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

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public OdooClient odoo() {
    return odoo;
  }

  public DeliveryService delivery() {
    return delivery;
  }
}
