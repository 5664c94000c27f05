package dev.ofg.delivery;

import java.util.Locale;

/** Names the states of a delivery as stored: pending and parked wait, in_flight is claimed, the rest are final. */
public enum DeliveryStatus {
  PENDING, IN_FLIGHT, PARKED, DELIVERED, DEAD_LETTERED;

  /** The value stored in the {@code deliveries.status} column. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
