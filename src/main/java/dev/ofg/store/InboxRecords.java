package dev.ofg.store;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Holds the SQL of the webhook inbox ({@code inbox_delivery} and {@code inbox}, see
 * {@code V10__webhook_inbox.sql}): the multi-row insert of a whole group-commit batch, the operator query
 * for unrouted events and their re-routing, and the read of one event's raw payload for its consumer.
 *
 * <p>The insert is one statement for any number of deliveries. Events are deduplicated by the unique key
 * (source, provider_event_id) with {@code ON CONFLICT DO NOTHING}: a concurrent insert of the same key waits
 * for the other transaction and is skipped once it commits, so concurrent identical deliveries yield exactly
 * one row. Rows are inserted in key order, so that two batches never lock the same keys in opposite orders
 * (no deadlock). A delivery row is written only when at least one of its events is new.
 */
public final class InboxRecords {
  private static final String INSERT = String.join("\n",
      "WITH item AS (",
      "  SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int4[], $6::bytea[],",
      "      $7::timestamptz[], $8::text[], $9::text[], $10::text[])",
      "    AS t(delivery_id, source, provider_event_id, provider_event_type, item_index, payload, received_at,",
      "         correlation_id, finance_event_type, routing_reason)",
      "), inserted AS (",
      "  INSERT INTO inbox (delivery_id, source, provider_event_id, provider_event_type, item_index, payload,",
      "      received_at, correlation_id, routing, finance_event_type, routing_reason)",
      "  SELECT delivery_id, source, provider_event_id, provider_event_type, item_index, payload, received_at,",
      "      correlation_id, CASE WHEN finance_event_type IS NULL THEN 'unrouted' ELSE 'routed' END,",
      "      finance_event_type, routing_reason",
      "  FROM item ORDER BY source, provider_event_id, delivery_id, item_index",
      "  ON CONFLICT (source, provider_event_id) DO NOTHING",
      "  RETURNING id, delivery_id, item_index",
      "), delivery AS (",
      "  INSERT INTO inbox_delivery (id, source, received_at, correlation_id, headers, body, verifier, signed_at,",
      "      event_count)",
      "  SELECT d.id, d.source, d.received_at, d.correlation_id, d.headers::jsonb, d.body, d.verifier, d.signed_at,",
      "      d.event_count",
      "  FROM unnest($11::uuid[], $12::text[], $13::timestamptz[], $14::text[], $15::text[], $16::bytea[],",
      "      $17::text[], $18::timestamptz[], $19::int4[])",
      "    AS d(id, source, received_at, correlation_id, headers, body, verifier, signed_at, event_count)",
      "  WHERE d.id IN (SELECT delivery_id FROM inserted)",
      ")",
      "SELECT id, delivery_id, item_index FROM inserted");

  private static final String UNROUTED = "SELECT id, source, provider_event_id, provider_event_type, received_at, "
      + "correlation_id, routing_reason, delivery_id FROM inbox WHERE routing = 'unrouted' "
      + "AND ($1::text IS NULL OR source = $1) AND ($2::int8 IS NULL OR id < $2) ORDER BY id DESC LIMIT $3";

  /** The event's own bytes when it was part of a batch, else the whole request body as signed. */
  private static final String PAYLOAD = "SELECT coalesce(i.payload, d.body) FROM inbox i "
      + "JOIN inbox_delivery d ON d.id = i.delivery_id WHERE i.id = $1 AND i.source = $2";

  /** What a re-route reads: headers and the event's own JSON only while the event is unrouted. */
  private static final String REROUTE_CANDIDATES = "SELECT i.id, i.provider_event_id, i.provider_event_type, "
      + "i.item_index, i.received_at, i.correlation_id, i.routing = 'unrouted', "
      + "CASE WHEN i.routing = 'unrouted' THEN d.headers END, "
      + "CASE WHEN i.routing = 'unrouted' THEN coalesce(i.payload, d.body) END "
      + "FROM inbox i JOIN inbox_delivery d ON d.id = i.delivery_id WHERE i.source = $1 AND ";
  private static final String REROUTE_BY_ID = REROUTE_CANDIDATES + "i.id = ANY($2::int8[]) ORDER BY i.id";
  private static final String REROUTE_PAGE = REROUTE_CANDIDATES
      + "i.routing = 'unrouted' AND i.id > $2 ORDER BY i.id LIMIT $3";

