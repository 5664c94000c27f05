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
import java.util.Map;
import org.junit.jupiter.api.Test;

class TieredCapacityTest {
  private final FakeClock clock = new FakeClock();

  private static GlobalCapacity global(int burst, double critical, double standard) {
    return new GlobalCapacity(new Rate(1, burst), Map.of(PriorityTier.CRITICAL, critical, PriorityTier.STANDARD, standard));
  }

  private int takes(TieredCapacity capacity, PriorityTier tier, int attempts) {
    int taken = 0;
    for (int i = 0; i < attempts; i++) {
      if (capacity.take(tier, clock.getAsLong()).allowed()) {
        taken++;
      }
    }
    return taken;
  }

  @Test
  void lowerTiersStopAtTheReserveWhileCriticalMayTakeTheLastToken() {
    TieredCapacity capacity = new TieredCapacity(global(10, 0.3, 0), clock.getAsLong());

    assertThat(takes(capacity, PriorityTier.BULK, 100)).isEqualTo(7);
    assertThat(takes(capacity, PriorityTier.STANDARD, 100)).isZero();
    assertThat(takes(capacity, PriorityTier.CRITICAL, 100)).isEqualTo(3);
  }

  @Test
  void eachReservationHoldsBackEveryTierBelowIt() {
    TieredCapacity capacity = new TieredCapacity(global(10, 0.3, 0.2), clock.getAsLong());

    assertThat(takes(capacity, PriorityTier.BULK, 100)).isEqualTo(5);
    assertThat(takes(capacity, PriorityTier.STANDARD, 100)).isEqualTo(2);
    assertThat(capacity.available(PriorityTier.CRITICAL, clock.getAsLong())).isEqualTo(3.0);
    assertThat(capacity.available(PriorityTier.BULK, clock.getAsLong())).isZero();
  }

  @Test
  void aRefusalByTheTierGivesTheClientTokenBack() {
    RateLimitConfig config = new RateLimitConfig(StoreKind.LOCAL, null, global(3, 0.3, 0),
        Map.of("bulk-import", new RouteClass("bulk-import", new Rate(1, 5), null, StoreFailureMode.ALLOW)),
        Map.of(), 100, null, null);
    LocalTokenBucketStrategy strategy = new LocalTokenBucketStrategy(config, clock);
    RateLimitKey importer = new RateLimitKey("importer", "bulk-import", PriorityTier.BULK);
    // Bulk may draw 3 - 0.9 = 2.1 tokens of debt from the budget: two requests.
    strategy.decideNow(importer);
    strategy.decideNow(importer);

    RateLimitDecision refused = strategy.decideNow(importer);
    RateLimitDecision refusedAgain = strategy.decideNow(importer);

    assertThat(refused.outcome()).isEqualTo(Outcome.REJECTED_TIER);
    // The client's own bucket still holds 3 of its 5 tokens: the refusals took none of them.
    assertThat(refused.remaining()).isEqualTo(3);
    assertThat(refusedAgain.remaining()).isEqualTo(3);
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);
  }
}
