package dev.ofg.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.config.DeliveryConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final DeliveryConfig.Retry SCHEDULE = new DeliveryConfig.Retry(
      List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30)), DeliveryConfig.Jitter.NONE);
  private static final DeliveryConfig.Park PARK = new DeliveryConfig.Park(Duration.ofHours(1), Duration.ofMinutes(5));

  private static DeliveryPolicy policy(DeliveryConfig.Retry retry) {
    return new DeliveryPolicy(new DeliveryConfig.Policy(retry, DeliveryConfig.Breaker.DEFAULT, PARK, 8,
        Duration.ofSeconds(10)), bound -> bound);
  }

  private static AttemptOutcome technical(Duration retryAfter) {
    return new AttemptOutcome.Technical(503, "HTTP 503", retryAfter);
  }

  @Test
  void retriesATechnicalFailureOnTheScheduleUntilTheLastAttempt() {
    DeliveryPolicy policy = policy(SCHEDULE);
    assertThat(policy.decide(technical(null), 1, null, NOW).nextAttemptAt()).isEqualTo(NOW.plusSeconds(5));
    assertThat(policy.decide(technical(null), 2, null, NOW).nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    Decision third = policy.decide(technical(null), 3, null, NOW);
    assertThat(third.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(third.outcomes()).containsExactly("technical_failure", "retried");
    Decision last = policy.decide(technical(null), 4, null, NOW);
    assertThat(last.status()).isEqualTo(DeliveryStatus.DEAD_LETTERED);
    assertThat(last.failureClass()).isEqualTo("technical");
    assertThat(last.reason()).contains("last attempt (4 of 4)").contains("HTTP 503");
    assertThat(last.outcomes()).containsExactly("technical_failure", "dead_lettered");
  }

  @Test
  void defaultScheduleIsTheStandardWebhooksOne() {
    assertThat(DeliveryConfig.Retry.DEFAULT.schedule()).containsExactly(Duration.ofSeconds(5), Duration.ofMinutes(5),
        Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
    assertThat(DeliveryConfig.Retry.DEFAULT.maxAttempts()).isEqualTo(8);
  }

  @Test
  void fullJitterDrawsBetweenZeroAndTheScheduledDelay() {
    DeliveryConfig.Retry jittered = new DeliveryConfig.Retry(SCHEDULE.schedule(), DeliveryConfig.Jitter.FULL);
    DeliveryPolicy lowest = new DeliveryPolicy(new DeliveryConfig.Policy(jittered, DeliveryConfig.Breaker.DEFAULT,
        PARK, 8, Duration.ofSeconds(10)), bound -> 0);
    DeliveryPolicy highest = new DeliveryPolicy(lowest.config(), bound -> bound);
    assertThat(lowest.retryDelay(2, null)).isEqualTo(Duration.ZERO);
    assertThat(highest.retryDelay(2, null)).isEqualTo(Duration.ofMinutes(5));
    DeliveryPolicy real = new DeliveryPolicy(lowest.config(),
        bound -> ThreadLocalRandom.current().nextLong(bound + 1));
    for (int i = 0; i < 1000; i++) {
      assertThat(real.retryDelay(1, null)).isBetween(Duration.ZERO, Duration.ofSeconds(5));
    }
  }

  @Test
  void neverRetriesSoonerThanRetryAfter() {
    DeliveryPolicy policy = policy(SCHEDULE);
    assertThat(policy.retryDelay(1, Duration.ofSeconds(90))).isEqualTo(Duration.ofSeconds(90));
    assertThat(policy.retryDelay(2, Duration.ofSeconds(90))).isEqualTo(Duration.ofMinutes(5));
    assertThat(policy.retryDelay(1, Duration.ofDays(30))).isEqualTo(DeliveryPolicy.MAX_RETRY_AFTER);
  }

  @Test
  void deadLettersABusinessFailureAtOnce() {
    Decision decision = policy(SCHEDULE).decide(new AttemptOutcome.Business(422, "HTTP 422"), 1, null, NOW);
    assertThat(decision.status()).isEqualTo(DeliveryStatus.DEAD_LETTERED);
    assertThat(decision.failureClass()).isEqualTo("business");
    assertThat(decision.countsAsAttempt()).isTrue();
    assertThat(decision.outcomes()).containsExactly("business_failure", "dead_lettered");
  }

  @Test
  void parksUntilTheDeadlineThenDeadLettersWithTheReason() {
    DeliveryPolicy policy = policy(SCHEDULE);
    AttemptOutcome parked = new AttemptOutcome.Parked("invoice:SO-1", "invoice SO-1 is not in Odoo yet");
    Decision first = policy.decide(parked, 1, null, NOW);
    assertThat(first.status()).isEqualTo(DeliveryStatus.PARKED);
    assertThat(first.waitingFor()).isEqualTo("invoice:SO-1");
    assertThat(first.nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    assertThat(first.countsAsAttempt()).isFalse();
    Decision nearDeadline = policy.decide(parked, 1, NOW, NOW.plus(Duration.ofMinutes(58)));
    assertThat(nearDeadline.nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
    Decision expired = policy.decide(parked, 1, NOW, NOW.plus(Duration.ofHours(1)));
    assertThat(expired.status()).isEqualTo(DeliveryStatus.DEAD_LETTERED);
    assertThat(expired.failureClass()).isEqualTo("prerequisite");
    assertThat(expired.reason()).contains("invoice:SO-1").contains("not in Odoo yet");
  }

  @Test
  void goneDisablesTheTargetAndKeepsTheEventPending() {
    Decision decision = policy(SCHEDULE).decide(new AttemptOutcome.Gone(410, "HTTP 410 Gone"), 3, null, NOW);
    assertThat(decision.disableTarget()).isTrue();
    assertThat(decision.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(decision.countsAsAttempt()).isFalse();
  }

  @Test
  void aDeferredClaimWaitsForTheBreakerAndDoesNotCount() {
    Decision decision = policy(SCHEDULE).decide(new AttemptOutcome.Deferred("open"), 2, null, NOW);
    assertThat(decision.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(decision.countsAsAttempt()).isFalse();
    assertThat(decision.nextAttemptAt()).isEqualTo(NOW.plus(DeliveryConfig.Breaker.DEFAULT.resetTimeout()));
  }
}