  /**
   * Applies re-routing decisions to events that are still unrouted: rows are locked in id order (two re-routes never
   * deadlock), and a row another re-route changed meanwhile fails {@code routing = 'unrouted'} once that one
   * committed, so it is left alone and only one of them appends its finance event.
   */
  private static final String REROUTE = String.join("\n",
      "WITH decision AS (",
      "  SELECT * FROM unnest($2::int8[], $3::text[], $4::text[]) AS t(id, finance_event_type, routing_reason)",
      "), locked AS (",
      "  SELECT i.id FROM inbox i JOIN decision USING (id) WHERE i.source = $1 AND i.routing = 'unrouted'",
      "  ORDER BY i.id FOR UPDATE OF i",
      ")",
      "UPDATE inbox i SET routing = CASE WHEN d.finance_event_type IS NULL THEN 'unrouted' ELSE 'routed' END,",
      "    finance_event_type = d.finance_event_type, routing_reason = d.routing_reason",
      "FROM decision d WHERE d.id = i.id AND i.id IN (SELECT id FROM locked) AND i.routing = 'unrouted'",
      "RETURNING i.id, i.routing");

  private InboxRecords() {
  }

  /**
   * Describes one verified webhook request to store.
   *
   * @param headers the header subset to keep (name to value), already free of control characters
   * @param body the raw body as signed
   * @param signedAt the signed timestamp, or null for schemes without one
   * @param items the provider events it carries, at least one
   */
  public record Delivery(UUID id, String source, Instant receivedAt, String correlationId, JsonObject headers,
      Buffer body, String verifier, Instant signedAt, List<Item> items) {
    public Delivery {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(receivedAt, "receivedAt");
      Objects.requireNonNull(correlationId, "correlationId");
      Objects.requireNonNull(headers, "headers");
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(verifier, "verifier");
      items = List.copyOf(items);
      if (items.isEmpty()) {
        throw new IllegalArgumentException("items: empty (expected: at least one event)");
      }
    }

    @Override
    public String toString() {
      // The body may hold personal data: describe it, never print it.
      return "Delivery[id=" + id + ", source=" + source + ", bodyBytes=" + body.length() + ", items=" + items.size()
          + "]";
    }
  }

  /**
   * Describes one provider event of a delivery.
   *
   * @param payload the event's own JSON when it is only part of the body, else null
   * @param financeEventType the canonical type it was routed to, or null when unrouted
   * @param routingReason why it is unrouted, or null when routed
   */
  public record Item(String providerEventId, String providerEventType, int index, Buffer payload,
      String financeEventType, String routingReason) {
    public Item {
      Objects.requireNonNull(providerEventId, "providerEventId");
      Objects.requireNonNull(providerEventType, "providerEventType");
      if ((financeEventType == null) == (routingReason == null)) {
        throw new IllegalArgumentException("financeEventType/routingReason: exactly one expected");
      }
    }

    @Override
    public String toString() {
      return "Item[providerEventId=" + providerEventId + ", providerEventType=" + providerEventType + ", index="
          + index + ", financeEventType=" + financeEventType + "]";
    }
  }

  /** Identifies an event row this insert created (duplicates return none). */
  public record Stored(long inboxId, UUID deliveryId, int index) {
  }

  /** Describes an unrouted event for operators (never its payload). */
  public record Unrouted(long inboxId, String source, String providerEventId, String providerEventType,
      Instant receivedAt, String correlationId, String reason, UUID deliveryId) {
    public JsonObject toJson() {
      return new JsonObject().put("payloadRef", "inbox:" + inboxId).put("source", source)
          .put("providerEventId", providerEventId).put("providerEventType", providerEventType)
          .put("receivedAt", receivedAt.toString()).put("correlationId", correlationId).put("reason", reason)
          .put("deliveryId", deliveryId.toString());
    }
  }

