package dev.ofg.bank;

import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.http.ProblemSource;
import dev.ofg.odoo.OdooFault;
import java.util.Objects;

/**
 * Reports a statement file the importer did not (completely) import: a bad file, a statement it cannot place in
 * Odoo, or an import that stopped because Odoo or the store became unavailable ({@link #retryable()}); in the
 * last case {@link #partialReport()} says what was done so far. Expected, so without a stack trace.
 */
public final class BankImportException extends RuntimeException implements ProblemSource {

  /** Says why; the webhook path dead-letters the permanent ones and retries the rest. */
  public enum Reason {
    /** The content is not a well-formed statement of its format. */
    MALFORMED_STATEMENT,
    /** The content is not a supported format, or not the declared one. */
    UNSUPPORTED_FORMAT,
    /** Opening balance plus booked lines does not equal the closing balance: nothing was imported. */
    BALANCE_MISMATCH,
    /** A size or count limit was exceeded. */
    LIMIT_EXCEEDED,
    /** No Odoo journal can take the statement (unknown code, no match, another currency). */
    NO_JOURNAL,
    /** Odoo refused the gateway's requests as such (access rights, unknown fields): an operator must act. */
    ODOO_REFUSED,
    /** Odoo or the store became unavailable midway; retrying completes the import without duplicates. */
    INTERRUPTED
  }

  private static final long serialVersionUID = 1L;

  private final Reason reason;
  private final transient BankImportReport partialReport;

  BankImportException(Reason reason, String message, BankImportReport partialReport, Throwable cause) {
    super(message, cause, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.partialReport = partialReport;
  }

  static BankImportException of(BankStatementException invalid) {
    Reason reason;
    switch (invalid.code()) {
      case UNSUPPORTED_FORMAT:
        reason = Reason.UNSUPPORTED_FORMAT;
        break;
      case BALANCE_MISMATCH:
        reason = Reason.BALANCE_MISMATCH;
        break;
      case LIMIT_EXCEEDED:
        reason = Reason.LIMIT_EXCEEDED;
        break;
      default:
        reason = Reason.MALFORMED_STATEMENT;
    }
    return new BankImportException(reason, invalid.getMessage(), null, invalid);
  }

  static BankImportException noJournal(String message) {
    return new BankImportException(Reason.NO_JOURNAL, message, null, null);
  }

  public Reason reason() {
    return reason;
  }

  /** Tells whether importing the same file again can succeed without anyone changing anything. */
  public boolean retryable() {
    return reason == Reason.INTERRUPTED;
  }

  /** Returns what was imported before the import stopped, or null when nothing was attempted. */
  public BankImportReport partialReport() {
    return partialReport;
  }

  @Override
  public GatewayException toProblem() {
    GatewayException problem = problem();
    return partialReport == null ? problem : problem.with("import", partialReport.toJson());
  }

  private GatewayException problem() {
    switch (reason) {
      case MALFORMED_STATEMENT:
        return GatewayException.of(ProblemCode.MALFORMED_STATEMENT, getMessage());
      case UNSUPPORTED_FORMAT:
        return GatewayException.of(ProblemCode.UNSUPPORTED_STATEMENT_FORMAT, getMessage());
      case BALANCE_MISMATCH:
        return GatewayException.of(ProblemCode.BALANCE_MISMATCH, getMessage() + "; no line was imported");
      case LIMIT_EXCEEDED:
        return GatewayException.of(ProblemCode.PAYLOAD_TOO_LARGE, getMessage());
      case NO_JOURNAL:
        return GatewayException.of(ProblemCode.UNPROCESSABLE, getMessage());
      case ODOO_REFUSED:
        return getCause() instanceof OdooFault && ((OdooFault) getCause()).code() == ProblemCode.ODOO_ACCESS_ERROR
            ? GatewayException.of(ProblemCode.ODOO_ACCESS_ERROR, getMessage())
            : GatewayException.of(ProblemCode.ODOO_BAD_GATEWAY, getMessage());
      default:
        ProblemCode code = getCause() instanceof OdooFault ? ((OdooFault) getCause()).code()
            : ProblemCode.STORE_UNAVAILABLE;
        Long retryAfter = getCause() instanceof OdooFault ? ((OdooFault) getCause()).toProblem().retryAfterSeconds()
            : null;
        return GatewayException.withRetryAfter(code.status() >= 500 ? code : ProblemCode.ODOO_UNAVAILABLE,
            getMessage(), retryAfter == null ? 5 : retryAfter);
    }
  }

  @Override
  public String toString() {
    return "BankImportException[" + reason + ": " + getMessage() + "]";
  }
}
