package dev.ofg.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimestampToleranceTest {

  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

  @Test
  void acceptsTimestampsWithinTheToleranceEitherWay() {
    TimestampTolerance tolerance = TimestampTolerance.defaults();

    assertThat(tolerance.requireWithin(NOW.getEpochSecond() - 300, NOW)).isEqualTo(NOW.minusSeconds(300));
    assertThat(tolerance.requireWithin(NOW.getEpochSecond() + 300, NOW)).isEqualTo(NOW.plusSeconds(300));
  }

  @Test
  void rejectsStaleAndFutureTimestampsAsExpired() {
    TimestampTolerance tolerance = TimestampTolerance.defaults();

    assertThatThrownBy(() -> tolerance.requireWithin(NOW.getEpochSecond() - 301, NOW))
        .isInstanceOf(WebhookSignatureException.class).hasMessageContaining("older");
    assertThatThrownBy(() -> tolerance.requireWithin(NOW.getEpochSecond() + 301, NOW))
        .isInstanceOf(WebhookSignatureException.class).hasMessageContaining("future");
    assertThatThrownBy(() -> tolerance.requireWithin(999_999_999_999L, NOW))
        .extracting(e -> ((WebhookException) e).code()).isEqualTo(WebhookFailureCode.SIGNATURE_EXPIRED);
  }

  @Test
  void parsesOnlyPlainDecimalSeconds() {
    assertThat(TimestampTolerance.parseEpochSeconds("1614265330", "t")).isEqualTo(1614265330L);
    for (String text : List.of("", "-1", "+1", "1.5", "1e9", " 1", "١٢", "9999999999999")) {
      assertThatThrownBy(() -> TimestampTolerance.parseEpochSeconds(text, "t")).as(text)
          .extracting(e -> ((WebhookException) e).code()).isEqualTo(WebhookFailureCode.SIGNATURE_MALFORMED);
    }
  }

  @Test
  void validatesTheToleranceItself() {
    assertThatThrownBy(() -> new TimestampTolerance(Duration.ZERO))
        .hasMessage("tolerance: PT0S (expected: > 0 and <= PT24H)");
    assertThatThrownBy(() -> new TimestampTolerance(Duration.ofDays(2)))
        .hasMessage("tolerance: PT48H (expected: > 0 and <= PT24H)");
  }
}
