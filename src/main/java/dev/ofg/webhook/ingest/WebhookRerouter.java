package dev.ofg.webhook.ingest;

import dev.ofg.finance.FinanceEvent;
import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.store.InboxRecords;
import dev.ofg.store.InboxRecords.Rerouting;
import dev.ofg.store.InboxRecords.StoredEvent;
import dev.ofg.store.OutboxRecords;
import dev.ofg.webhook.ProviderEvent;
import dev.ofg.webhook.WebhookRequest;
import dev.ofg.webhook.ingest.EventNormaliser.Normalised;
import dev.ofg.webhook.ingest.EventNormaliser.Routed;
import dev.ofg.webhook.ingest.EventNormaliser.Unrouted;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes stored, unrouted webhook events again with the mapping in force now (after a rule was added or fixed and
 * the gateway restarted): re-reads each event's own JSON from the inbox, normalises it with the source's current
 * rules, and in one transaction marks the now routed events {@code routed} and appends their finance events to the
 * outbox, under the same event id and {@code payloadRef} ingestion would have given them. Events still unrouted keep
 * their row with the new reason.
 *
 * <p>Exactly once: an event is changed only while it is still unrouted (checked under a row lock), so of two
 * concurrent re-routes only one appends its finance event, and the outbox skips a known event id anyway.
 */
final class WebhookRerouter {
  static final String REROUTED = "rerouted";
  static final String UNROUTED = "unrouted";
  static final String SKIPPED = "skipped";
  private static final String ROUTED = "routed";
  private static final Logger LOG = LoggerFactory.getLogger(WebhookRerouter.class);

  private final Map<String, WebhookSource> sources;
  private final Pool pool;
  private final WebhookMetrics metrics;

  WebhookRerouter(Map<String, WebhookSource> sources, Pool pool, WebhookMetrics metrics) {
    this.sources = Map.copyOf(sources);
    this.pool = pool;
    this.metrics = metrics;
  }

  /**
   * Re-routes the events a request selects.
   *
   * @return the counts and each event's outcome (type or reason, never payload values); fails with a 400
   *     {@link GatewayException} for a source that is not configured or takes statement files
   */
  Future<JsonObject> reroute(RerouteRequest request) {
    WebhookSource source = sources.get(request.source());
    if (source == null) {
      // The name is not echoed: it is caller input.
      return Future.failedFuture(GatewayException.of(ProblemCode.VALIDATION_FAILED,
          "source: not a configured webhook source (expected one of " + sources.keySet().stream().sorted().toList()
              + ")"));
    }
    if (source.statementFiles()) {
      return Future.failedFuture(GatewayException.of(ProblemCode.VALIDATION_FAILED, "source: " + source.name()
          + " takes bank statement files (statementImport), which are always routed; nothing to re-route"));
    }
    Future<List<StoredEvent>> selected = request.named()
        ? InboxRecords.rerouteCandidates(pool, source.name(), request.inboxIds())
        : InboxRecords.rerouteCandidates(pool, source.name(), request.afterId(), request.limit());
    return selected.compose(rows -> reroute(source, request, rows));
  }

  private Future<JsonObject> reroute(WebhookSource source, RerouteRequest request, List<StoredEvent> rows) {
    Map<Long, Outcome> outcomes = new LinkedHashMap<>();
    if (request.named()) {
      request.inboxIds().forEach(id -> outcomes.put(id, Outcome.skipped(id, "no event of this source")));
    }
    List<Rerouting> decisions = new ArrayList<>();
    Map<Long, FinanceEvent> events = new HashMap<>();
    for (StoredEvent row : rows) {
      if (!row.unrouted()) {
        outcomes.put(row.inboxId(), Outcome.skipped(row.inboxId(), "routed already"));
        continue;
      }
      Normalised normalised = normalise(source, row);
      if (normalised instanceof Routed routed) {
        events.put(row.inboxId(), PendingDelivery.withInboxRef(routed.event(), row.inboxId()));
        decisions.add(new Rerouting(row.inboxId(), routed.event().type(), null));
        outcomes.put(row.inboxId(), new Outcome(row.inboxId(), REROUTED, routed.event().type(), routed.event().id(),
            null));
      } else {
        String reason = ((Unrouted) normalised).reason();
        decisions.add(new Rerouting(row.inboxId(), null, reason));
        outcomes.put(row.inboxId(), new Outcome(row.inboxId(), UNROUTED, null, null, reason));
      }
    }
    Future<Map<Long, String>> applied = decisions.isEmpty() ? Future.succeededFuture(Map.of())
        : pool.withTransaction(tx -> InboxRecords.reroute(tx, source.name(), decisions).compose(changed -> {
          List<FinanceEvent> appended = new ArrayList<>();
          changed.forEach((id, routing) -> {
            if (ROUTED.equals(routing)) {
              appended.add(events.get(id));
            }
          });
          return OutboxRecords.append(tx, appended).map(changed);
        }));
    return applied.map(changed -> answer(source, request, rows, outcomes, decisions, changed));
  }

