package dev.ofg.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofg.config.RateLimitConfig.GlobalCapacity;
import dev.ofg.config.RateLimitConfig.PriorityTier;
import dev.ofg.config.RateLimitConfig.Rate;
import dev.ofg.config.RateLimitConfig.StoreFailureMode;
import dev.ofg.config.RateLimitConfig.StoreKind;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class RateLimitConfigTest {
  private static final String FULL = String.join("\n",
      "store: redis",
      "redis:",
      "  host: redis.internal",
      "  port: 6380",
      "  password: ${REDIS_PASSWORD}",
      "  timeout: 50ms",
      "  keyPrefix: gw1:rl",
      "global:",
      "  ratePerSecond: 100",
      "  burst: 200",
      "  reserved:",
      "    critical: 0.3",
      "    standard: 0.2",
      "routeClasses:",
      "  finance-write:",
      "    ratePerSecond: 10",
      "    burst: 20",
      "    onStoreFailure: deny",
      "  payment-status:",
      "    ratePerSecond: 5",
      "    tier: critical",
      "  bulk-import:",
      "    ratePerSecond: 0.5",
      "    burst: 3",
      "clients:",
      "  erp:",
      "    finance-write: { ratePerSecond: 50, burst: 100 }",
      "preAuthentication:",
      "  ratePerSecond: 20",
      "  burst: 40",
      "outbound:",
      "  ratePerSecond: 200",
      "  burst: 50",
      "  maxQueued: 64",
      "  maxWait: 1500ms",
      "");

  private final List<String> problems = new ArrayList<>();

  private RateLimitConfig read(String yaml) {
    Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    JsonObject raw = new JsonObject(Json.encode(document));
    JsonObject resolved = new Placeholders(Map.of("REDIS_PASSWORD", "red1s")).resolve(raw, "rateLimits", problems);
    return RateLimitConfig.read(new ConfigReader(resolved, raw, "rateLimits", problems));
  }

  private void assertProblem(String yaml, String expected) {
    RateLimitConfig config = read(yaml);
    assertThat(config).isNull();
    assertThat(problems).anySatisfy(problem -> assertThat(problem).contains(expected));
  }

  @Test
  void readsRouteClassesOverridesTiersStoreAndOutbound() {
    RateLimitConfig config = read(FULL);

    assertThat(problems).isEmpty();
    assertThat(config.store()).isEqualTo(StoreKind.REDIS);
    assertThat(config.redis().host()).isEqualTo("redis.internal");
    assertThat(config.redis().port()).isEqualTo(6380);
    assertThat(config.redis().password().reveal()).isEqualTo("red1s");
    assertThat(config.redis().timeout()).isEqualTo(Duration.ofMillis(50));
    assertThat(config.redis().keyPrefix()).isEqualTo("gw1:rl");
    assertThat(config.routeClass("finance-write").onStoreFailure()).isEqualTo(StoreFailureMode.DENY);
    assertThat(config.routeClass("payment-status").onStoreFailure()).isEqualTo(StoreFailureMode.ALLOW);
    assertThat(config.limitFor("erp", "finance-write")).isEqualTo(new Rate(50, 100));
    assertThat(config.limitFor("shop", "finance-write")).isEqualTo(new Rate(10, 20));
    assertThat(config.limitFor("erp", "bulk-import")).isEqualTo(new Rate(0.5, 3));
    assertThat(config.preAuthentication()).isEqualTo(new Rate(20, 40));
    assertThat(config.outbound().rate()).isEqualTo(new Rate(200, 50));
    assertThat(config.outbound().maxQueued()).isEqualTo(64);
    assertThat(config.outbound().maxWait()).isEqualTo(Duration.ofMillis(1500));
    assertThat(config.redis().toString()).doesNotContain("red1s");
  }

  @Test
  void pinnedRouteTierWinsOverClientTierAndUnknownClientTiersAreStandard() {
    RateLimitConfig config = read(FULL);

    assertThat(config.tierFor("payment-status", "bulk")).isEqualTo(PriorityTier.CRITICAL);
    assertThat(config.tierFor("finance-write", "bulk")).isEqualTo(PriorityTier.BULK);
    assertThat(config.tierFor("finance-write", "Critical")).isEqualTo(PriorityTier.CRITICAL);
    assertThat(config.tierFor("finance-write", null)).isEqualTo(PriorityTier.STANDARD);
  }

  @Test
  void reservationsHoldBackEveryLowerTier() {
    GlobalCapacity global = read(FULL).global();

    assertThat(global.reservedAbove(PriorityTier.CRITICAL)).isZero();
    assertThat(global.reservedAbove(PriorityTier.STANDARD)).isEqualTo(0.3);
    assertThat(global.reservedAbove(PriorityTier.BULK)).isEqualTo(0.5);
  }

  @Test
  void defaultsToLocalStoreAndBurstOfOneSecond() {
    RateLimitConfig config = read("routeClasses:\n  facade:\n    ratePerSecond: 7.5\n");

    assertThat(problems).isEmpty();
    assertThat(config.store()).isEqualTo(StoreKind.LOCAL);
    assertThat(config.redis()).isNull();
    assertThat(config.global()).isNull();
    assertThat(config.outbound()).isNull();
    assertThat(config.maxBuckets()).isEqualTo(RateLimitConfig.DEFAULT_MAX_BUCKETS);
    assertThat(config.limitFor("anyone", "facade")).isEqualTo(new Rate(7.5, 8));
  }

  @Test
  void redisStoreWithoutSectionUsesLocalRedisDefaults() {
    RateLimitConfig config = read("store: redis\nrouteClasses:\n  facade:\n    ratePerSecond: 1\n");

    assertThat(config.redis().host()).isEqualTo("127.0.0.1");
    assertThat(config.redis().port()).isEqualTo(6379);
    assertThat(config.redis().password()).isNull();
  }

  @Test
  void rejectsReservationForTheLowestTier() {
    assertProblem("global:\n  ratePerSecond: 10\n  reserved:\n    bulk: 0.1\n",
        "rateLimits.global: reserved.bulk: 0.1 (expected: no reservation, bulk is the lowest tier");
  }

  @Test
  void rejectsReservationsThatLeaveNoTokenForTheLowestTier() {
    assertProblem("global:\n  ratePerSecond: 10\n  burst: 10\n  reserved:\n    critical: 0.6\n    standard: 0.35\n",
        "(expected: at least one token left for the lowest tier)");
  }

  @Test
  void rejectsUnknownTierNames() {
    assertProblem("global:\n  ratePerSecond: 10\n  reserved:\n    gold: 0.1\n",
        "rateLimits.global.reserved.gold: unknown tier (expected: critical or standard)");
    assertProblem("routeClasses:\n  facade:\n    ratePerSecond: 1\n    tier: urgent\n",
        "rateLimits.routeClasses.facade.tier: \"urgent\" (expected one of: critical, standard, bulk)");
  }

  @Test
  void rejectsRatesOutOfRangeAndMissingRates() {
    assertProblem("routeClasses:\n  facade:\n    ratePerSecond: 0\n",
        "rateLimits.routeClasses.facade.ratePerSecond: 0 (expected: 0.001..");
    assertProblem("routeClasses:\n  facade:\n    ratePerSecond: 1\n    burst: 0\n",
        "rateLimits.routeClasses.facade.burst: 0 (expected: 1..1000000)");
    assertProblem("routeClasses:\n  facade:\n    burst: 5\n",
        "rateLimits.routeClasses.facade.ratePerSecond: missing (expected: a number");
  }

  @Test
  void rejectsOverridesOfUnknownRouteClasses() {
    assertProblem("routeClasses:\n  facade:\n    ratePerSecond: 1\nclients:\n  erp:\n    nightly-export: { ratePerSecond: 2 }\n",
        "clients.erp.nightly-export: unknown route class (expected one of: [facade, finance-write, finance-read, "
            + "webhook, bank-import])");
  }

  @Test
  void rejectsUnknownKeysAndStoreFailureModes() {
    assertProblem("routeClasses:\n  facade:\n    ratePerSecond: 1\n    brust: 3\n",
        "rateLimits.routeClasses.facade.brust: unknown key");
    assertProblem("routeClasses:\n  facade:\n    ratePerSecond: 1\n    onStoreFailure: maybe\n",
        "rateLimits.routeClasses.facade.onStoreFailure: \"maybe\" (expected one of: allow, deny)");
  }

  @Test
  void refusesALiteralRedisPassword() {
    assertProblem("store: redis\nredis:\n  password: hunter2\n",
        "rateLimits.redis.password: a literal secret (expected: ${ENV_VAR} or passwordFile");
  }

  @Test
  void namesAnUnknownRouteClassAtWiringTime() {
    RateLimitConfig config = read(FULL);

    assertThatThrownBy(() -> config.routeClass("finance-wirte"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("routeClasses: no \"finance-wirte\" (expected one of: [bulk-import, finance-write, payment-status, "
            + "finance-read, facade, webhook, bank-import])");
  }

  @Test
  void checksClientTiersAndOverridesAgainstThePolicy() {
    RateLimitConfig config = read(FULL);
    ClientConfig erp = new ClientConfig("erp", null, 100, List.of(), List.of(), List.of(), "critical");
    ClientConfig shop = new ClientConfig("shop", null, 101, List.of(), List.of(), List.of(), "gold");

    config.checkClients(List.of(erp));
    assertThatThrownBy(() -> config.checkClients(List.of(erp, shop)))
        .hasMessage("clients.shop.tier: \"gold\" (expected one of: critical, standard, bulk)");
    assertThatThrownBy(() -> config.checkClients(List.of()))
        .hasMessage("rateLimits.clients.erp: unknown client (expected one of: [])");
  }
}
