-- pgbench peer of one accepted webhook: the same three rows the gateway writes (delivery, inbox item, outbox
-- event) in one transaction per request, i.e. without group commit.
BEGIN;
WITH d AS (
  INSERT INTO gateway.inbox_delivery (id, source, received_at, correlation_id, headers, body, verifier, event_count)
  VALUES (gen_random_uuid(), 'pgbench', now(), md5(random()::text), '{}', '\x7b7d', 'hmac', 1) RETURNING id)
INSERT INTO gateway.inbox (delivery_id, source, provider_event_id, provider_event_type, item_index, received_at,
    correlation_id, routing, finance_event_type)
SELECT id, 'pgbench', id::text, 'transfer.booked', 0, now(), 'c', 'routed', 'payment.succeeded' FROM d;
INSERT INTO gateway.outbox (event_id, event_type, event_version, aggregate_type, aggregate_id, source, correlation_id,
    occurred_at, payload)
VALUES (gen_random_uuid(), 'payment.succeeded', 1, 'payment', 'T-1', 'pgbench', 'c', now(), '{"amount": "12.34"}');
COMMIT;
