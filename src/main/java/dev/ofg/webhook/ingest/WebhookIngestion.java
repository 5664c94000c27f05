package dev.ofg.webhook.ingest;

import dev.ofg.admin.AdminRoutes;
import dev.ofg.config.WebhookConfig;
import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.http.RouteTemplate;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Assembles webhook ingestion from its configuration: the sources served at {@code POST /webhooks/<source>} on
 * the public port, the inbox group commit they share, the operator endpoints for unrouted events (list, re-route),
 * and the metrics.
 *
 * <p>Each source's route runs, in Vert.x handler order: route template and arrival (platform), the body limit
 * of the source (body), signature verification (authentication), the {@code webhook} rate limit keyed by the
 * source (input trust), then normalisation and the durable write (user). Unknown sources answer 404.
 */
public final class WebhookIngestion {
  /** Route template of every webhook route, for metrics and audit. */
  public static final String ROUTE_TEMPLATE = "/webhooks/:source";
  /** The rate-limit route class of webhooks. */
  public static final String ROUTE_CLASS = "webhook";

  private final Map<String, WebhookSource> sources;
  private final InboxGroupCommit inbox;
  private final WebhookMetrics metrics;
  private final Pool pool;

  private WebhookIngestion(Map<String, WebhookSource> sources, InboxGroupCommit inbox, WebhookMetrics metrics,
      Pool pool) {
    this.sources = sources;
    this.inbox = inbox;
    this.metrics = metrics;
    this.pool = pool;
  }

  /**
   * Builds ingestion for the configured sources; the group commit runs on the caller's context (or a new one).
   *
   * @param pool the store's pool: inbox and outbox are written in its transactions
   */
  public static WebhookIngestion create(Vertx vertx, WebhookConfig config, Pool pool, MeterRegistry registry) {
    Map<String, WebhookSource> sources = new LinkedHashMap<>();
    config.sources().forEach((name, source) -> sources.put(name, WebhookSource.create(source)));
    WebhookMetrics metrics = new WebhookMetrics(registry);
    InboxGroupCommit inbox = new InboxGroupCommit(vertx, vertx.getOrCreateContext(), config.groupCommit(),
        InboxGroupCommit.transactional(pool), metrics, config.retryAfter());
    return new WebhookIngestion(Map.copyOf(sources), inbox, metrics, pool);
  }

  /**
   * Adds {@code POST /webhooks/<source>} for every configured source, and 404/405 answers for the rest.
   *
   * @param rateLimit the rate-limit handler of a route class (called with {@link #ROUTE_CLASS})
   */
  public void mount(Router router, Function<String, ? extends Handler<RoutingContext>> rateLimit) {
    Handler<RoutingContext> limit = rateLimit.apply(ROUTE_CLASS);
    for (WebhookSource source : sources.values()) {
      router.post("/webhooks/" + source.name())
          .handler(RouteTemplate.of(ROUTE_TEMPLATE))
          .handler(new WebhookArrivalHandler(source.name(), metrics))
          .handler(BodyHandler.create(false).setBodyLimit(source.maxBodyBytes()))
          .handler(new WebhookSignatureHandler(source))
          .handler(limit)
          .handler(new WebhookInboxHandler(source, inbox, metrics));
    }
    router.route(ROUTE_TEMPLATE).handler(RouteTemplate.of(ROUTE_TEMPLATE)).handler(this::notServed);
  }

  private void notServed(RoutingContext ctx) {
    if (sources.containsKey(ctx.pathParam("source"))) {
      ctx.fail(GatewayException.of(ProblemCode.METHOD_NOT_ALLOWED, "webhooks are delivered with POST"));
    } else {
      // The name is not echoed: it is caller input.
      ctx.fail(GatewayException.of(ProblemCode.NOT_FOUND, "no webhook source is configured under this name"));
    }
  }

  /** Returns the operator routes: {@code GET /admin/webhooks/unrouted}, {@code POST .../unrouted/reroute}. */
  public AdminRoutes adminRoutes() {
    return new UnroutedWebhookRoutes(pool, new WebhookRerouter(sources, pool, metrics));
  }

  /** Returns the group commit, e.g. for its queue depth. */
  public InboxGroupCommit inbox() {
    return inbox;
  }

  /** Commits what is queued and waits for commits in flight; call after the public port stopped. */
  public Future<Void> close() {
    return inbox.close();
  }
}
