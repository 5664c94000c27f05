package dev.ofg.finance;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Describes one canonical, versioned finance event (e.g. {@code payment.succeeded} v1) as it travels from
 * its source through the outbox to the delivery targets.
 *
 * @param id stable event id: every target dedupes on it, and a replay keeps it
 * @param aggregateType the kind of business object the event is about (invoice, payment, statement, ...)
 * @param aggregateId that object's id; events of one aggregate are delivered in order
 * @param source where it came from: {@code api}, a webhook source name, or {@code bank-import}
 * @param sourceEventId the provider's own event id, when there is one
 * @param data the event body, in the canonical shape of its type and version
 * @param payloadRef a reference to the raw payload it was normalised from (e.g. {@code inbox:42}), or null
 */
public record FinanceEvent(
    UUID id,
    String type,
    int version,
    String aggregateType,
    String aggregateId,
    String source,
    String sourceEventId,
    String correlationId,
    Instant occurredAt,
    JsonObject data,
    String payloadRef) {

  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

  public FinanceEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(aggregateType, "aggregateType");
    Objects.requireNonNull(aggregateId, "aggregateId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    if (type == null || !TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException("type: " + type + " (expected: dotted lower-case, e.g. payment.succeeded)");
    }
    if (version < 1) {
      throw new IllegalArgumentException("version: " + version + " (expected: >= 1)");
    }
    data = data == null ? new JsonObject() : data.copy();
  }

  @Override
  public JsonObject data() {
    return data.copy();
  }

  /** Renders the event as it is published on the event bus and delivered to targets. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("type", type)
        .put("version", version)
        .put("aggregateType", aggregateType)
        .put("aggregateId", aggregateId)
        .put("source", source)
        .put("sourceEventId", sourceEventId)
        .put("correlationId", correlationId)
        .put("occurredAt", occurredAt.toString())
        .put("data", data.copy())
        .put("payloadRef", payloadRef);
  }

  public static FinanceEvent fromJson(JsonObject json) {
    return new FinanceEvent(UUID.fromString(json.getString("id")), json.getString("type"),
        json.getInteger("version", 1), json.getString("aggregateType"), json.getString("aggregateId"),
        json.getString("source"), json.getString("sourceEventId"), json.getString("correlationId"),
        Instant.parse(json.getString("occurredAt")), json.getJsonObject("data"), json.getString("payloadRef"));
  }
}
