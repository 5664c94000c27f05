package dev.ofg.delivery.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.delivery.AttemptOutcome;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpOutcomesTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  @ParameterizedTest
  @ValueSource(ints = {200, 201, 202, 204, 299})
  void twoHundredsAreDelivered(int status) {
    assertThat(HttpOutcomes.classify(status, null, NOW)).isInstanceOf(AttemptOutcome.Delivered.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 405, 413, 415, 422})
  void otherClientErrorsAreBusinessFailures(int status) {
    assertThat(HttpOutcomes.classify(status, "5", NOW)).isInstanceOf(AttemptOutcome.Business.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 409, 425, 429, 500, 502, 503, 504, 301, 302})
  void transientAnswersAreTechnicalFailures(int status) {
    assertThat(HttpOutcomes.classify(status, null, NOW)).isInstanceOf(AttemptOutcome.Technical.class);
  }

  @Test
  void goneIsItsOwnOutcome() {
    assertThat(HttpOutcomes.classify(410, null, NOW)).isInstanceOf(AttemptOutcome.Gone.class);
  }

  @Test
  void carriesRetryAfterInSecondsOrAsAnHttpDate() {
    AttemptOutcome seconds = HttpOutcomes.classify(503, "120", NOW);
    assertThat(((AttemptOutcome.Technical) seconds).retryAfter()).isEqualTo(Duration.ofSeconds(120));
    AttemptOutcome date = HttpOutcomes.classify(429, "Mon, 23 Nov 2026 10:01:30 GMT", NOW);
    assertThat(((AttemptOutcome.Technical) date).retryAfter()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void ignoresUnreadableOrPastRetryAfter() {
    assertThat(RetryAfter.parse("soon", NOW)).isNull();
    assertThat(RetryAfter.parse("-5", NOW)).isNull();
    assertThat(RetryAfter.parse("99999999999999999999999", NOW)).isNull();
    assertThat(RetryAfter.parse("x".repeat(100), NOW)).isNull();
    assertThat(RetryAfter.parse("Sun, 22 Nov 2026 10:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    assertThat(RetryAfter.parse(null, NOW)).isNull();
  }
}