  /**
   * Holds what re-routing one stored event needs (never logged: the JSON and headers are the provider's).
   *
   * @param unrouted false when the event is routed already; headers and json are then null
   * @param headers the request headers kept with the event
   * @param json the event's own JSON: its part of a batch, else the whole body
   */
  public record StoredEvent(long inboxId, String providerEventId, String providerEventType, int index,
      Instant receivedAt, String correlationId, boolean unrouted, JsonObject headers, Buffer json) {
    @Override
    public String toString() {
      return "StoredEvent[inboxId=" + inboxId + ", providerEventType=" + providerEventType + ", unrouted=" + unrouted
          + "]";
    }
  }

  /**
   * Says what re-routing decided for an unrouted event: the canonical type it is routed to now, or why it is still
   * unrouted (exactly one of both).
   */
  public record Rerouting(long inboxId, String financeEventType, String routingReason) {
    public Rerouting {
      if ((financeEventType == null) == (routingReason == null)) {
        throw new IllegalArgumentException("financeEventType/routingReason: exactly one expected");
      }
    }
  }

  /**
   * Inserts every delivery of a batch inside the caller's transaction, skipping events already stored.
   *
   * @return the event rows created; an event of the batch that is absent here was a duplicate
   */
  public static Future<List<Stored>> insert(SqlClient transaction, List<Delivery> deliveries) {
    return transaction.preparedQuery(INSERT).execute(parameters(deliveries)).map(rows -> {
      List<Stored> stored = new ArrayList<>(rows.rowCount());
      for (Row row : rows) {
        stored.add(new Stored(row.getLong(0), row.getUUID(1), row.getInteger(2)));
      }
      return stored;
    });
  }

  /** Lists unrouted events, newest first, optionally of one source and below an inbox id (paging). */
  public static Future<List<Unrouted>> unrouted(SqlClient client, String source, Long beforeId, int limit) {
    return client.preparedQuery(UNROUTED).execute(Tuple.of(source, beforeId, limit)).map(rows -> {
      List<Unrouted> out = new ArrayList<>(rows.rowCount());
      for (Row row : rows) {
        out.add(new Unrouted(row.getLong(0), row.getString(1), row.getString(2), row.getString(3),
            row.getOffsetDateTime(4).toInstant(), row.getString(5), row.getString(6), row.getUUID(7)));
      }
      return out;
    });
  }

  /** Reads the events of a source with the given ids for re-routing, in id order; absent ids have no row. */
  public static Future<List<StoredEvent>> rerouteCandidates(SqlClient client, String source, List<Long> inboxIds) {
    return client.preparedQuery(REROUTE_BY_ID).execute(Tuple.tuple().addString(source).addValue(inboxIds.toArray(Long[]::new)))
        .map(InboxRecords::storedEvents);
  }

  /** Reads at most {@code limit} unrouted events of a source above an inbox id, in id order, for re-routing. */
  public static Future<List<StoredEvent>> rerouteCandidates(SqlClient client, String source, long afterId,
      int limit) {
    return client.preparedQuery(REROUTE_PAGE).execute(Tuple.of(source, afterId, limit))
        .map(InboxRecords::storedEvents);
  }

  private static List<StoredEvent> storedEvents(RowSet<Row> rows) {
    List<StoredEvent> out = new ArrayList<>(rows.rowCount());
    for (Row row : rows) {
      out.add(new StoredEvent(row.getLong(0), row.getString(1), row.getString(2), row.getInteger(3),
          row.getOffsetDateTime(4).toInstant(), row.getString(5), row.getBoolean(6), (JsonObject) row.getValue(7),
          row.getBuffer(8)));
    }
    return out;
  }

