package dev.ofg.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.config.RateLimitConfig;
import dev.ofg.config.RateLimitConfig.GlobalCapacity;
import dev.ofg.config.RateLimitConfig.PriorityTier;
import dev.ofg.config.RateLimitConfig.Rate;
import dev.ofg.config.RateLimitConfig.RedisStoreConfig;
import dev.ofg.config.RateLimitConfig.RouteClass;
import dev.ofg.config.RateLimitConfig.StoreFailureMode;
import dev.ofg.config.RateLimitConfig.StoreKind;
import dev.ofg.policy.ratelimit.RateLimitDecision.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs the Redis strategy against the Redis on 127.0.0.1:6379, under a key prefix of its own per test. */
@ExtendWith(VertxExtension.class)
class RedisTokenBucketStrategyTest {
  /** Generous: a cold JVM on a shared machine needs about a second for the first few hundred calls. */
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private static final Duration SHORT_TIMEOUT = Duration.ofMillis(200);

  private final String prefix = "ofg-test:" + UUID.randomUUID();
  private final List<RedisTokenBucketStrategy> strategies = new ArrayList<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private Vertx vertx;
  private Redis admin;

  @BeforeEach
  void connect(Vertx vertx) {
    this.vertx = vertx;
    this.admin = Redis.createClient(vertx, "redis://127.0.0.1:6379");
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (String key : keysUnderPrefix()) {
      await(admin.send(Request.cmd(Command.DEL).arg(key)));
    }
    for (RedisTokenBucketStrategy strategy : strategies) {
      await(strategy.close());
    }
    await(admin.close());
  }

  private RateLimitConfig config(int port, GlobalCapacity global, Rate financeWrite) {
    return config(port, global, financeWrite, TIMEOUT);
  }

  private RateLimitConfig config(int port, GlobalCapacity global, Rate financeWrite, Duration timeout) {
    RedisStoreConfig redis = RedisStoreConfig.of("127.0.0.1", port).withKeyPrefix(prefix)
        .withTimeouts(timeout, Duration.ofSeconds(5));
    return new RateLimitConfig(StoreKind.REDIS, redis, global,
        Map.of("finance-write", new RouteClass("finance-write", financeWrite, null, StoreFailureMode.DENY),
            "finance-read", new RouteClass("finance-read", financeWrite, null, StoreFailureMode.ALLOW)),
        Map.of(), 1000, null, null);
  }

  /** Starts one "node": a strategy with a Redis client of its own. */
  private RedisTokenBucketStrategy node(RateLimitConfig config) {
    return node(config, RedisTokenBucketStrategy.SCRIPT);
  }

  private RedisTokenBucketStrategy node(RateLimitConfig config, String script) {
    Redis client = Redis.createClient(vertx, RedisTokenBucketStrategy.redisOptions(config.redis()));
    RedisTokenBucketStrategy strategy = new RedisTokenBucketStrategy(client, true, config,
        new RateLimitMetrics(registry), System::nanoTime, script);
    strategies.add(strategy);
    return strategy;
  }

  private static RateLimitKey key(String client) {
    return new RateLimitKey(client, "finance-write", PriorityTier.STANDARD);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.await(10, TimeUnit.SECONDS);
  }

