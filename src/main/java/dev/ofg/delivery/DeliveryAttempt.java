package dev.ofg.delivery;

import dev.ofg.finance.FinanceEvent;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * Describes one attempt to deliver an event to a target, as the relay sends it over the event bus to the
 * target's delivery verticle.
 *
 * @param claimNo the fencing token of the claim this attempt belongs to
 * @param attempt the attempt number (1 for the first)
 */
public record DeliveryAttempt(long deliveryId, String target, int claimNo, int attempt, FinanceEvent event) {
  private static final String ADDRESS_PREFIX = "ofg.delivery.";

  public DeliveryAttempt {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(event, "event");
  }

  /** Returns the event-bus address of a target family's delivery verticle. */
  public static String address(String target) {
    return ADDRESS_PREFIX + target;
  }

  public JsonObject toJson() {
    return new JsonObject().put("deliveryId", deliveryId).put("target", target).put("claimNo", claimNo)
        .put("attempt", attempt).put("event", event.toJson());
  }

  public static DeliveryAttempt fromJson(JsonObject json) {
    return new DeliveryAttempt(json.getLong("deliveryId"), json.getString("target"), json.getInteger("claimNo"),
        json.getInteger("attempt"), FinanceEvent.fromJson(json.getJsonObject("event")));
  }
}
