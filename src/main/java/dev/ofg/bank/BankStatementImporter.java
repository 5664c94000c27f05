package dev.ofg.bank;

import dev.ofg.config.BankImportConfig;
import dev.ofg.http.TraceContext;
import dev.ofg.odoo.OdooClient;
import dev.ofg.odoo.OdooFault;
import dev.ofg.store.BankImportLines;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a bank statement file (camt.053, camt.054, MT940) into Odoo as {@code account.bank.statement.line}
 * records, each line at most once, and announces it with finance events in the outbox.
 *
 * <p>Steps: parse and verify every balance on a worker thread (a mismatch refuses the whole file); choose each
 * statement's journal; then per batch of lines claim them in PostgreSQL, create them in Odoo (with
 * {@code unique_import_id} where Odoo has it), and record them together with their events in one transaction.
 * The gateway's own record makes a re-import create nothing even on an Odoo without {@code unique_import_id}.
 * Odoo refusing a line rejects that line only; Odoo or the store becoming unavailable stops the import with a
 * {@link BankImportException} that is {@link BankImportException#retryable() retryable}: importing the same file
 * again completes it without duplicates.
 *
 * <p>Used by {@code POST /api/v1/bank-statements} ({@link BankStatementApi}) and by webhook sources of kind
 * {@code bank-statement}. Thread-safe; one instance per gateway process.
 */
public final class BankStatementImporter {
  private static final Logger LOG = LoggerFactory.getLogger(BankStatementImporter.class);

  private final Vertx vertx;
  private final BankStatementReader reader;
  private final boolean allowMissingBalances;
  private final int batchSize;
  private final OdooStatementLines odoo;
  private final StatementJournals journals;
  private final BankImportLines store;
  private final BankImportMetrics metrics;

  private BankStatementImporter(Vertx vertx, OdooClient odoo, BankImportLines store, BankImportConfig config,
      MeterRegistry registry) {
    this.vertx = vertx;
    this.allowMissingBalances = config.allowMissingBalances();
    this.reader = new BankStatementReader(new BankStatementReaderOptions(new BankStatementLimits(config.maxBodyBytes(),
        config.maxLines(), BankStatementLimits.DEFAULT_MAX_ELEMENT_DEPTH, BankStatementLimits.DEFAULT_MAX_TEXT_LENGTH),
        allowMissingBalances));
    this.batchSize = config.createBatchSize();
    this.odoo = new OdooStatementLines(odoo);
    this.journals = new StatementJournals(this.odoo, config.defaultJournal());
    this.store = store;
    this.metrics = new BankImportMetrics(registry);
  }

  /**
   * Creates the importer of a gateway process.
   *
   * @param odooTimeout the Odoo call timeout, from which the stale-claim limit is derived unless configured
   */
  public static BankStatementImporter create(Vertx vertx, OdooClient odoo, Pool pool, BankImportConfig config,
      Duration odooTimeout, MeterRegistry registry) {
    return new BankStatementImporter(vertx, odoo, new BankImportLines(pool, config.staleClaimAfter(odooTimeout)),
        config, registry);
  }

  /**
   * Imports one file.
   *
   * @return the per-statement, per-line report; fails with {@link BankImportException} for a bad file, a statement
   *     no journal can take, or an import that stopped (with the partial report), and with an Odoo failure when the
   *     journals or fields cannot be read
   */
  public Future<BankImportReport> importFile(Buffer content, BankImportRequest request, TraceContext trace) {
    Objects.requireNonNull(content, "content");
    long started = System.nanoTime();
    return parse(content, request.declaredFormat())
        .compose(parsed -> prepare(parsed, request, trace)
            .compose(planned -> importStatements(parsed.format(), planned, 0, new ArrayList<>())))
        .onComplete(done -> record(content, request, trace, started, done.result(), done.cause()));
  }

  /** Holds what the worker thread read: the statements and what their balance check established. */
  private record ParsedFile(BankStatementFormat format, List<BankStatement> statements,
      List<BalanceCheck.Result> checks) {
  }

  private Future<ParsedFile> parse(Buffer content, BankStatementFormat declared) {
    return vertx.executeBlocking(() -> {
      List<BankStatement> statements = reader.read(content.getBytes(), declared);
      if (statements.isEmpty()) {
        throw new BankStatementException(BankStatementException.Code.MALFORMED_STATEMENT, "the file has no statement");
      }
      List<BalanceCheck.Result> checks = new ArrayList<>();
      for (BankStatement statement : statements) {
        checks.add(BalanceCheck.verify(statement, allowMissingBalances));
      }
      return new ParsedFile(statements.get(0).format(), statements, checks);
    }, false).recover(failure -> Future.failedFuture(failure instanceof BankStatementException
        ? BankImportException.of((BankStatementException) failure) : failure));
  }

  /** Pairs a prepared statement with the scope of its import. */
  private record Planned(ImportScope scope, PreparedStatement statement) {
  }

  private Future<List<Planned>> prepare(ParsedFile parsed, BankImportRequest request, TraceContext trace) {
    return odoo.capabilities(trace).compose(capabilities -> {
      ImportScope scope = new ImportScope(request, trace, capabilities);
      return journals.resolve(scope, parsed.statements()).compose(chosen -> odoo.currencyIds(
              foreignCurrencies(parsed.statements(), chosen), trace)
          .compose(currencyIds -> vertx.executeBlocking(() -> plan(scope, parsed, chosen, currencyIds), false)));
    });
  }

  private static Set<String> foreignCurrencies(List<BankStatement> statements, List<OdooJournal> chosen) {
    Set<String> codes = new TreeSet<>();
    for (int i = 0; i < statements.size(); i++) {
      for (StatementLine line : statements.get(i).lines()) {
        Money foreign = StatementLineValues.foreignAmount(line, chosen.get(i));
        if (foreign != null) {
          codes.add(foreign.currency());
        }
      }
    }
    return codes;
  }

  private static List<Planned> plan(ImportScope scope, ParsedFile parsed, List<OdooJournal> chosen,
      Map<String, Long> currencyIds) {
    List<Planned> planned = new ArrayList<>();
    Set<String> refs = new HashSet<>();
    for (int i = 0; i < parsed.statements().size(); i++) {
      BankStatement statement = parsed.statements().get(i);
      List<PreparedStatement.Line> lines = new ArrayList<>();
      for (StatementLine line : statement.lines()) {
        lines.add(new PreparedStatement.Line(line, StatementLineValues.of(line, chosen.get(i), scope.capabilities(),
            currencyIds)));
      }
      String ref = statementRef(statement);
      for (int n = 2; !refs.add(ref); n++) {
        ref = statementRef(statement) + "-" + n;
      }
      planned.add(new Planned(scope, new PreparedStatement(ref, statement, chosen.get(i), parsed.checks().get(i),
          lines)));
    }
    return planned;
  }

  /**
   * Derives the statement's stable, opaque ref from what identifies it at its bank: account, format, statement (or
   * message) id, sequence number and period. Opaque because statement ids often embed the account number.
   */
  static String statementRef(BankStatement statement) {
    String material = String.join("\u001F", statement.account().identifier(), statement.format().name(),
        String.valueOf(statement.statementId() != null ? statement.statementId() : statement.messageId()),
        String.valueOf(statement.sequenceNumber()), String.valueOf(statement.periodFrom()),
        String.valueOf(statement.periodTo()),
        String.valueOf(statement.openingBalance().map(Balance::date).orElse(null)));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
      return "stmt-" + HexFormat.of().formatHex(digest).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every Java platform", e);
    }
  }

  private Future<BankImportReport> importStatements(BankStatementFormat format, List<Planned> planned, int index,
      List<StatementImportResult> done) {
    if (index == planned.size()) {
      return Future.succeededFuture(new BankImportReport(format, done, true));
    }
    ImportScope scope = planned.get(index).scope();
    PreparedStatement statement = planned.get(index).statement();
    return new StatementImport(scope, statement, store, odoo, batchSize).run().compose(run -> {
      done.add(run.result());
      if (run.stop() == null) {
        return importStatements(format, planned, index + 1, done);
      }
      for (Planned rest : planned.subList(index + 1, planned.size())) {
        done.add(new StatementImport(scope, rest.statement(), store, odoo, batchSize).result());
      }
      return Future.failedFuture(stopped(new BankImportReport(format, done, false), run.stop()));
    });
  }

  private static BankImportException stopped(BankImportReport partial, Throwable stop) {
    boolean odooRefused = stop instanceof OdooFault && (((OdooFault) stop).kind() == OdooFault.Kind.BUSINESS
        || ((OdooFault) stop).kind() == OdooFault.Kind.REQUEST);
    String done = (partial.count(LineOutcome.CREATED) + partial.count(LineOutcome.ALREADY_IMPORTED)) + " of "
        + partial.lineCount() + " lines are in Odoo";
    String cause = AccountNumberMask.maskAccountNumbersIn(stop.getMessage());
    if (odooRefused) {
      return new BankImportException(BankImportException.Reason.ODOO_REFUSED, "Odoo refused the gateway's request ("
          + cause + "); the import stopped: " + done, partial, stop);
    }
    String what = stop instanceof OdooFault ? "Odoo is unavailable (" + cause + ")" : "the gateway's store failed";
    return new BankImportException(BankImportException.Reason.INTERRUPTED, "the import stopped because " + what + ": "
        + done + "; send the same request again (same Idempotency-Key) to complete it without duplicates", partial,
        stop);
  }

  private void record(Buffer content, BankImportRequest request, TraceContext trace, long started,
      BankImportReport report, Throwable failure) {
    long elapsed = System.nanoTime() - started;
    BankImportReport lines = report != null ? report
        : failure instanceof BankImportException ? ((BankImportException) failure).partialReport() : null;
    String format = lines != null ? lines.format().displayName() : formatLabel(content, request.declaredFormat());
    String outcome = report != null ? report.outcome() : failure instanceof BankImportException
        ? ((BankImportException) failure).reason().name().toLowerCase(java.util.Locale.ROOT) : "failed";
    metrics.file(format, outcome, elapsed);
    if (lines != null) {
      metrics.lines(lines);
      LOG.atInfo().addKeyValue("correlationId", trace.correlationId()).addKeyValue("source", request.source())
          .log("bank statement import {}: {} {} lines: {} created, {} already imported, {} rejected, {} in progress, "
              + "{} not processed, {} ms", outcome, format, lines.lineCount(), lines.count(LineOutcome.CREATED),
              lines.count(LineOutcome.ALREADY_IMPORTED), lines.count(LineOutcome.REJECTED),
              lines.count(LineOutcome.IN_PROGRESS), lines.count(LineOutcome.NOT_PROCESSED), elapsed / 1_000_000);
    }
    if (failure != null && !(failure instanceof BankImportException && !((BankImportException) failure).retryable())) {
      LOG.atWarn().addKeyValue("correlationId", trace.correlationId())
          .log("bank statement import failed: {}", AccountNumberMask.maskAccountNumbersIn(String.valueOf(failure)));
    }
  }

  private static String formatLabel(Buffer content, BankStatementFormat declared) {
    if (declared != null) {
      return declared.displayName();
    }
    byte[] head = content.getBytes(0, Math.min(content.length(), BankStatementFormat.DETECTION_HEAD_BYTES));
    return BankStatementFormat.detect(head).map(BankStatementFormat::displayName).orElse("unknown");
  }
}
