package dev.ofg.webhook.ingest;

import dev.ofg.finance.FinanceEvent;
import dev.ofg.store.InboxRecords;
import java.util.Map;
import java.util.Objects;

/**
 * Carries one verified, normalised webhook request to the group commit: the inbox rows to write and, per
 * item index, the finance event to append to the outbox if that item turns out to be new.
 *
 * @param delivery the request and its items
 * @param events item index to its finance event (without payloadRef); unrouted items have none
 */
public record PendingDelivery(InboxRecords.Delivery delivery, Map<Integer, FinanceEvent> events) {
  public PendingDelivery {
    Objects.requireNonNull(delivery, "delivery");
    events = Map.copyOf(events);
  }

  /** Returns the memory this request holds while queued, for the queue's byte bound. */
  long bytes() {
    return delivery.body().length() + 512L * delivery.items().size();
  }

  /** Returns the finance event of a stored item with its payloadRef, or null when the item is unrouted. */
  FinanceEvent eventFor(InboxRecords.Stored stored) {
    FinanceEvent draft = events.get(stored.index());
    return draft == null ? null : withInboxRef(draft, stored.inboxId());
  }

  /** Returns the event with the payloadRef of the inbox row it was made from, {@code inbox:<id>}. */
  static FinanceEvent withInboxRef(FinanceEvent draft, long inboxId) {
    return new FinanceEvent(draft.id(), draft.type(), draft.version(), draft.aggregateType(), draft.aggregateId(),
        draft.source(), draft.sourceEventId(), draft.correlationId(), draft.occurredAt(), draft.data(),
        "inbox:" + inboxId);
  }
}
