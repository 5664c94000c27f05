package dev.ofg.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ofg.config.RateLimitConfig;
import dev.ofg.config.RateLimitConfig.GlobalCapacity;
import dev.ofg.config.RateLimitConfig.PriorityTier;
import dev.ofg.config.RateLimitConfig.Rate;
import dev.ofg.config.RateLimitConfig.RedisStoreConfig;
import dev.ofg.config.RateLimitConfig.RouteClass;
import dev.ofg.config.RateLimitConfig.StoreFailureMode;
import dev.ofg.config.RateLimitConfig.StoreKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class RateLimitMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private static RateLimitConfig config(StoreKind store, RedisStoreConfig redis) {
    // Refills one token every 1 000 s, so the gauges do not move while the test runs.
    return new RateLimitConfig(store, redis,
        new GlobalCapacity(new Rate(0.001, 10), Map.of(PriorityTier.CRITICAL, 0.3)),
        Map.of("bulk-import", new RouteClass("bulk-import", new Rate(100, 100), null, StoreFailureMode.ALLOW)),
        Map.of(), 100, null, null);
  }

  private double tierGauge(PriorityTier tier) {
    return registry.get("gateway_ratelimit_tier_available_tokens").tag("tier", tier.label()).gauge().value();
  }

  @Test
  void exposesWhatEachTierMayStillTakeOfTheGlobalBudget(Vertx vertx) {
    RateLimitStrategy strategy = RateLimitStrategy.create(vertx, config(StoreKind.LOCAL, null),
        new RateLimitMetrics(registry));
    assertThat(strategy).isInstanceOf(LocalTokenBucketStrategy.class);
    assertThat(tierGauge(PriorityTier.CRITICAL)).isEqualTo(10.0);
    assertThat(tierGauge(PriorityTier.BULK)).isEqualTo(7.0);

    for (int i = 0; i < 5; i++) {
      strategy.decide(new RateLimitKey("importer", "bulk-import", PriorityTier.BULK));
    }

    assertThat(tierGauge(PriorityTier.CRITICAL)).isCloseTo(5.0, within(0.01));
    assertThat(tierGauge(PriorityTier.STANDARD)).isCloseTo(2.0, within(0.01));
    assertThat(tierGauge(PriorityTier.BULK)).isCloseTo(2.0, within(0.01));
  }

  @Test
  void reportsTheRedisBudgetAsLastSeenByThisNode(Vertx vertx) throws Exception {
    String prefix = "ofg-test:" + UUID.randomUUID();
    RateLimitConfig config = config(StoreKind.REDIS, RedisStoreConfig.of("127.0.0.1", 6379).withKeyPrefix(prefix)
        .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(1)));
    RedisTokenBucketStrategy strategy = (RedisTokenBucketStrategy) RateLimitStrategy.create(vertx, config,
        new RateLimitMetrics(registry));
    try {
      assertThat(tierGauge(PriorityTier.CRITICAL)).isNaN();

      strategy.decide(new RateLimitKey("importer", "bulk-import", PriorityTier.BULK)).await(5, TimeUnit.SECONDS);

      assertThat(tierGauge(PriorityTier.CRITICAL)).isCloseTo(9.0, within(0.01));
      assertThat(tierGauge(PriorityTier.BULK)).isCloseTo(6.0, within(0.01));
    } finally {
      Redis admin = Redis.createClient(vertx, "redis://127.0.0.1:6379");
      admin.send(Request.cmd(Command.DEL)
          .arg(strategy.globalKey()).arg(strategy.clientKey("importer", "bulk-import"))).await(5, TimeUnit.SECONDS);
      admin.close().await(5, TimeUnit.SECONDS);
      strategy.close().await(5, TimeUnit.SECONDS);
    }
  }
}