  /**
   * Normalises a stored event as ingestion did: same provider id, type and position, the occurrence time read again
   * by the source's verifier, the original request's correlation id and arrival time.
   */
  private static Normalised normalise(WebhookSource source, StoredEvent row) {
    byte[] raw = row.json().getBytes();
    JsonObject json;
    try {
      json = new JsonObject(row.json());
    } catch (DecodeException | ClassCastException e) {
      return new Unrouted("the event JSON cannot be read again");
    }
    WebhookRequest.Builder request = WebhookRequest.builder().body(raw).receivedAt(row.receivedAt());
    row.headers().forEach(header -> request.header(header.getKey(), String.valueOf(header.getValue())));
    ProviderEvent event = new ProviderEvent(row.providerEventId(), row.providerEventType(),
        source.verifier().occurredAt(json, request.build()).orElse(null), row.index(), raw);
    return source.normaliser().normalise(event, row.correlationId(), row.receivedAt());
  }

  private JsonObject answer(WebhookSource source, RerouteRequest request, List<StoredEvent> rows,
      Map<Long, Outcome> outcomes, List<Rerouting> decisions, Map<Long, String> changed) {
    for (Rerouting decision : decisions) {
      if (!changed.containsKey(decision.inboxId())) {
        // Routed by a concurrent re-route between our read and our update, or purged by retention.
        outcomes.put(decision.inboxId(), Outcome.skipped(decision.inboxId(), "routed already"));
      }
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    List.of(REROUTED, UNROUTED, SKIPPED).forEach(outcome -> counts.put(outcome, 0));
    JsonArray items = new JsonArray();
    outcomes.values().forEach(outcome -> {
      counts.merge(outcome.outcome(), 1, Integer::sum);
      items.add(outcome.toJson());
    });
    counts.forEach((outcome, count) -> metrics.rerouted(source.name(), outcome, count));
    LOG.info("re-routed unrouted webhook events of source {}: {} rerouted, {} still unrouted, {} skipped",
        source.name(), counts.get(REROUTED), counts.get(UNROUTED), counts.get(SKIPPED));
    Long next = !request.named() && rows.size() == request.limit() ? rows.get(rows.size() - 1).inboxId() : null;
    return new JsonObject().put("source", source.name()).put("rerouted", counts.get(REROUTED))
        .put("stillUnrouted", counts.get(UNROUTED)).put("skipped", counts.get(SKIPPED)).put("events", items)
        .put("next", next);
  }

  /** Says what became of one selected event; names types and rules, never payload values. */
  private record Outcome(long inboxId, String outcome, String financeEventType, UUID financeEventId, String reason) {
    static Outcome skipped(long inboxId, String reason) {
      return new Outcome(inboxId, SKIPPED, null, null, reason);
    }

    JsonObject toJson() {
      JsonObject json = new JsonObject().put("inboxId", inboxId).put("payloadRef", "inbox:" + inboxId)
          .put("outcome", outcome);
      if (financeEventType != null) {
        json.put("financeEventType", financeEventType).put("financeEventId", financeEventId.toString());
      }
      return reason == null ? json : json.put("reason", reason);
    }
  }
}
