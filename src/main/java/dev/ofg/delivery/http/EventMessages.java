package dev.ofg.delivery.http;

import dev.ofg.finance.FinanceEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Renders a finance event as the HTTP message targets receive: a Standard Webhooks payload ({@code type},
 * {@code timestamp}, {@code data} holding the canonical event), as JSON or as one NDJSON line, under the event id.
 */
public final class EventMessages {
  public static final String JSON = "application/json";
  public static final String NDJSON = "application/x-ndjson";

  private EventMessages() {
  }

  /** Returns the payload: the event's type and occurrence time at the top, the whole canonical event as data. */
  public static JsonObject payload(FinanceEvent event) {
    return new JsonObject().put("type", event.type()).put("timestamp", event.occurredAt().toString())
        .put("data", event.toJson());
  }

  public static SignedHttpSender.Message json(FinanceEvent event) {
    return message(event, JSON, payload(event).toBuffer());
  }

  public static SignedHttpSender.Message ndjson(FinanceEvent event) {
    return message(event, NDJSON, payload(event).toBuffer().appendString("\n"));
  }

  private static SignedHttpSender.Message message(FinanceEvent event, String contentType, Buffer body) {
    return new SignedHttpSender.Message(event.id().toString(), event.type(),
        event.aggregateType() + ":" + event.aggregateId(), event.correlationId(), contentType, body, Map.of());
  }
}
