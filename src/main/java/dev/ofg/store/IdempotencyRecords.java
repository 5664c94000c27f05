package dev.ofg.store;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** Holds the SQL of the {@code idempotency_keys} table: claims, completions, take-overs and expiry. */
public final class IdempotencyRecords {
  private final Pool pool;

  public IdempotencyRecords(Pool pool) {
    this.pool = pool;
  }

  /** Describes a stored key as another request finds it. */
  public record Existing(String fingerprint, String state, UUID ownerToken, boolean leaseExpired, Integer status,
      String contentType, Buffer body) {
    public boolean completed() {
      return "completed".equals(state);
    }

    public boolean uncertain() {
      return "uncertain".equals(state);
    }
  }

  /** Claims a key for this request; empty when it was new and is now owned, else what is stored. */
  public Future<Optional<Existing>> claim(String clientId, String key, String fingerprint, UUID token,
      Duration lease, Duration retention, String correlationId) {
    return pool.preparedQuery("INSERT INTO idempotency_keys (client_id, idem_key, fingerprint, state, owner_token, "
            + "lease_until, correlation_id, expires_at) VALUES ($1, $2, $3, 'in_flight', $4, "
            + "now() + make_interval(secs => $5), $6, now() + make_interval(secs => $7)) "
            + "ON CONFLICT (client_id, idem_key) DO NOTHING")
        .execute(Tuple.of(clientId, key, fingerprint, token, seconds(lease), correlationId, seconds(retention)))
        .compose(rows -> rows.rowCount() == 1 ? Future.succeededFuture(Optional.<Existing>empty()) : find(clientId, key)
            .compose(found -> found.isPresent()
                ? Future.succeededFuture(found)
                // Reaped between the insert and the read: claim again.
                : claim(clientId, key, fingerprint, token, lease, retention, correlationId)));
  }

  public Future<Optional<Existing>> find(String clientId, String key) {
    return pool.preparedQuery("SELECT fingerprint, state, owner_token, lease_until < now() AS lease_expired, status, "
            + "content_type, body FROM idempotency_keys WHERE client_id = $1 AND idem_key = $2 AND expires_at > now()")
        .execute(Tuple.of(clientId, key))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row row = rows.iterator().next();
          return Optional.of(new Existing(row.getString("fingerprint"), row.getString("state"),
              row.getUUID("owner_token"), row.getBoolean("lease_expired"), row.getInteger("status"),
              row.getString("content_type"), row.getBuffer("body")));
        });
  }

  /** Takes over a key whose owner stopped (lease expired, or outcome uncertain); true when this request won. */
  public Future<Boolean> takeOver(String clientId, String key, UUID previous, UUID token, Duration lease) {
    return pool.preparedQuery("UPDATE idempotency_keys SET owner_token = $4, state = 'in_flight', "
            + "lease_until = now() + make_interval(secs => $5) "
            + "WHERE client_id = $1 AND idem_key = $2 AND owner_token = $3 AND state <> 'completed'")
        .execute(Tuple.of(clientId, key, previous, token, seconds(lease)))
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<Void> complete(String clientId, String key, UUID token, int status, String contentType, Buffer body) {
    return pool.preparedQuery("UPDATE idempotency_keys SET state = 'completed', status = $4, content_type = $5, "
            + "body = $6 WHERE client_id = $1 AND idem_key = $2 AND owner_token = $3")
        .execute(Tuple.of(clientId, key, token, status, contentType, body)).mapEmpty();
  }

  /** Forgets a key whose request certainly changed nothing, so the client may retry it. */
  public Future<Void> release(String clientId, String key, UUID token) {
    return pool.preparedQuery("DELETE FROM idempotency_keys WHERE client_id = $1 AND idem_key = $2 "
            + "AND owner_token = $3 AND state = 'in_flight'")
        .execute(Tuple.of(clientId, key, token)).mapEmpty();
  }

  public Future<Void> markUncertain(String clientId, String key, UUID token) {
    return pool.preparedQuery("UPDATE idempotency_keys SET state = 'uncertain' WHERE client_id = $1 "
            + "AND idem_key = $2 AND owner_token = $3 AND state = 'in_flight'")
        .execute(Tuple.of(clientId, key, token)).mapEmpty();
  }

  /** Deletes up to {@code batch} expired keys; returns how many. */
  public Future<Integer> reapExpired(int batch) {
    return pool.preparedQuery("DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys "
            + "WHERE expires_at < now() LIMIT $1)")
        .execute(Tuple.of(batch)).map(rows -> rows.rowCount());
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }
}
