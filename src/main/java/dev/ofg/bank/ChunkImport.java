package dev.ofg.bank;

import dev.ofg.finance.FinanceEvent;
import dev.ofg.odoo.OdooFault;
import dev.ofg.store.BankImportLines;
import dev.ofg.store.BankImportLines.Claim;
import dev.ofg.store.BankImportLines.ClaimKind;
import dev.ofg.store.BankImportLines.Outcome;
import dev.ofg.store.BankImportLines.Settlement;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Imports one batch of lines of a statement: claims them, looks up the ones taken over from an import that stopped,
 * creates the rest in one Odoo call (one by one when Odoo refuses the batch, to find the refused line), then settles
 * the claims and appends the line events in one transaction.
 *
 * <p>The run completes with null, or with the failure that stopped it (Odoo unavailable, or refusing the gateway
 * itself); lines it could not finish are then settled as uncertain (the create may have happened) or released.
 */
final class ChunkImport {
  private static final int MAX_REASON_LENGTH = 500;

  private final ImportScope scope;
  private final PreparedStatement statement;
  private final List<PreparedStatement.Line> lines;
  private final BankImportLines store;
  private final OdooStatementLines odoo;
  private final Map<String, LineResult> results;
  private final UUID token = UUID.randomUUID();
  private final List<Settlement> settlements = new ArrayList<>();
  private final List<FinanceEvent> events = new ArrayList<>();
  private final Set<Long> matchedOdooIds = new HashSet<>();

  ChunkImport(ImportScope scope, PreparedStatement statement, List<PreparedStatement.Line> lines,
      BankImportLines store, OdooStatementLines odoo, Map<String, LineResult> results) {
    this.scope = scope;
    this.statement = statement;
    this.lines = lines;
    this.store = store;
    this.odoo = odoo;
    this.results = results;
  }

  /** Runs the batch; fails only when the store fails (claims then stay pending until stale). */
  Future<Throwable> run() {
    List<String> ids = lines.stream().map(PreparedStatement.Line::importId).toList();
    return store.claim(ids, statement.statementRef(), statement.journal().id(), token, scope.trace().correlationId())
        .compose(this::importClaimed)
        .compose(stop -> store.settle(token, settlements, events).map(stop));
  }

  private Future<Throwable> importClaimed(Map<String, Claim> claims) {
    List<PreparedStatement.Line> fresh = new ArrayList<>();
    List<PreparedStatement.Line> takenOver = new ArrayList<>();
    for (PreparedStatement.Line line : lines) {
      Claim claim = claims.get(line.importId());
      if (claim.kind() == ClaimKind.DONE) {
        results.put(line.importId(), new LineResult(line.line(), LineOutcome.ALREADY_IMPORTED, claim.odooId(), null));
      } else if (claim.kind() == ClaimKind.BUSY) {
        results.put(line.importId(), new LineResult(line.line(), LineOutcome.IN_PROGRESS, null, null));
      } else if (claim.kind() == ClaimKind.TAKEN_OVER) {
        takenOver.add(line);
      } else {
        fresh.add(line);
      }
    }
    return findTakenOver(takenOver).transform(found -> {
      if (found.failed()) {
        takenOver.stream().filter(line -> !results.containsKey(line.importId())).forEach(this::uncertain);
        fresh.forEach(this::released);
        return Future.succeededFuture(found.cause());
      }
      List<PreparedStatement.Line> toCreate = inFileOrder(fresh, found.result());
      // Searching took time: renew the claims before creating, so nobody takes them over meanwhile.
      return takenOver.isEmpty() ? create(toCreate) : renew(toCreate).compose(v -> create(toCreate));
    });
  }

