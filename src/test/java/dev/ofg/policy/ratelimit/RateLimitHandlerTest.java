package dev.ofg.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.config.ClientConfig;
import dev.ofg.config.PolicyConfig;
import dev.ofg.config.RateLimitConfig;
import dev.ofg.config.RateLimitConfig.GlobalCapacity;
import dev.ofg.config.RateLimitConfig.PriorityTier;
import dev.ofg.config.RateLimitConfig.Rate;
import dev.ofg.config.RateLimitConfig.RouteClass;
import dev.ofg.config.RateLimitConfig.StoreFailureMode;
import dev.ofg.config.RateLimitConfig.StoreKind;
import dev.ofg.http.CorrelationHandler;
import dev.ofg.http.FailureHandler;
import dev.ofg.policy.PolicyHolder;
import dev.ofg.policy.PolicySnapshot;
import dev.ofg.policy.schema.SchemaCatalog;
import dev.ofg.policy.auth.ClientAuthenticationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Drives the handlers over real HTTP on 127.0.0.1, with buckets on a fake clock that never moves. */
@ExtendWith(VertxExtension.class)
class RateLimitHandlerTest {
  private static final String TREASURY_KEY = "treasury-key-1";
  private static final String IMPORTER_KEY = "importer-key-1";

  private final FakeClock clock = new FakeClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RateLimitMetrics metrics = new RateLimitMetrics(registry);
  private final RateLimitConfig config = new RateLimitConfig(StoreKind.LOCAL, null,
      new GlobalCapacity(new Rate(1, 10), Map.of(PriorityTier.CRITICAL, 0.3)),
      Map.of("payment-status", new RouteClass("payment-status", new Rate(1, 3), PriorityTier.CRITICAL,
              StoreFailureMode.DENY),
          "bulk-import", new RouteClass("bulk-import", new Rate(100, 100), null, StoreFailureMode.ALLOW)),
      Map.of(), 1000, null, null);
  private Vertx vertx;
  private HttpServer server;
  private WebClient client;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx);
  }

  @AfterEach
  void tearDown() throws Exception {
    client.close();
    if (server != null) {
      server.close().await(5, TimeUnit.SECONDS);
    }
  }

  private static ClientConfig clientConfig(String id, int uid, String apiKey, String tier) {
    return new ClientConfig(id, null, uid, List.of(), List.of(), List.of(ClientConfig.sha256Hex(apiKey)), tier);
  }

  private void serve(RateLimitStrategy strategy, Handler<RoutingContext> preAuthentication) throws Exception {
    PolicyHolder policy = new PolicyHolder(PolicySnapshot.of(new PolicyConfig(Map.of(), List.of(
        clientConfig("treasury", 100, TREASURY_KEY, "standard"), clientConfig("importer", 101, IMPORTER_KEY, "bulk"))),
        SchemaCatalog.load("conf/schemas", "v1")));
    Router router = Router.router(vertx);
    router.route().handler(new CorrelationHandler());
    router.route("/api/*").handler(preAuthentication);
    router.route("/api/*").handler(new ClientAuthenticationHandler(policy));
    router.get("/api/payments/status")
        .handler(RateLimitHandler.create(strategy, config, "payment-status", metrics))
        .handler(ctx -> ctx.response().end("ok"));
    router.post("/api/imports")
        .handler(RateLimitHandler.create(strategy, config, "bulk-import", metrics))
        .handler(ctx -> ctx.response().end("ok"));
    router.get("/unauthenticated")
        .handler(RateLimitHandler.create(strategy, config, "payment-status", metrics))
        .handler(ctx -> ctx.response().end("ok"));
    router.route().failureHandler(new FailureHandler(registry));
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
  }

  private void serve(RateLimitStrategy strategy) throws Exception {
    serve(strategy, RoutingContext::next);
  }

  private HttpResponse<Buffer> get(String path, String apiKey) throws Exception {
    var request = client.get(server.actualPort(), "127.0.0.1", path);
    if (apiKey != null) {
      request.putHeader("X-API-Key", apiKey);
    }
    return request.send().await(5, TimeUnit.SECONDS);
  }

  private HttpResponse<Buffer> postImport() throws Exception {
    return client.post(server.actualPort(), "127.0.0.1", "/api/imports").putHeader("X-API-Key", IMPORTER_KEY)
        .send().await(5, TimeUnit.SECONDS);
  }

  private double decisions(String routeClass, String tier, String outcome) {
    var counter = registry.find("gateway_ratelimit_decisions").tag("route_class", routeClass).tag("tier", tier)
        .tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void advertisesTheQuotaOnEveryAllowedResponse() throws Exception {
    serve(new LocalTokenBucketStrategy(config, clock));

    for (int i = 1; i <= 3; i++) {
      HttpResponse<Buffer> response = get("/api/payments/status", TREASURY_KEY);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.getHeader("RateLimit-Limit")).isEqualTo("3");
      assertThat(response.getHeader("RateLimit-Remaining")).isEqualTo(Integer.toString(3 - i));
      // One request per second refills the bucket: i tokens spent are i seconds from full.
      assertThat(response.getHeader("RateLimit-Reset")).isEqualTo(Integer.toString(i));
    }
  }

  @Test
  void refusesWith429RetryAfterAndProblemJsonWhenTheBucketIsEmpty() throws Exception {
    serve(new LocalTokenBucketStrategy(config, clock));
    for (int i = 0; i < 3; i++) {
      get("/api/payments/status", TREASURY_KEY);
    }

    HttpResponse<Buffer> refused = get("/api/payments/status", TREASURY_KEY);

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
    assertThat(refused.getHeader("RateLimit-Limit")).isEqualTo("3");
    assertThat(refused.getHeader("RateLimit-Remaining")).isEqualTo("0");
    assertThat(refused.getHeader("RateLimit-Reset")).isEqualTo("3");
    assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = refused.bodyAsJsonObject();
    assertThat(problem.getString("code")).isEqualTo("RATE_LIMITED");
    assertThat(problem.getInteger("status")).isEqualTo(429);
    assertThat(problem.getString("detail")).contains("payment-status");
    assertThat(decisions("payment-status", "critical", "allowed")).isEqualTo(3);
    assertThat(decisions("payment-status", "critical", "rejected_client")).isEqualTo(1);
  }

  @Test
  void refusesBulkTrafficAtTheReserveLineWith429() throws Exception {
    serve(new LocalTokenBucketStrategy(config, clock));
    // The global burst is 10 with 30% reserved for critical: bulk gets 7.
    for (int i = 0; i < 7; i++) {
      assertThat(postImport().statusCode()).isEqualTo(200);
    }

    HttpResponse<Buffer> refused = postImport();
    HttpResponse<Buffer> critical = get("/api/payments/status", TREASURY_KEY);

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
    assertThat(refused.getHeader("RateLimit-Remaining")).isEqualTo("93");
    assertThat(refused.bodyAsJsonObject().getString("detail")).contains("bulk traffic");
    assertThat(critical.statusCode()).isEqualTo(200);
    assertThat(decisions("bulk-import", "bulk", "rejected_tier")).isEqualTo(1);
  }

  @Test
  void failsClosedWith503AndRetryAfterWhenTheStoreIsDownAndTheRouteSaysDeny() throws Exception {
    serve(key -> Future.succeededFuture(RateLimitDecision.storeFailure(false, 2)));

    HttpResponse<Buffer> refused = get("/api/payments/status", TREASURY_KEY);

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.getHeader("Retry-After")).isEqualTo("2");
    assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("STORE_UNAVAILABLE");
    // Nothing is known about the quota, so no quota is advertised.
    assertThat(refused.getHeader("RateLimit-Remaining")).isNull();
    assertThat(decisions("payment-status", "critical", "store_failure_denied")).isEqualTo(1);
  }

  @Test
  void failsOpenWithoutQuotaHeadersWhenTheStoreIsDownAndTheRouteSaysAllow() throws Exception {
    serve(key -> Future.succeededFuture(RateLimitDecision.storeFailure(true, 2)));

    HttpResponse<Buffer> allowed = postImport();

    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.getHeader("RateLimit-Limit")).isNull();
    assertThat(decisions("bulk-import", "bulk", "store_failure_allowed")).isEqualTo(1);
  }

  @Test
  void limitsRemoteAddressesBeforeAuthenticationRuns() throws Exception {
    LocalTokenBucketStrategy perAddress = LocalTokenBucketStrategy.perKey(new Rate(1, 2), 100, clock);
    serve(new LocalTokenBucketStrategy(config, clock), RemoteAddressRateLimitHandler.create(perAddress, metrics));

    HttpResponse<Buffer> first = get("/api/payments/status", "wrong-key");
    HttpResponse<Buffer> second = get("/api/payments/status", "wrong-key");
    HttpResponse<Buffer> third = get("/api/payments/status", TREASURY_KEY);

    assertThat(first.statusCode()).isEqualTo(401);
    assertThat(second.statusCode()).isEqualTo(401);
    // Even a valid key waits: the address has spent its budget on bad guesses.
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.getHeader("Retry-After")).isEqualTo("1");
    assertThat(third.getHeader("RateLimit-Limit")).isEqualTo("2");
    assertThat(decisions(RemoteAddressRateLimitHandler.ROUTE_CLASS, "standard", "rejected_client")).isEqualTo(1);
  }

  @Test
  void aRouteWithoutAuthenticationIsAWiringErrorNotAnOpenDoor() throws Exception {
    serve(new LocalTokenBucketStrategy(config, clock));

    HttpResponse<Buffer> response = get("/unauthenticated", null);

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("INTERNAL_ERROR");
  }
}
