package dev.ofg.sandbox;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs an in-memory Odoo simulator that speaks Odoo's real wire protocols ({@code /jsonrpc}, the
 * {@code /web/session} and {@code /web/dataset/call_kw} routes, 19.0's JSON-2) for 17.0, 18.0 and
 * 19.0, with switchable faults and direct data access for tests.
 */
public final class OdooSandbox {
  private final Vertx vertx;
  private final SandboxOptions options;
  private final SandboxFaults faults;
  private final ModelRegistry registry;
  private final SandboxSessions sessions;
  private final Router router;
  private final MoveSequence sequence;
  private volatile String deploymentId;
  private volatile int port;

  private OdooSandbox(Vertx vertx, SandboxOptions options) {
    this.vertx = vertx;
    this.options = options;
    this.faults = new SandboxFaults();
    this.sessions = new SandboxSessions();
    this.sequence = new MoveSequence();
    this.registry = new ModelRegistry(options.version(), Clock.systemUTC(), faults::drawSerializationFailure);
    ModelCatalog.register(registry, options.version(), sequence, options.statementImportModule());
    seed();
    this.router = Router.router(vertx);
    SandboxServices services = new SandboxServices(options, options.version(), registry,
        new OdooAuth(options.database(), options.users()), sessions, faults);
    mountRoutes(services);
  }

  /** Starts a sandbox and completes once it listens; {@link #port()} gives the bound port. */
  public static Future<OdooSandbox> start(Vertx vertx, SandboxOptions options) {
    OdooSandbox sandbox = new OdooSandbox(vertx, options);
    return vertx.deployVerticle(sandbox.new ServerVerticle()).map(id -> {
      sandbox.deploymentId = id;
      return sandbox;
    });
  }

  private void mountRoutes(SandboxServices services) {
    FaultInjectionHandler faultHandler = new FaultInjectionHandler(vertx, faults);
    new SandboxControlRoutes(faults, registry.counters(), this::reset).mount(router);
    new SandboxJsonRpcRoutes(services).mount(router, faultHandler);
    new SandboxWebRoutes(services).mount(router, faultHandler);
    if (options.version().hasJson2()) {
      new SandboxJson2Routes(services).mount(router, faultHandler);
    }
    router.errorHandler(404, rc -> OdooResponses.werkzeugError(rc, 404, WerkzeugPages.NOT_FOUND_DESCRIPTION));
    router.errorHandler(405, rc -> OdooResponses.werkzeugError(rc, 405,
        "The method is not allowed for the requested URL."));
    router.errorHandler(413, rc -> OdooResponses.werkzeugError(rc, 413,
        "The data value transmitted exceeds the capacity limit."));
    router.errorHandler(500, rc -> OdooResponses.werkzeugError(rc, 500, WerkzeugPages.INTERNAL_ERROR_DESCRIPTION));
  }

  private void seed() {
    SandboxUser superuser = options.users().stream().filter(SandboxUser::admin).findFirst()
        .orElse(options.users().get(0));
    new SeedData(registry, superuser).load(options.users(), options.seedDemoData());
  }

  /** The port the sandbox listens on (the bound one when the options asked for port 0). */
  public int port() {
    return port;
  }

  /** Base URL, e.g. {@code http://127.0.0.1:8069}. */
  public String baseUrl() {
    return "http://" + options.host() + ":" + port;
  }

  public SandboxOptions options() {
    return options;
  }

  public SandboxFaults faults() {
    return faults;
  }

  /**
   * The sandbox's router: mount further endpoints (e.g. {@code /sinks/...}) on it; they are served
   * on the same port and, unlike Odoo routes, are not subject to {@link SandboxFaults}.
   */
  public Router router() {
    return router;
  }

  /** Every record of {@code model}, formatted like Odoo's {@code read()} with all fields (copies). */
  public List<JsonObject> records(String model) {
    List<JsonObject> out = new ArrayList<>();
    for (Map<String, Object> rec : registry.readAll(model)) {
      out.add(new JsonObject(PythonJson.dumps(rec)));
    }
    return out;
  }

  /** Number of records of {@code model} matching an Odoo domain, archived ones and all companies included. */
  public long count(String model, JsonArray domain) {
    SandboxUser superuser = options.users().get(0);
    return registry.count(model, domain == null ? List.of() : JsonValues.plain(domain), superuser);
  }

  /** How many calls of {@code model.method} reached the simulated Odoo (including failed ones). */
  public long callCount(String model, String method) {
    return registry.counters().attempts(model, method);
  }

  /** How many calls of {@code model.method} succeeded and were committed. */
  public long committedCallCount(String model, String method) {
    return registry.counters().committed(model, method);
  }

  /** Forgets every web session, as a server-side session expiry would; clients then get code 100. */
  public void expireSessions() {
    sessions.clear();
  }

  /** Turns faults off, zeroes counters, drops sessions and reloads the initial data. */
  public void reset() {
    faults.reset();
    synchronized (registry) {
      registry.counters().reset();
      sessions.clear();
      sequence.reset();
      registry.clearData();
      seed();
    }
  }

  /** Stops listening; requests left hanging are closed with the server. */
  public Future<Void> close() {
    String id = deploymentId;
    if (id == null) {
      return Future.succeededFuture();
    }
    deploymentId = null;
    return vertx.undeploy(id);
  }

  /** Owns the HTTP server so that every request runs on the same event loop. */
  private final class ServerVerticle extends VerticleBase {
    private HttpServer server;

    @Override
    public Future<?> start() {
      server = vertx.createHttpServer(new HttpServerOptions().setHost(options.host()).setPort(options.port()));
      return server.requestHandler(router).listen().onSuccess(s -> port = s.actualPort());
    }

    @Override
    public Future<?> stop() {
      return server == null ? Future.succeededFuture() : server.close();
    }
  }
}
