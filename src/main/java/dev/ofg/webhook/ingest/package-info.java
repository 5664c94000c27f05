/**
 * Receives signed webhooks at {@code POST /webhooks/<source>}, stores them durably before answering, drops
 * re-deliveries, and normalises provider events into canonical finance events in the outbox.
 *
 * <p>Entry point: {@link dev.ofg.webhook.ingest.WebhookIngestion} (built from {@code webhooks:} in the
 * configuration; the application mounts it on the public router and registers its admin routes).
 *
 * <h2>Decisions</h2>
 *
 * <ul>
 *   <li>Durable before 2xx: a request is answered 200 only after the transaction holding its inbox rows and
 *       its outbox events committed ({@link dev.ofg.webhook.ingest.InboxGroupCommit}); a full queue or a failed
 *       write answers 503 with Retry-After. A commit whose acknowledgement was lost may be answered 503 although
 *       it was stored; the provider's retry is then a duplicate and gets 200, so nothing is lost or doubled.
 *   <li>Group commit: requests wait at most {@code maxDelay} for company while the store is idle, and queue
 *       while {@code maxConcurrentBatches} commits are in flight; batch size therefore follows the load.
 *   <li>Dedupe relies on the unique key (source, provider event id) with {@code ON CONFLICT DO NOTHING}, never
 *       on a read before the write, so concurrent identical deliveries make exactly one row. A fully duplicate
 *       request stores nothing at all (no delivery row, no event row, no outbox event).
 *   <li>Finance event ids are name-based UUIDs of (source, provider event id): stable across re-deliveries
 *       and replays, so the outbox's own unique id is a second line of defence.
 *   <li>Signature before rate limit: a forged request costs an HMAC but never a provider's quota; floods from
 *       one address are the pre-authentication limit's job.
 *   <li>Unknown event types are stored, acknowledged and flagged {@code unrouted} (with the reason), visible at
 *       {@code GET /admin/webhooks/unrouted} and in {@code gateway_webhook_unrouted}; so are events whose
 *       mapped fields are missing or unusable, because a provider's retry would never fix them. Once the mapping
 *       is fixed (and the gateway restarted: sources are compiled at start), {@code POST
 *       /admin/webhooks/unrouted/reroute} routes them again ({@link dev.ofg.webhook.ingest.WebhookRerouter}) under
 *       the same event ids, changing a row only while it is still unrouted.
 *   <li>Event ids and types with control characters are refused (400): PostgreSQL text cannot hold NUL.
 * </ul>
 */
package dev.ofg.webhook.ingest;
