package dev.ofg.store;

import dev.ofg.finance.FinanceEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Holds the SQL of {@code bank_import_lines}: the gateway's own record of every statement line it imported, claimed
 * before the Odoo create and settled after it, so concurrent imports (across requests and gateway instances) and
 * crashes never create a line twice.
 */
public final class BankImportLines {
  private static final String CLAIM_NEW = "INSERT INTO bank_import_lines (import_id, statement_ref, journal_id, "
      + "status, claim_token, correlation_id) SELECT id, $2, $3, 'pending', $4, $5 FROM unnest($1::text[]) AS id "
      + "ON CONFLICT (import_id) DO NOTHING RETURNING import_id";
  // FOR UPDATE re-checks the condition after waiting for a concurrent claimer, so only one import wins a row.
  private static final String TAKE_OVER = "UPDATE bank_import_lines t SET claim_token = $2, claimed_at = now(), "
      + "status = 'pending', reason = NULL, correlation_id = $3, "
      + "journal_id = CASE WHEN prior.status = 'rejected' THEN $5 ELSE t.journal_id END, "
      + "statement_ref = CASE WHEN prior.status = 'rejected' THEN $6 ELSE t.statement_ref END "
      + "FROM (SELECT import_id, status, journal_id FROM bank_import_lines WHERE import_id = ANY($1::text[]) "
      + "AND (status IN ('uncertain', 'rejected') "
      + "OR (status = 'pending' AND claimed_at < now() - make_interval(secs => $4))) "
      + "FOR UPDATE) prior WHERE t.import_id = prior.import_id RETURNING t.import_id, prior.status, prior.journal_id";
  private static final String CURRENT = "SELECT import_id, status, odoo_id FROM bank_import_lines "
      + "WHERE import_id = ANY($1::text[])";
  private static final String SETTLE = "UPDATE bank_import_lines SET status = $3, odoo_id = $4, reason = $5, "
      + "imported_at = CASE WHEN $3 = 'done' THEN now() ELSE imported_at END "
      + "WHERE import_id = $1 AND claim_token = $2";
  private static final String RENEW = "UPDATE bank_import_lines SET claimed_at = now() "
      + "WHERE import_id = ANY($1::text[]) AND claim_token = $2 AND status = 'pending'";
  private static final String RELEASE = "DELETE FROM bank_import_lines WHERE import_id = ANY($1::text[]) "
      + "AND claim_token = $2 AND status = 'pending'";

  private final Pool pool;
  private final Duration staleAfter;

