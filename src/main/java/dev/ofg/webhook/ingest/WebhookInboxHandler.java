package dev.ofg.webhook.ingest;

import dev.ofg.finance.FinanceEvent;
import dev.ofg.http.CorrelationHandler;
import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.http.TraceContext;
import dev.ofg.store.InboxRecords;
import dev.ofg.webhook.ProviderEvent;
import dev.ofg.webhook.VerifiedWebhook;
import dev.ofg.webhook.ingest.EventNormaliser.Normalised;
import dev.ofg.webhook.ingest.EventNormaliser.Routed;
import dev.ofg.webhook.ingest.EventNormaliser.Unrouted;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Stores a verified webhook request durably before answering: normalises its events, hands the request to the
 * group commit, and answers 200 only once the transaction (inbox rows and outbox events) committed, listing
 * per event whether it was stored or a duplicate. A store failure or a full queue fails with 503 and
 * Retry-After.
 */
final class WebhookInboxHandler implements Handler<RoutingContext> {
  private final WebhookSource source;
  private final InboxGroupCommit inbox;
  private final WebhookMetrics metrics;

  WebhookInboxHandler(WebhookSource source, InboxGroupCommit inbox, WebhookMetrics metrics) {
    this.source = source;
    this.inbox = inbox;
    this.metrics = metrics;
  }

  @Override
  public void handle(RoutingContext ctx) {
    VerifiedWebhook verified = ctx.get(WebhookSignatureHandler.VERIFIED);
    List<ProviderEvent> events = verified.events();
    GatewayException unstorable = unstorable(events);
    if (unstorable != null) {
      ctx.put(WebhookArrivalHandler.OUTCOME, "payload_invalid");
      ctx.fail(unstorable);
      return;
    }
    if (events.isEmpty()) {
      // A signed batch with no events: nothing to keep, nothing to re-send.
      ctx.put(WebhookArrivalHandler.OUTCOME, WebhookMetrics.ACCEPTED);
      answer(ctx, events, List.of(), new HashMap<>());
      return;
    }
    PendingDelivery pending = pending(ctx, verified);
    inbox.submit(pending).onComplete(stored -> {
      if (stored.failed()) {
        ctx.put(WebhookArrivalHandler.OUTCOME, outcomeOf(stored.cause()));
        ctx.fail(stored.cause());
        return;
      }
      Map<Integer, String> routing = new HashMap<>();
      pending.delivery().items().forEach(item -> routing.put(item.index(), item.financeEventType()));
      answer(ctx, events, stored.result(), routing);
    });
  }

  private static GatewayException unstorable(List<ProviderEvent> events) {
    for (ProviderEvent event : events) {
      if (!EventNormaliser.isPrintable(event.id()) || !EventNormaliser.isPrintable(event.type())) {
        return GatewayException.of(ProblemCode.WEBHOOK_PAYLOAD_INVALID,
            "an event id or type contains control characters");
      }
    }
    return null;
  }

  private PendingDelivery pending(RoutingContext ctx, VerifiedWebhook verified) {
    TraceContext trace = CorrelationHandler.trace(ctx);
    Instant receivedAt = ctx.get(WebhookArrivalHandler.RECEIVED_AT, Instant.now());
    Buffer body = ctx.body().buffer();
    List<InboxRecords.Item> items = new ArrayList<>();
    Map<Integer, FinanceEvent> financeEvents = new HashMap<>();
    for (ProviderEvent event : verified.events()) {
      Normalised normalised = source.normaliser().normalise(event, trace.correlationId(), receivedAt);
      byte[] raw = event.rawJson();
      // The event's own bytes are kept only when they are a part of the body, not all of it.
      Buffer payload = raw.length == body.length() ? null : Buffer.buffer(raw);
      if (normalised instanceof Routed routed) {
        financeEvents.put(event.index(), routed.event());
        items.add(new InboxRecords.Item(event.id(), event.type(), event.index(), payload, routed.event().type(), null));
      } else {
        items.add(new InboxRecords.Item(event.id(), event.type(), event.index(), payload, null,
            ((Unrouted) normalised).reason()));
      }
    }
    InboxRecords.Delivery delivery = new InboxRecords.Delivery(UUID.randomUUID(), source.name(), receivedAt,
        trace.correlationId(), source.keptHeaders(ctx.request().headers()), body, source.type(),
        verified.signedAt().orElse(null), items);
    return new PendingDelivery(delivery, financeEvents);
  }

  private void answer(RoutingContext ctx, List<ProviderEvent> events, List<InboxRecords.Stored> stored,
      Map<Integer, String> routing) {
    Map<Integer, InboxRecords.Stored> byIndex = new HashMap<>();
    stored.forEach(row -> byIndex.put(row.index(), row));
    JsonArray items = new JsonArray();
    int duplicates = 0;
    int unrouted = 0;
    for (ProviderEvent event : events) {
      InboxRecords.Stored row = byIndex.get(event.index());
      JsonObject item = new JsonObject().put("id", event.id());
      if (row == null) {
        duplicates++;
        item.put("status", "duplicate");
      } else {
        String financeType = routing.get(event.index());
        unrouted += financeType == null ? 1 : 0;
        item.put("status", "stored").put("payloadRef", "inbox:" + row.inboxId())
            .put("routing", financeType == null ? "unrouted" : "routed").put("financeEventType", financeType);
        if (financeType != null) {
          item.put("financeEventId", source.normaliser().eventId(event.id()).toString());
        }
      }
      items.add(item);
    }
    metrics.duplicates(source.name(), duplicates);
    metrics.unrouted(source.name(), unrouted);
    if (!events.isEmpty()) {
      ctx.put(WebhookArrivalHandler.OUTCOME,
          duplicates == events.size() ? WebhookMetrics.DUPLICATE : WebhookMetrics.ACCEPTED);
    }
    JsonObject body = new JsonObject().put("source", source.name()).put("received", events.size())
        .put("stored", events.size() - duplicates).put("duplicates", duplicates).put("events", items);
    ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(body.toBuffer());
  }

  private static String outcomeOf(Throwable failure) {
    if (failure instanceof GatewayException problem) {
      return problem.code() == ProblemCode.OVERLOADED ? "overloaded" : "unavailable";
    }
    return "failed";
  }
}
