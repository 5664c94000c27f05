package dev.ofg.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PayloadLimitsTest {

  @Test
  void hasDocumentedDefaults() {
    assertThat(PayloadLimits.defaults()).isEqualTo(new PayloadLimits(4 * 1024 * 1024, 1000, 64));
  }

  @Test
  void rejectsEachInvalidValueNamingIt() {
    assertThatThrownBy(() -> new PayloadLimits(0, 1, 8)).hasMessage("maxBodyBytes: 0 (expected: > 0)");
    assertThatThrownBy(() -> new PayloadLimits(1, 0, 8)).hasMessage("maxEvents: 0 (expected: > 0)");
    assertThatThrownBy(() -> new PayloadLimits(1, 1, 1)).hasMessage("maxDepth: 1 (expected: 2..1000)");
    assertThatThrownBy(() -> new PayloadLimits(1, 1, 1001)).hasMessage("maxDepth: 1001 (expected: 2..1000)");
  }
}