  /** Looks the taken-over lines up in Odoo; returns those Odoo does not have (to be created). */
  private Future<List<PreparedStatement.Line>> findTakenOver(List<PreparedStatement.Line> takenOver) {
    if (takenOver.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    if (scope.capabilities().uniqueImportId()) {
      List<String> ids = takenOver.stream().map(PreparedStatement.Line::importId).toList();
      return odoo.findByImportIds(ids, scope.context(), scope.trace()).map(found -> {
        List<PreparedStatement.Line> missing = new ArrayList<>();
        for (PreparedStatement.Line line : takenOver) {
          Long odooId = found.get(line.importId());
          if (odooId != null) {
            found(line, odooId);
          } else {
            missing.add(line);
          }
        }
        return missing;
      });
    }
    return findByContent(takenOver, 0, new ArrayList<>());
  }

  /**
   * Finds lines by journal, date, amount and label, one at a time. A match already recorded for another line (or
   * matched in this batch) is not this line's: two identical lines of one day must become two Odoo records.
   */
  private Future<List<PreparedStatement.Line>> findByContent(List<PreparedStatement.Line> takenOver, int index,
      List<PreparedStatement.Line> missing) {
    if (index == takenOver.size()) {
      return Future.succeededFuture(missing);
    }
    PreparedStatement.Line line = takenOver.get(index);
    return odoo.findByContent(line.values(), scope.context(), scope.trace())
        .compose(candidates -> store.recordedOdooIds(candidates).map(recorded -> {
          Long match = candidates.stream().filter(id -> !recorded.contains(id) && !matchedOdooIds.contains(id))
              .findFirst().orElse(null);
          if (match != null) {
            found(line, match);
          } else {
            missing.add(line);
          }
          return missing;
        }))
        .compose(v -> findByContent(takenOver, index + 1, missing));
  }

  private Future<Throwable> create(List<PreparedStatement.Line> toCreate) {
    if (toCreate.isEmpty()) {
      return Future.succeededFuture(null);
    }
    List<JsonObject> values = toCreate.stream().map(PreparedStatement.Line::values).toList();
    return odoo.create(values, scope.context(), scope.trace()).transform(created -> {
      if (created.succeeded()) {
        for (int i = 0; i < toCreate.size(); i++) {
          created(toCreate.get(i), created.result().get(i));
        }
        return Future.succeededFuture(null);
      }
      if (!OdooStatementLines.isLineRejection(created.cause())) {
        return Future.succeededFuture(stopOn(toCreate, created.cause()));
      }
      // Odoo rolled the whole batch back: find the refused line(s) by creating one at a time.
      return toCreate.size() == 1 ? rejectOrFind(toCreate.get(0), (OdooFault) created.cause())
          : createEach(toCreate, 0);
    });
  }

  private Future<Throwable> createEach(List<PreparedStatement.Line> toCreate, int index) {
    if (index == toCreate.size()) {
      return Future.succeededFuture(null);
    }
    return renew(toCreate.subList(index, toCreate.size()))
        .compose(v -> create(List.of(toCreate.get(index))))
        .compose(stop -> {
          if (stop != null) {
            toCreate.subList(index + 1, toCreate.size()).forEach(this::released);
            return Future.succeededFuture(stop);
          }
          return createEach(toCreate, index + 1);
        });
  }

  private Future<Void> renew(List<PreparedStatement.Line> claimed) {
    return store.renew(claimed.stream().map(PreparedStatement.Line::importId).toList(), token);
  }

  /**
   * Handles Odoo refusing one line. Where {@code unique_import_id} exists the refusal may be its unique constraint
   * (the line was imported outside the gateway): then the line is found, not rejected.
   */
  private Future<Throwable> rejectOrFind(PreparedStatement.Line line, OdooFault refusal) {
    if (!scope.capabilities().uniqueImportId()) {
      rejected(line, refusal);
      return Future.succeededFuture(null);
    }
    return odoo.findByImportIds(List.of(line.importId()), scope.context(), scope.trace()).transform(found -> {
      if (found.failed()) {
        released(line);
        return Future.succeededFuture(found.cause());
      }
      Long odooId = found.result().get(line.importId());
      if (odooId != null) {
        found(line, odooId);
      } else {
        rejected(line, refusal);
      }
      return Future.succeededFuture(null);
    });
  }

  /** Settles lines whose create failed for a reason other than the line itself, and stops the import. */
  private Throwable stopOn(List<PreparedStatement.Line> failed, Throwable failure) {
    boolean certainlyNotCreated = failure instanceof OdooFault && !((OdooFault) failure).outcomeUncertain();
    failed.forEach(certainlyNotCreated ? this::released : this::uncertain);
    return failure;
  }

  private static List<PreparedStatement.Line> inFileOrder(List<PreparedStatement.Line> fresh,
      List<PreparedStatement.Line> missing) {
    if (missing.isEmpty()) {
      return fresh;
    }
    List<PreparedStatement.Line> all = new ArrayList<>(fresh);
    all.addAll(missing);
    all.sort((a, b) -> Integer.compare(a.line().sequence(), b.line().sequence()));
    return all;
  }

  private void created(PreparedStatement.Line line, long odooId) {
    exists(line, odooId, LineOutcome.CREATED);
  }

  /** Records a line found in Odoo: created by an import that stopped before recording it. */
  private void found(PreparedStatement.Line line, long odooId) {
    matchedOdooIds.add(odooId);
    exists(line, odooId, LineOutcome.ALREADY_IMPORTED);
  }

  private void exists(PreparedStatement.Line line, long odooId, LineOutcome outcome) {
    results.put(line.importId(), new LineResult(line.line(), outcome, odooId, null));
    settlements.add(new Settlement(line.importId(), Outcome.DONE, odooId, null));
    events.add(StatementEvents.lineImported(scope, statement, line.line(), odooId));
  }

  private void rejected(PreparedStatement.Line line, OdooFault refusal) {
    String reason = AccountNumberMask.maskAccountNumbersIn(refusal.getMessage());
    if (reason.length() > MAX_REASON_LENGTH) {
      reason = reason.substring(0, MAX_REASON_LENGTH);
    }
    results.put(line.importId(), new LineResult(line.line(), LineOutcome.REJECTED, null, reason));
    settlements.add(new Settlement(line.importId(), Outcome.REJECTED, null, reason));
  }

  private void uncertain(PreparedStatement.Line line) {
    results.put(line.importId(), LineResult.notProcessed(line.line()));
    settlements.add(new Settlement(line.importId(), Outcome.UNCERTAIN, null, null));
  }

  private void released(PreparedStatement.Line line) {
    results.put(line.importId(), LineResult.notProcessed(line.line()));
    settlements.add(new Settlement(line.importId(), Outcome.RELEASED, null, null));
  }
}