  /**
   * Applies re-routing decisions inside the caller's transaction to those events of {@code source} that are still
   * unrouted.
   *
   * @return inbox id to its routing now ({@code routed} or {@code unrouted}) for every row changed; a decision absent
   *     here found its event routed (by a concurrent re-route) or gone
   */
  public static Future<Map<Long, String>> reroute(SqlClient transaction, String source, List<Rerouting> decisions) {
    int n = decisions.size();
    Long[] ids = new Long[n];
    String[] types = new String[n];
    String[] reasons = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = decisions.get(i).inboxId();
      types[i] = decisions.get(i).financeEventType();
      reasons[i] = decisions.get(i).routingReason();
    }
    return transaction.preparedQuery(REROUTE).execute(Tuple.tuple().addString(source).addValue(ids).addValue(types).addValue(reasons)).map(rows -> {
      Map<Long, String> changed = new HashMap<>();
      rows.forEach(row -> changed.put(row.getLong(0), row.getString(1)));
      return changed;
    });
  }

  /**
   * Returns the raw bytes of one stored provider event (the {@code inbox:<id>} of its finance event's payloadRef),
   * exactly as received: for a statement file, the file.
   *
   * @param source the source the event must belong to, so that a reference cannot reach another source's row
   * @return the bytes, or null when the source has no such row
   */
  public static Future<Buffer> payload(SqlClient client, long inboxId, String source) {
    return client.preparedQuery(PAYLOAD).execute(Tuple.of(inboxId, source))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getBuffer(0));
  }

  private static Tuple parameters(List<Delivery> deliveries) {
    int itemCount = deliveries.stream().mapToInt(delivery -> delivery.items().size()).sum();
    ItemColumns items = new ItemColumns(itemCount);
    int d = deliveries.size();
    UUID[] ids = new UUID[d];
    String[] sources = new String[d];
    OffsetDateTime[] receivedAt = new OffsetDateTime[d];
    String[] correlationIds = new String[d];
    String[] headers = new String[d];
    Buffer[] bodies = new Buffer[d];
    String[] verifiers = new String[d];
    OffsetDateTime[] signedAt = new OffsetDateTime[d];
    Integer[] eventCounts = new Integer[d];
    for (int i = 0; i < d; i++) {
      Delivery delivery = deliveries.get(i);
      ids[i] = delivery.id();
      sources[i] = delivery.source();
      receivedAt[i] = utc(delivery.receivedAt());
      correlationIds[i] = delivery.correlationId();
      headers[i] = delivery.headers().encode();
      bodies[i] = delivery.body();
      verifiers[i] = delivery.verifier();
      signedAt[i] = delivery.signedAt() == null ? null : utc(delivery.signedAt());
      eventCounts[i] = delivery.items().size();
      for (Item item : delivery.items()) {
        items.add(delivery, item);
      }
    }
    return items.tuple().addValue(ids).addValue(sources).addValue(receivedAt).addValue(correlationIds)
        .addValue(headers).addValue(bodies).addValue(verifiers).addValue(signedAt).addValue(eventCounts);
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** Collects the event columns of a batch as parallel arrays, the shape {@code unnest} takes. */
  private static final class ItemColumns {
    private final UUID[] deliveryIds;
    private final String[] sources;
    private final String[] eventIds;
    private final String[] eventTypes;
    private final Integer[] indexes;
    private final Buffer[] payloads;
    private final OffsetDateTime[] receivedAt;
    private final String[] correlationIds;
    private final String[] financeTypes;
    private final String[] reasons;
    private int next;

    ItemColumns(int size) {
      deliveryIds = new UUID[size];
      sources = new String[size];
      eventIds = new String[size];
      eventTypes = new String[size];
      indexes = new Integer[size];
      payloads = new Buffer[size];
      receivedAt = new OffsetDateTime[size];
      correlationIds = new String[size];
      financeTypes = new String[size];
      reasons = new String[size];
    }

    void add(Delivery delivery, Item item) {
      deliveryIds[next] = delivery.id();
      sources[next] = delivery.source();
      eventIds[next] = item.providerEventId();
      eventTypes[next] = item.providerEventType();
      indexes[next] = item.index();
      payloads[next] = item.payload();
      receivedAt[next] = utc(delivery.receivedAt());
      correlationIds[next] = delivery.correlationId();
      financeTypes[next] = item.financeEventType();
      reasons[next] = item.routingReason();
      next++;
    }

    Tuple tuple() {
      return Tuple.tuple().addValue(deliveryIds).addValue(sources).addValue(eventIds).addValue(eventTypes)
          .addValue(indexes).addValue(payloads).addValue(receivedAt).addValue(correlationIds).addValue(financeTypes)
          .addValue(reasons);
    }
  }
}
