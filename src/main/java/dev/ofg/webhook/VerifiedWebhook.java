package dev.ofg.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Carries the result of a successful verification: the events extracted from the payload, in
 * payload order, and the signature timestamp when the scheme has one.
 */
public final class VerifiedWebhook {

  private final List<ProviderEvent> events;
  private final Instant signedAt;

  /**
   * Creates a result.
   *
   * @param events the extracted events, in payload order
   * @param signedAt the signature's timestamp, or null when the scheme carries none
   */
  public VerifiedWebhook(List<ProviderEvent> events, Instant signedAt) {
    this.events = List.copyOf(Objects.requireNonNull(events, "events"));
    this.signedAt = signedAt;
  }

  /** Returns the extracted events, in payload order. */
  public List<ProviderEvent> events() {
    return events;
  }

  /** Returns the signature timestamp, for schemes that sign one. */
  public Optional<Instant> signedAt() {
    return Optional.ofNullable(signedAt);
  }

  @Override
  public String toString() {
    return "VerifiedWebhook[events=" + events + ", signedAt=" + signedAt + "]";
  }
}
