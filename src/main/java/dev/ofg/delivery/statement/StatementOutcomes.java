package dev.ofg.delivery.statement;

import dev.ofg.bank.BankImportException;
import dev.ofg.bank.BankImportReport;
import dev.ofg.bank.LineOutcome;
import dev.ofg.bank.LineResult;
import dev.ofg.bank.StatementImportResult;
import dev.ofg.delivery.AttemptOutcome;
import dev.ofg.delivery.OdooFailures;
import dev.ofg.http.GatewayException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides what one import of a statement file means for its delivery: every line in Odoo (created now or before)
 * is delivered; lines another import is still creating, or an import interrupted by Odoo or the store, are
 * technical failures (the next attempt resumes without duplicates); a file the importer refuses (not a statement,
 * balances that do not add up, no journal) or lines Odoo refuses are business failures. Details name counts,
 * reasons and positions, never the file's text.
 */
final class StatementOutcomes {
  /** A quoted excerpt of the file, as the parsers quote one in their messages. */
  private static final Pattern EXCERPT = Pattern.compile("'[^']{0,60}'");
  private static final int MAX_REASON = 200;

  private StatementOutcomes() {
  }

  /** Returns the outcome of an import that finished (possibly with some lines not in Odoo). */
  static AttemptOutcome of(BankImportReport report) {
    long inProgress = report.count(LineOutcome.IN_PROGRESS);
    long rejected = report.count(LineOutcome.REJECTED);
    long notProcessed = report.count(LineOutcome.NOT_PROCESSED);
    if (!report.complete() || notProcessed > 0) {
      // The importer reports an interruption by failing; a finished report with unconfirmed lines is still not done.
      return new AttemptOutcome.Technical(null, "import incomplete: " + notProcessed + " of " + report.lineCount()
          + " lines not confirmed; the next attempt completes it without duplicates (" + summary(report) + ")", null);
    }
    if (inProgress > 0) {
      return new AttemptOutcome.Technical(null, inProgress + " of " + report.lineCount() + " lines are being "
          + "imported by another attempt right now; the next attempt learns their outcome (" + summary(report) + ")",
          null);
    }
    if (rejected > 0) {
      return new AttemptOutcome.Business(null, "Odoo refused " + rejected + " of " + report.lineCount() + " lines ("
          + firstRejection(report) + "); " + summary(report) + "; replay after fixing the cause in Odoo");
    }
    return new AttemptOutcome.Delivered(null, report.format().displayName() + " file imported into Odoo: "
        + summary(report));
  }

  /** Returns the outcome of an import that failed. */
  static AttemptOutcome classify(Throwable failure) {
    if (!(failure instanceof BankImportException refused)) {
      return OdooFailures.classify(failure);
    }
    GatewayException problem = refused.toProblem();
    String reason = refused.reason().name().toLowerCase(Locale.ROOT);
    if (refused.retryable()) {
      BankImportReport partial = refused.partialReport();
      String cause = refused.getCause() == null ? "" : " (" + refused.getCause().getMessage() + ")";
      return new AttemptOutcome.Technical(problem.status(), "import interrupted by " + problem.code().name() + cause
          + (partial == null ? "" : ": " + summary(partial)) + "; the next attempt completes it without duplicates",
          OdooFailures.retryAfter(problem));
    }
    return new AttemptOutcome.Business(problem.status(), "statement file refused (" + reason + "): "
        + withoutExcerpts(refused));
  }

  /** Counts what is in Odoo: {@code 12 lines: 10 created, 2 already imported}. */
  static String summary(BankImportReport report) {
    StringBuilder out = new StringBuilder().append(report.lineCount()).append(" lines: ");
    String separator = "";
    for (LineOutcome outcome : LineOutcome.values()) {
      long count = report.count(outcome);
      if (count > 0 || outcome == LineOutcome.CREATED) {
        out.append(separator).append(count).append(' ').append(outcome.label().replace('_', ' '));
        separator = ", ";
      }
    }
    return out.toString();
  }

  private static String firstRejection(BankImportReport report) {
    for (StatementImportResult statement : report.statements()) {
      for (LineResult line : statement.lines()) {
        if (line.outcome() == LineOutcome.REJECTED) {
          String reason = line.reason() == null ? "no reason given" : bounded(line.reason());
          return "line " + line.line().sequence() + " of " + statement.statementRef() + ": " + reason;
        }
      }
    }
    return "no reason given";
  }

  /**
   * Returns the refusal's message without the excerpts of the file the parsers quote in it ({@code 'abc'}): the
   * reason stays in the store, the audit trail and logs, where the file's text must not go.
   */
  private static String withoutExcerpts(BankImportException refused) {
    String message = refused.getMessage() == null ? "" : refused.getMessage();
    switch (refused.reason()) {
      case MALFORMED_STATEMENT:
      case UNSUPPORTED_FORMAT:
      case LIMIT_EXCEEDED:
        return bounded(EXCERPT.matcher(message).replaceAll("'...'"));
      default:
        return bounded(message);
    }
  }

  private static String bounded(String text) {
    return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "...";
  }
}
