package dev.ofg.webhook;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Describes one event extracted from a verified webhook payload: the provider's stable id to dedupe
 * on, its type, when it happened if the provider says, its position in a batch, and its own JSON
 * exactly as the provider sent it.
 *
 * <p>Immutable; the JSON is kept as the original bytes so amounts and formatting survive storage
 * unchanged ({@link #json()} parses a fresh copy on each call).
 */
public final class ProviderEvent {

  /** Longest id or type accepted, so they fit an indexed column. */
  public static final int MAX_ID_LENGTH = 255;

  private final String id;
  private final String type;
  private final Instant occurredAt;
  private final int index;
  private final byte[] rawJson;

  /**
   * Creates an event.
   *
   * @param id the provider's event id, stable across re-deliveries
   * @param type the provider's event type
   * @param occurredAt when the event happened, or null when the payload does not say
   * @param index the event's position in the payload (0 for single-event payloads)
   * @param rawJson the event's own JSON object, byte for byte as received (copied)
   */
  public ProviderEvent(String id, String type, Instant occurredAt, int index, byte[] rawJson) {
    this.id = requireToken("id", id);
    this.type = requireToken("type", type);
    this.occurredAt = occurredAt;
    if (index < 0) {
      throw new IllegalArgumentException("index: " + index + " (expected: >= 0)");
    }
    this.index = index;
    this.rawJson = Objects.requireNonNull(rawJson, "rawJson").clone();
  }

  private static String requireToken(String name, String value) {
    Objects.requireNonNull(value, name);
    if (value.isBlank() || value.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(
          name + ": length " + value.length() + " (expected: 1.." + MAX_ID_LENGTH + ", not blank)");
    }
    return value;
  }

  /** Returns the provider's stable event id; re-deliveries of the same event carry the same id. */
  public String id() {
    return id;
  }

  /** Returns the provider's event type, such as {@code invoice.paid} or {@code AUTHORISATION}. */
  public String type() {
    return type;
  }

  /** Returns when the event happened, if the payload says. */
  public Optional<Instant> occurredAt() {
    return Optional.ofNullable(occurredAt);
  }

  /** Returns the event's position in the request payload: 0 unless the format is a batch. */
  public int index() {
    return index;
  }

  /** Returns a copy of the event's JSON exactly as received. */
  public byte[] rawJson() {
    return rawJson.clone();
  }

  /** Parses the event's JSON into a new, independent object. */
  public JsonObject json() {
    return new JsonObject(Buffer.buffer(rawJson));
  }

  @Override
  public String toString() {
    // The payload may hold personal data or account numbers: describe it, never print it.
    return "ProviderEvent[id=" + id + ", type=" + type + ", occurredAt=" + occurredAt
        + ", index=" + index + ", jsonBytes=" + rawJson.length + "]";
  }
}
