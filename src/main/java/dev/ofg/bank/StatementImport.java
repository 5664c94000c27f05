package dev.ofg.bank;

import dev.ofg.store.BankImportLines;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Imports the lines of one statement in batches, skipping at once the lines the gateway recorded as imported, and
 * appends {@code bank.statement.received} once every line is settled.
 */
final class StatementImport {
  /** Says how a statement's import ended: its result, and the failure that stopped it, if one did. */
  record Run(StatementImportResult result, Throwable stop) {
  }

  private final ImportScope scope;
  private final PreparedStatement statement;
  private final BankImportLines store;
  private final OdooStatementLines odoo;
  private final int batchSize;
  private final Map<String, LineResult> results = new HashMap<>();

  StatementImport(ImportScope scope, PreparedStatement statement, BankImportLines store, OdooStatementLines odoo,
      int batchSize) {
    this.scope = scope;
    this.statement = statement;
    this.store = store;
    this.odoo = odoo;
    this.batchSize = batchSize;
  }

  /** Runs the import; never fails: a stop (Odoo or the store unavailable) is part of the {@link Run}. */
  Future<Run> run() {
    List<String> ids = statement.lines().stream().map(PreparedStatement.Line::importId).toList();
    return store.imported(ids)
        .compose(imported -> {
          List<PreparedStatement.Line> pending = new ArrayList<>();
          for (PreparedStatement.Line line : statement.lines()) {
            Long odooId = imported.get(line.importId());
            if (odooId != null) {
              results.put(line.importId(), new LineResult(line.line(), LineOutcome.ALREADY_IMPORTED, odooId, null));
            } else {
              pending.add(line);
            }
          }
          return batches(pending, 0);
        })
        .compose(stop -> stop != null ? Future.succeededFuture(new Run(result(), stop))
            : store.settle(UUID.randomUUID(), List.of(), List.of(StatementEvents.received(scope, result())))
                .map(v -> new Run(result(), null)))
        .otherwise(storeFailure -> new Run(result(), storeFailure));
  }

  private Future<Throwable> batches(List<PreparedStatement.Line> pending, int from) {
    if (from >= pending.size()) {
      return Future.succeededFuture(null);
    }
    List<PreparedStatement.Line> batch = pending.subList(from, Math.min(pending.size(), from + batchSize));
    return new ChunkImport(scope, statement, batch, store, odoo, results).run()
        .compose(stop -> stop != null ? Future.succeededFuture(stop) : batches(pending, from + batchSize));
  }

  /** Returns every line's result so far; lines not reached are {@link LineOutcome#NOT_PROCESSED}. */
  StatementImportResult result() {
    List<LineResult> lines = new ArrayList<>(statement.lines().size());
    for (PreparedStatement.Line line : statement.lines()) {
      lines.add(results.getOrDefault(line.importId(), LineResult.notProcessed(line.line())));
    }
    return new StatementImportResult(statement.statementRef(), statement.statement(), statement.journal(),
        statement.balanceCheck(), lines);
  }
}
