package dev.ofg.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Says what happens to a delivery after one attempt: its next status and due time, whether the attempt counts,
 * why it failed, and the outcome labels it is counted under.
 *
 * @param countsAsAttempt false when the target was not really tried (parked, deferred, gone)
 * @param failureClass business, technical, prerequisite or gone; null when delivered
 * @param disableTarget true when the target asked not to be called again (410 Gone)
 * @param outcomes the {@code outcome} labels of {@code gateway_delivery_outcomes_total} this attempt adds to
 */
public record Decision(DeliveryStatus status, Instant nextAttemptAt, boolean countsAsAttempt, String failureClass,
    String reason, String waitingFor, boolean disableTarget, List<String> outcomes) {

  public Decision {
    Objects.requireNonNull(status, "status");
    outcomes = List.copyOf(outcomes);
  }

  static Decision delivered() {
    return new Decision(DeliveryStatus.DELIVERED, null, true, null, null, null, false, List.of("delivered"));
  }

  static Decision retry(Instant at, String reason) {
    return new Decision(DeliveryStatus.PENDING, at, true, "technical", reason, null, false,
        List.of("technical_failure", "retried"));
  }

  static Decision deadLetter(String failureClass, String reason, List<String> outcomes) {
    return new Decision(DeliveryStatus.DEAD_LETTERED, null, !"prerequisite".equals(failureClass), failureClass,
        reason, null, false, outcomes);
  }

  static Decision park(Instant recheckAt, String waitingFor, String reason) {
    return new Decision(DeliveryStatus.PARKED, recheckAt, false, "prerequisite", reason, waitingFor, false,
        List.of("parked"));
  }

  static Decision defer(Instant at, String reason) {
    return new Decision(DeliveryStatus.PENDING, at, false, "technical", reason, null, false, List.of("deferred"));
  }

  static Decision gone(Instant at, String reason) {
    return new Decision(DeliveryStatus.PENDING, at, false, "gone", reason, null, true, List.of("gone"));
  }
}
