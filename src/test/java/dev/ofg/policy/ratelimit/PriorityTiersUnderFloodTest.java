package dev.ofg.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.config.RateLimitConfig;
import dev.ofg.config.RateLimitConfig.GlobalCapacity;
import dev.ofg.config.RateLimitConfig.PriorityTier;
import dev.ofg.config.RateLimitConfig.Rate;
import dev.ofg.config.RateLimitConfig.RouteClass;
import dev.ofg.config.RateLimitConfig.StoreFailureMode;
import dev.ofg.config.RateLimitConfig.StoreKind;
import dev.ofg.policy.ratelimit.RateLimitDecision.Outcome;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Replays a month-end flood on a fake clock: a bulk importer sends at ten times the gateway's capacity
 * while the treasury client sends payment-status requests at its normal pace.
 */
class PriorityTiersUnderFloodTest {
  private static final int CAPACITY_PER_SECOND = 100;
  private static final int GLOBAL_BURST = 100;
  private static final double CRITICAL_RESERVE = 0.3;
  private static final int SECONDS = 10;
  /** The importer sends one request every millisecond: 1 000/s, ten times the capacity. */
  private static final int BULK_EVERY_MILLIS = 1;
  /** Treasury sends one request every 50 ms: 20/s, within critical's share. */
  private static final int CRITICAL_EVERY_MILLIS = 50;

  private record Tally(Map<Outcome, Integer> bulk, Map<Outcome, Integer> critical) {
    int bulkAllowed() {
      return bulk.getOrDefault(Outcome.ALLOWED, 0);
    }

    int criticalAllowed() {
      return critical.getOrDefault(Outcome.ALLOWED, 0);
    }
  }

  private static Tally flood(double criticalReserve) {
    FakeClock clock = new FakeClock();
    Map<PriorityTier, Double> reserved = new EnumMap<>(PriorityTier.class);
    reserved.put(PriorityTier.CRITICAL, criticalReserve);
    RateLimitConfig config = new RateLimitConfig(StoreKind.LOCAL, null,
        new GlobalCapacity(new Rate(CAPACITY_PER_SECOND, GLOBAL_BURST), reserved),
        Map.of(
            // The importer's own bucket is generous on purpose: only the tier budget stands in its way.
            "bulk-import", new RouteClass("bulk-import", new Rate(5_000, 5_000), null, StoreFailureMode.ALLOW),
            "payment-status", new RouteClass("payment-status", new Rate(50, 50), PriorityTier.CRITICAL,
                StoreFailureMode.DENY)),
        Map.of(), 1_000, null, null);
    LocalTokenBucketStrategy strategy = new LocalTokenBucketStrategy(config, clock);
    RateLimitKey importer = new RateLimitKey("importer", "bulk-import", config.tierFor("bulk-import", "bulk"));
    RateLimitKey treasury = new RateLimitKey("treasury", "payment-status", config.tierFor("payment-status", "standard"));
    Map<Outcome, Integer> bulk = new EnumMap<>(Outcome.class);
    Map<Outcome, Integer> critical = new EnumMap<>(Outcome.class);
    for (int millis = 0; millis < SECONDS * 1_000; millis++) {
      // The flood goes first at every instant: the worst order for the critical client.
      if (millis % BULK_EVERY_MILLIS == 0) {
        bulk.merge(strategy.decideNow(importer).outcome(), 1, Integer::sum);
      }
      if (millis % CRITICAL_EVERY_MILLIS == 0) {
        critical.merge(strategy.decideNow(treasury).outcome(), 1, Integer::sum);
      }
      clock.advanceMillis(1);
    }
    return new Tally(bulk, critical);
  }

  @Test
  void criticalTrafficGetsEveryRequestThroughWhileBulkFloodsAtTenTimesCapacity() {
    Tally tally = flood(CRITICAL_RESERVE);

    int criticalSent = SECONDS * 1_000 / CRITICAL_EVERY_MILLIS;
    int bulkSent = SECONDS * 1_000 / BULK_EVERY_MILLIS;
    assertThat(tally.criticalAllowed()).isEqualTo(criticalSent);
    // Everything the budget can give in the run (burst + rate x time), less what critical took and the
    // reserve the flood may never touch, goes to bulk; one token of slack for where the last refill falls.
    int budget = GLOBAL_BURST + CAPACITY_PER_SECOND * SECONDS;
    int reserve = (int) (GLOBAL_BURST * CRITICAL_RESERVE);
    assertThat(tally.bulkAllowed()).isBetween(budget - reserve - criticalSent - 1, budget - reserve - criticalSent + 1);
    assertThat(tally.bulk().get(Outcome.REJECTED_TIER)).isEqualTo(bulkSent - tally.bulkAllowed());
    System.out.printf("flood with %.0f%% critical reserve: critical %d/%d allowed, bulk %d/%d allowed (%d refused by tier)%n",
        CRITICAL_RESERVE * 100, tally.criticalAllowed(), criticalSent, tally.bulkAllowed(), bulkSent,
        tally.bulk().get(Outcome.REJECTED_TIER));
  }

  @Test
  void withoutAReserveTheFloodStarvesCriticalTraffic() {
    Tally tally = flood(0);

    int criticalSent = SECONDS * 1_000 / CRITICAL_EVERY_MILLIS;
    // Once the initial burst is gone every refilled token goes to whoever asks first: the flood.
    assertThat(tally.criticalAllowed()).isLessThan(criticalSent / 10);
    System.out.printf("flood without reserve: critical %d/%d allowed, bulk %d allowed%n",
        tally.criticalAllowed(), criticalSent, tally.bulkAllowed());
  }
}
