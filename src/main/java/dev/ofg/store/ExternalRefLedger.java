package dev.ofg.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Makes "create the Odoo record for this external reference" happen once, across retries, concurrent
 * requests, several gateway instances and crashes.
 *
 * <p>A caller first claims the reference. The owner of the claim looks the reference up in Odoo (so a
 * record created before a crash is found, not doubled), creates only if absent, then records the id.
 * Others get the recorded id, or {@link ClaimBusyException} while the owner is still working. A claim not
 * completed within {@code staleAfter} (longer than any Odoo call can take) may be taken over.
 */
public final class ExternalRefLedger {
  private final Pool pool;
  private final Duration staleAfter;

  public ExternalRefLedger(Pool pool, Duration staleAfter) {
    this.pool = pool;
    this.staleAfter = staleAfter;
  }

  /** Reports the Odoo id an external reference resolved to and whether this call created it. */
  public record Resolution(long odooId, boolean created) {
  }

  /** Says a create for the same reference is still in progress elsewhere; retry after a short wait. */
  public static final class ClaimBusyException extends RuntimeException {
    public ClaimBusyException(String kind, String ref) {
      super("a create for " + kind + " '" + ref + "' is in progress", null, false, false);
    }
  }

  /**
   * Resolves {@code ref} to an Odoo id, creating the record at most once.
   *
   * @param findInOdoo looks the reference up in Odoo; empty when Odoo has no such record
   * @param createInOdoo creates the record in Odoo and returns its id
   */
  public Future<Resolution> createOnce(String kind, String ref, Supplier<Future<Optional<Long>>> findInOdoo,
      Supplier<Future<Long>> createInOdoo) {
    UUID token = UUID.randomUUID();
    return claim(kind, ref, token).compose(claimed -> {
      if (claimed) {
        return createAsOwner(kind, ref, token, findInOdoo, createInOdoo);
      }
      return existing(kind, ref, token, findInOdoo, createInOdoo);
    });
  }

  /** Returns the recorded Odoo id for a reference, if a create for it completed. */
  public Future<Optional<Long>> lookup(String kind, String ref) {
    return pool.preparedQuery("SELECT odoo_id FROM external_refs WHERE kind = $1 AND external_ref = $2 AND state = 'done'")
        .execute(Tuple.of(kind, ref))
        .map(rows -> rows.size() == 0 ? Optional.<Long>empty() : Optional.of(rows.iterator().next().getLong(0)));
  }

  /** Records a mapping learned from Odoo (e.g. a record created before the gateway existed). */
  public Future<Void> remember(String kind, String ref, long odooId) {
    return pool.preparedQuery("INSERT INTO external_refs (kind, external_ref, state, odoo_id, claim_token, completed_at) "
            + "VALUES ($1, $2, 'done', $3, $4, now()) ON CONFLICT (kind, external_ref) DO UPDATE "
            + "SET state = 'done', odoo_id = EXCLUDED.odoo_id, completed_at = now()")
        .execute(Tuple.of(kind, ref, odooId, UUID.randomUUID())).mapEmpty();
  }

  private Future<Boolean> claim(String kind, String ref, UUID token) {
    return pool.preparedQuery("INSERT INTO external_refs (kind, external_ref, state, claim_token) "
            + "VALUES ($1, $2, 'pending', $3) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(kind, ref, token))
        .map(rows -> rows.rowCount() == 1);
  }

  private Future<Resolution> existing(String kind, String ref, UUID token,
      Supplier<Future<Optional<Long>>> findInOdoo, Supplier<Future<Long>> createInOdoo) {
    return pool.preparedQuery("SELECT state, odoo_id, claim_token, claimed_at < now() - make_interval(secs => $3) AS stale "
            + "FROM external_refs WHERE kind = $1 AND external_ref = $2")
        .execute(Tuple.of(kind, ref, (double) staleAfter.toMillis() / 1000.0))
        .compose(rows -> {
          if (rows.size() == 0) {
            // The owner gave up and released the claim between our insert and this read: try again.
            return createOnce(kind, ref, findInOdoo, createInOdoo);
          }
          Row row = rows.iterator().next();
          if ("done".equals(row.getString("state"))) {
            return Future.succeededFuture(new Resolution(row.getLong("odoo_id"), false));
          }
          if (!row.getBoolean("stale")) {
            return Future.failedFuture(new ClaimBusyException(kind, ref));
          }
          return takeOver(kind, ref, row.getUUID("claim_token"), token).compose(won -> won
              ? createAsOwner(kind, ref, token, findInOdoo, createInOdoo)
              : Future.failedFuture(new ClaimBusyException(kind, ref)));
        });
  }

  private Future<Boolean> takeOver(String kind, String ref, UUID previous, UUID token) {
    return pool.preparedQuery("UPDATE external_refs SET claim_token = $4, claimed_at = now() "
            + "WHERE kind = $1 AND external_ref = $2 AND claim_token = $3 AND state = 'pending'")
        .execute(Tuple.of(kind, ref, previous, token))
        .map(rows -> rows.rowCount() == 1);
  }

  private Future<Resolution> createAsOwner(String kind, String ref, UUID token,
      Supplier<Future<Optional<Long>>> findInOdoo, Supplier<Future<Long>> createInOdoo) {
    return findInOdoo.get()
        .compose(found -> found.isPresent()
            ? Future.succeededFuture(new Resolution(found.get(), false))
            : createInOdoo.get().map(id -> new Resolution(id, true)))
        .compose(resolution -> complete(kind, ref, token, resolution.odooId()).map(resolution))
        .recover(failure -> releaseUnlessUncertain(kind, ref, token, failure));
  }

  private Future<Void> complete(String kind, String ref, UUID token, long odooId) {
    return pool.preparedQuery("UPDATE external_refs SET state = 'done', odoo_id = $4, completed_at = now() "
            + "WHERE kind = $1 AND external_ref = $2 AND claim_token = $3")
        .execute(Tuple.of(kind, ref, token, odooId)).mapEmpty();
  }

  /**
   * Releases the claim after a failure that certainly created nothing (Odoo refused); keeps it after an
   * uncertain one (timeout), so nobody creates again until the claim is stale and Odoo can be searched.
   */
  private <T> Future<T> releaseUnlessUncertain(String kind, String ref, UUID token, Throwable failure) {
    if (failure instanceof UncertainOutcome && ((UncertainOutcome) failure).outcomeUncertain()) {
      return Future.failedFuture(failure);
    }
    return pool.preparedQuery("DELETE FROM external_refs WHERE kind = $1 AND external_ref = $2 AND claim_token = $3 "
            + "AND state = 'pending'")
        .execute(Tuple.of(kind, ref, token))
        .<T>transform(done -> Future.failedFuture(failure));
  }

  /** Lets a failure say whether the operation may have taken effect anyway (a timeout after sending). */
  public interface UncertainOutcome {
    boolean outcomeUncertain();
  }

}
