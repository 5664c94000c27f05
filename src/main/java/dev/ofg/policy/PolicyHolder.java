package dev.ofg.policy;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** Publishes the current {@link PolicySnapshot} to every event loop; a reload replaces it atomically. */
public final class PolicyHolder {
  private final AtomicReference<PolicySnapshot> current;

  public PolicyHolder(PolicySnapshot initial) {
    this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
  }

  public PolicySnapshot current() {
    return current.get();
  }

  public void replace(PolicySnapshot next) {
    current.set(Objects.requireNonNull(next, "next"));
  }
}
