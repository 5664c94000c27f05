package dev.ofg.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class SandboxFaultsTest {
  private final SandboxFaults faults = new SandboxFaults();

  @Test
  void consumesTheConfiguredNumberOfSerializationFailures() {
    faults.serializationFailures(2);
    assertThat(faults.drawSerializationFailure()).isTrue();
    assertThat(faults.drawSerializationFailure()).isTrue();
    assertThat(faults.drawSerializationFailure()).isFalse();
    assertThat(faults.serializationFailures()).isZero();
  }

  @Test
  void goesDownAfterServingTheConfiguredNumberOfRequests() {
    faults.downAfterRequests(2);
    assertThat(faults.drawDown()).isFalse();
    assertThat(faults.drawDown()).isFalse();
    assertThat(faults.down()).isFalse();
    assertThat(faults.drawDown()).isTrue();
    assertThat(faults.down()).isTrue();
    assertThat(faults.downAfterRequests()).isEqualTo(-1);
    assertThatThrownBy(() -> faults.downAfterRequests(-2))
        .hasMessage("downAfterRequests: -2 (expected: >= 0, or -1 to cancel)");
  }

  @Test
  void ratesOfZeroAndOneAreDeterministic() {
    assertThat(faults.drawError()).isFalse();
    faults.errorRate(1);
    assertThat(faults.drawError()).isTrue();
    faults.serializationFailureRate(1);
    assertThat(faults.drawSerializationFailure()).isTrue();
  }

  @Test
  void validatesValuesNamingTheExpectation() {
    assertThatThrownBy(() -> faults.errorRate(1.5)).hasMessage("errorRate: 1.5 (expected: 0..1)");
    assertThatThrownBy(() -> faults.serializationFailureRate(-0.1))
        .hasMessage("serializationFailureRate: -0.1 (expected: 0..1)");
    assertThatThrownBy(() -> faults.serializationFailures(-1))
        .hasMessage("serializationFailures: -1 (expected: >= 0)");
    assertThatThrownBy(() -> faults.latencyMs(-1)).hasMessage("latencyMs: -1 (expected: 0..600000)");
  }

  @Test
  void jsonUpdatesAreAllOrNothing() {
    faults.latencyMs(10);
    assertThatThrownBy(() -> faults.update(new JsonObject().put("latencyMs", 20).put("down", "yes")))
        .hasMessage("down: yes (expected: true or false)");
    assertThat(faults.latencyMs()).isEqualTo(10);
    assertThatThrownBy(() -> faults.update(new JsonObject().put("nope", 1))).hasMessageStartingWith("nope: unknown fault");
    faults.update(new JsonObject().put("latencyMs", 20).put("hang", true));
    assertThat(faults.toJson().getLong("latencyMs")).isEqualTo(20);
    assertThat(faults.hang()).isTrue();
    faults.reset();
    assertThat(faults.toJson()).isEqualTo(new SandboxFaults().toJson());
  }
}