  private List<String> keysUnderPrefix() throws Exception {
    List<String> keys = new ArrayList<>();
    String cursor = "0";
    do {
      Response page = await(admin.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg("{" + prefix + "}*")
          .arg("COUNT").arg(1000)));
      cursor = page.get(0).toString();
      page.get(1).forEach(key -> keys.add(key.toString()));
    } while (!"0".equals(cursor));
    return keys;
  }

  private static int countAllowed(List<RateLimitDecision> decisions) {
    return (int) decisions.stream().filter(RateLimitDecision::allowed).count();
  }

  @Test
  void reportsTheSameFiguresAsTheLocalBuckets() throws Exception {
    RedisTokenBucketStrategy strategy = node(config(6379, null, new Rate(2, 4)));

    RateLimitDecision first = await(strategy.decide(key("shop")));
    RateLimitDecision second = await(strategy.decide(key("shop")));

    assertThat(first).isEqualTo(new RateLimitDecision(Outcome.ALLOWED, 4, 3, 1, 0));
    assertThat(second.remaining()).isEqualTo(2);
  }

  @Test
  void twoNodesDrawOnOneBudget() throws Exception {
    Rate perClient = new Rate(1, 40);
    GlobalCapacity global = new GlobalCapacity(new Rate(2, 30), Map.of());
    RedisTokenBucketStrategy nodeA = node(config(6379, global, perClient));
    RedisTokenBucketStrategy nodeB = node(config(6379, global, perClient));
    List<Future<RateLimitDecision>> shop = new ArrayList<>();
    List<Future<RateLimitDecision>> erp = new ArrayList<>();

    long start = System.nanoTime();
    for (int i = 0; i < 150; i++) {
      // Both clients from both nodes at once, all in flight together.
      shop.add((i % 2 == 0 ? nodeA : nodeB).decide(key("shop")));
      erp.add((i % 2 == 0 ? nodeB : nodeA).decide(key("erp")));
    }
    List<RateLimitDecision> shopDecisions = await(Future.all(shop)).list();
    List<RateLimitDecision> erpDecisions = await(Future.all(erp)).list();
    double elapsedSeconds = (System.nanoTime() - start) / 1e9;

    int total = countAllowed(shopDecisions) + countAllowed(erpDecisions);
    // burst + rate x elapsed, plus one token: Redis's clock may tick a little past ours.
    assertThat(total).isBetween(30, 30 + (int) Math.ceil(2 * elapsedSeconds) + 1);
    assertThat(shopDecisions).allMatch(RateLimitDecision::quotaKnown);
    assertThat(erpDecisions.stream().map(RateLimitDecision::outcome))
        .contains(Outcome.ALLOWED, Outcome.REJECTED_TIER);
  }

  @Test
  void aClientBucketHoldsAcrossNodesUnderConcurrentCalls() throws Exception {
    RateLimitConfig config = config(6379, null, new Rate(1, 25));
    RedisTokenBucketStrategy nodeA = node(config);
    RedisTokenBucketStrategy nodeB = node(config);
    List<Future<RateLimitDecision>> decisions = new ArrayList<>();

    long start = System.nanoTime();
    for (int i = 0; i < 300; i++) {
      decisions.add((i % 2 == 0 ? nodeA : nodeB).decide(key("shop")));
    }
    int allowed = countAllowed(await(Future.all(decisions)).list());
    double elapsedSeconds = (System.nanoTime() - start) / 1e9;

    // A read-then-write race between the nodes would let more than the burst through.
    assertThat(allowed).isBetween(25, 25 + (int) Math.ceil(elapsedSeconds) + 1);
  }

  @Test
  void refusedRequestsWriteNothing() throws Exception {
    // One token in the global budget, refilling once every 1 000 s.
    GlobalCapacity global = new GlobalCapacity(new Rate(0.001, 1), Map.of());
    RedisTokenBucketStrategy strategy = node(config(6379, global, new Rate(0.001, 2)));
    assertThat(await(strategy.decide(key("shop"))).outcome()).isEqualTo(Outcome.ALLOWED);
    Response shopBefore = await(admin.send(Request.cmd(Command.GET).arg(strategy.clientKey("shop", "finance-write"))));

    RateLimitDecision erp = await(strategy.decide(key("erp")));
    RateLimitDecision shop = await(strategy.decide(key("shop")));

    assertThat(erp.outcome()).isEqualTo(Outcome.REJECTED_TIER);
    assertThat(erp.remaining()).isEqualTo(2);
    Response erpKey = await(admin.send(Request.cmd(Command.EXISTS).arg(strategy.clientKey("erp", "finance-write"))));
    assertThat(erpKey.toInteger()).isZero();
    assertThat(shop.outcome()).isEqualTo(Outcome.REJECTED_TIER);
    Response shopAfter = await(admin.send(Request.cmd(Command.GET).arg(strategy.clientKey("shop", "finance-write"))));
    assertThat(shopAfter.toString()).isEqualTo(shopBefore.toString());
  }

  @Test
  void keysExpireOnceTheBucketWouldBeFull() throws Exception {
    RedisTokenBucketStrategy strategy = node(config(6379, null, new Rate(1, 30)));
    await(strategy.decide(key("shop")));

    Response ttl = await(admin.send(Request.cmd(Command.PTTL).arg(strategy.clientKey("shop", "finance-write"))));

    // One token of debt (1 s) plus the script's one-second margin.
    assertThat(ttl.toLong()).isBetween(1_000L, 2_000L);
  }

  @Test
  void fallsBackToEvalWhenRedisDoesNotKnowTheScript() throws Exception {
    String unseen = RedisTokenBucketStrategy.SCRIPT + "-- test run " + UUID.randomUUID() + "\n";
    RedisTokenBucketStrategy strategy = node(config(6379, null, new Rate(1, 5)), unseen);
    Response before = await(admin.send(Request.cmd(Command.SCRIPT).arg("EXISTS").arg(strategy.scriptSha1())));

    RateLimitDecision first = await(strategy.decide(key("shop")));
    RateLimitDecision second = await(strategy.decide(key("shop")));

    Response after = await(admin.send(Request.cmd(Command.SCRIPT).arg("EXISTS").arg(strategy.scriptSha1())));
    assertThat(before.get(0).toInteger()).isZero();
    assertThat(after.get(0).toInteger()).isEqualTo(1);
    assertThat(first.remaining()).isEqualTo(4);
    assertThat(second.remaining()).isEqualTo(3);
  }

  @Test
  void failsOpenOrClosedPerRouteClassWhenRedisIsUnreachable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    RateLimitConfig config = config(closedPort, null, new Rate(1, 5), SHORT_TIMEOUT);
    RedisTokenBucketStrategy failOpen = node(config);
    RedisTokenBucketStrategy failClosed = node(config);

    RateLimitDecision open = await(failOpen.decide(new RateLimitKey("shop", "finance-read", PriorityTier.STANDARD)));
    RateLimitDecision closed = await(failClosed.decide(key("shop")));

    assertThat(open.outcome()).isEqualTo(Outcome.STORE_FAILURE_ALLOWED);
    assertThat(open.allowed()).isTrue();
    assertThat(closed.outcome()).isEqualTo(Outcome.STORE_FAILURE_DENIED);
    assertThat(closed.allowed()).isFalse();
    assertThat(closed.retryAfterSeconds()).isEqualTo(5);
    assertThat(registry.get("gateway_ratelimit_store_failures").tag("route_class", "finance-read").tag("mode", "allow")
        .counter().count()).isEqualTo(1);
    assertThat(registry.get("gateway_ratelimit_store_failures").tag("route_class", "finance-write").tag("mode", "deny")
        .counter().count()).isEqualTo(1);
  }

  @Test
  void aSilentRedisTimesOutAndLaterDecisionsSkipIt() throws Exception {
    // Accepts connections and never answers, like a Redis stuck in a long command or a black-holed route.
    NetServer silent = await(vertx.createNetServer().connectHandler(socket -> { }).listen(0, "127.0.0.1"));
    RedisTokenBucketStrategy strategy = node(config(silent.actualPort(), null, new Rate(1, 5), SHORT_TIMEOUT));

    long start = System.nanoTime();
    RateLimitDecision first = await(strategy.decide(key("shop")));
    long firstMillis = (System.nanoTime() - start) / 1_000_000;
    long secondStart = System.nanoTime();
    RateLimitDecision second = await(strategy.decide(key("shop")));
    long secondMillis = (System.nanoTime() - secondStart) / 1_000_000;

    assertThat(first.outcome()).isEqualTo(Outcome.STORE_FAILURE_DENIED);
    assertThat(firstMillis).isGreaterThanOrEqualTo(SHORT_TIMEOUT.toMillis()).isLessThan(2_000);
    assertThat(second.outcome()).isEqualTo(Outcome.STORE_FAILURE_DENIED);
    assertThat(secondMillis).isLessThan(SHORT_TIMEOUT.toMillis());
    assertThat(registry.get("gateway_ratelimit_store_failures").tag("cause", "timeout").counter().count()).isEqualTo(1);
    assertThat(registry.get("gateway_ratelimit_store_failures").tag("cause", "backoff").counter().count()).isEqualTo(1);
    await(silent.close());
  }

  @Test
  void completesOnTheCallersContext() throws Exception {
    RedisTokenBucketStrategy strategy = node(config(6379, null, new Rate(1, 5)));
    Context caller = vertx.getOrCreateContext();
    Promise<Boolean> sameContext = Promise.promise();

    caller.runOnContext(v -> strategy.decide(key("shop"))
        .onComplete(done -> sameContext.complete(Vertx.currentContext() == caller)));

    assertThat(await(sameContext.future())).isTrue();
  }
}