  public BankImportLines(Pool pool, Duration staleAfter) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.staleAfter = Objects.requireNonNull(staleAfter, "staleAfter");
  }

  /** Says what a claim attempt found for one line. */
  public enum ClaimKind {
    /** Claimed; nobody tried it before (or its last try was rejected by Odoo): create it. */
    FRESH,
    /** Claimed from an import that stopped without knowing the outcome: search Odoo before creating. */
    TAKEN_OVER,
    /** Already imported; {@link Claim#odooId()} says which record. */
    DONE,
    /** Another import is working on it right now. */
    BUSY
  }

  /**
   * Reports the claim of one line.
   *
   * @param odooId the recorded Odoo id for {@link ClaimKind#DONE}
   * @param journalId for {@link ClaimKind#TAKEN_OVER}, the journal the previous import used (search there)
   */
  public record Claim(String importId, ClaimKind kind, Long odooId, Long journalId) {
  }

  /** Names how a claimed line ends. */
  public enum Outcome {
    /** Exists in Odoo (created now, or found after a takeover); needs the Odoo id. */
    DONE("done"),
    /** Odoo refused it; needs the reason. A later import may try again. */
    REJECTED("rejected"),
    /** The create may have happened; the next import searches Odoo first. */
    UNCERTAIN("uncertain"),
    /** Not attempted (or certainly not created): the claim is given back. */
    RELEASED(null);

    private final String status;

    Outcome(String status) {
      this.status = status;
    }
  }

  /** Settles one claimed line. */
  public record Settlement(String importId, Outcome outcome, Long odooId, String reason) {
    public Settlement {
      Objects.requireNonNull(importId, "importId");
      Objects.requireNonNull(outcome, "outcome");
      if (outcome == Outcome.DONE && odooId == null) {
        throw new IllegalArgumentException("odooId: null (expected: the Odoo id of a done line)");
      }
    }
  }

  /** Returns the Odoo id of every given line that is recorded as imported. */
  public Future<Map<String, Long>> imported(List<String> importIds) {
    if (importIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return pool.preparedQuery(CURRENT).execute(Tuple.of(importIds.toArray(String[]::new))).map(rows -> {
      Map<String, Long> done = new LinkedHashMap<>();
      for (Row row : rows) {
        if ("done".equals(row.getString("status"))) {
          done.put(row.getString("import_id"), row.getLong("odoo_id"));
        }
      }
      return done;
    });
  }

  /**
   * Claims lines for one import: new lines, lines whose previous import was rejected or stopped uncertain, and
   * stale claims. Lines already imported or claimed by a running import are reported as such.
   */
  public Future<Map<String, Claim>> claim(List<String> importIds, String statementRef, long journalId, UUID token,
      String correlationId) {
    Map<String, Claim> claims = new LinkedHashMap<>();
    if (importIds.isEmpty()) {
      return Future.succeededFuture(claims);
    }
    return pool.preparedQuery(CLAIM_NEW)
        .execute(Tuple.of(importIds.toArray(String[]::new), statementRef, journalId, token, correlationId))
        .compose(inserted -> {
          inserted.forEach(row -> claims.put(row.getString(0), new Claim(row.getString(0), ClaimKind.FRESH, null,
              null)));
          List<String> rest = remaining(importIds, claims);
          return rest.isEmpty() ? Future.succeededFuture(rest) : takeOver(rest, statementRef, journalId, token,
              correlationId, claims).map(v -> remaining(importIds, claims));
        })
        .compose(rest -> rest.isEmpty() ? Future.succeededFuture(claims) : current(rest, claims))
        .map(v -> ordered(importIds, claims));
  }

  private Future<Void> takeOver(List<String> importIds, String statementRef, long journalId, UUID token,
      String correlationId, Map<String, Claim> claims) {
    Tuple params = Tuple.of(importIds.toArray(String[]::new), token, correlationId,
        (double) staleAfter.toMillis() / 1000.0, journalId, statementRef);
    return pool.preparedQuery(TAKE_OVER).execute(params).map(rows -> {
      for (Row row : rows) {
        String id = row.getString(0);
        // A rejected line certainly does not exist in Odoo; the others may.
        boolean rejectedBefore = "rejected".equals(row.getString(1));
        claims.put(id, rejectedBefore ? new Claim(id, ClaimKind.FRESH, null, null)
            : new Claim(id, ClaimKind.TAKEN_OVER, null, row.getLong(2)));
      }
      return null;
    });
  }

  private Future<Map<String, Claim>> current(List<String> importIds, Map<String, Claim> claims) {
    return pool.preparedQuery(CURRENT).execute(Tuple.of(importIds.toArray(String[]::new))).map(rows -> {
      for (Row row : rows) {
        String id = row.getString("import_id");
        claims.put(id, "done".equals(row.getString("status"))
            ? new Claim(id, ClaimKind.DONE, row.getLong("odoo_id"), null)
            : new Claim(id, ClaimKind.BUSY, null, null));
      }
      // A row that vanished was released by its owner a moment ago: report it busy, a retry claims it.
      for (String id : importIds) {
        claims.putIfAbsent(id, new Claim(id, ClaimKind.BUSY, null, null));
      }
      return claims;
    });
  }

  private static List<String> remaining(List<String> importIds, Map<String, Claim> claims) {
    List<String> rest = new ArrayList<>();
    for (String id : importIds) {
      if (!claims.containsKey(id)) {
        rest.add(id);
      }
    }
    return rest;
  }

  private static Map<String, Claim> ordered(List<String> importIds, Map<String, Claim> claims) {
    Map<String, Claim> ordered = new LinkedHashMap<>();
    importIds.forEach(id -> ordered.put(id, claims.get(id)));
    return ordered;
  }

  /**
   * Renews claims about to be used after slow work (searches, one-by-one creates), so they do not turn stale, and
   * another import take them over, while their owner is still working.
   */
  public Future<Void> renew(List<String> importIds, UUID token) {
    return importIds.isEmpty() ? Future.succeededFuture()
        : pool.preparedQuery(RENEW).execute(Tuple.of(importIds.toArray(String[]::new), token)).mapEmpty();
  }

  /** Returns which of the given Odoo statement line ids some imported line already accounts for. */
  public Future<Set<Long>> recordedOdooIds(Collection<Long> odooIds) {
    if (odooIds.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    return pool.preparedQuery("SELECT odoo_id FROM bank_import_lines WHERE odoo_id = ANY($1::int8[])")
        .execute(Tuple.of(odooIds.toArray(Long[]::new))).map(rows -> {
          Set<Long> recorded = new HashSet<>();
          rows.forEach(row -> recorded.add(row.getLong(0)));
          return recorded;
        });
  }

  /**
   * Settles the lines one import claimed with {@code token} and appends the events that announce them, in one
   * transaction: an event is committed together with the record of the line it is about, or not at all.
   */
  public Future<Void> settle(UUID token, List<Settlement> settlements, List<FinanceEvent> events) {
    List<Tuple> updates = new ArrayList<>();
    List<String> released = new ArrayList<>();
    for (Settlement settlement : settlements) {
      if (settlement.outcome() == Outcome.RELEASED) {
        released.add(settlement.importId());
      } else {
        updates.add(Tuple.of(settlement.importId(), token, settlement.outcome().status, settlement.odooId(),
            settlement.reason()));
      }
    }
    if (updates.isEmpty() && released.isEmpty() && events.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.withTransaction(tx -> update(tx, updates)
        .compose(v -> release(tx, released, token))
        .compose(v -> OutboxRecords.append(tx, events)));
  }

  private static Future<Void> update(SqlClient tx, List<Tuple> updates) {
    return updates.isEmpty() ? Future.succeededFuture()
        : tx.preparedQuery(SETTLE).executeBatch(updates).mapEmpty();
  }

  private static Future<Void> release(SqlClient tx, List<String> importIds, UUID token) {
    return importIds.isEmpty() ? Future.succeededFuture()
        : tx.preparedQuery(RELEASE).execute(Tuple.of(importIds.toArray(String[]::new), token)).mapEmpty();
  }
}
